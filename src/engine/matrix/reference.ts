/**
 * The direct evaluator: every member pair of every node pair, per endpoint, with no classes,
 * no interning and no caches shared between endpoints. Slow (quadratic in pods); kept as the
 * reference the class-based matrix is tested against.
 */
import type { Endpoint, Profile } from '../model/endpoint';
import type { Direction } from '../model/policy';
import type { Workspace } from '../model/workspace';
import { ConnSet } from '../net';
import { allowedInDirection } from '../evaluate/symbolic';
import { applicableTiers, orderPolicies, type ApplicableTiers, type Scope } from '../evaluate/order';
import { endpointProfiles } from '../evaluate/profiles';
import type { Peer } from '../evaluate/peer';
import { fromOwnNode } from '../evaluate/nodelocal';
import { isAddressNode, type PairConnectivity } from './connectivity';
import { buildPeerUniverse } from './peers';

/** SPEC §4.2 between any two peers of the workspace, evaluated directly per endpoint. */
export function referencePeerEvaluator(ws: Workspace, scope: Scope): (src: Peer, dst: Peer) => ConnSet {
  const ordered = orderPolicies(ws);
  const tiers = new Map<Endpoint, ApplicableTiers[]>();
  const tiersFor = (ep: Endpoint, dir: Direction) => {
    let byDir = tiers.get(ep);
    if (!byDir) {
      byDir = [applicableTiers(ordered, ep, 'ingress', scope), applicableTiers(ordered, ep, 'egress', scope)];
      tiers.set(ep, byDir);
    }
    return byDir[dir === 'ingress' ? 0 : 1]!;
  };
  const profiles = new Map<Endpoint, Profile[]>();
  const profilesFor = (ep: Endpoint) => {
    let p = profiles.get(ep);
    if (!p) {
      p = endpointProfiles(ws, ep);
      profiles.set(ep, p);
    }
    return p;
  };
  const pair = (src: Peer, dst: Peer): ConnSet => {
    if (src.type === 'endpoint' && dst.type === 'endpoint' && src.ep === dst.ep && !src.ep.template) return ConnSet.all();
    let out = ConnSet.all();
    if (src.type === 'endpoint') out = out.intersect(allowedInDirection(tiersFor(src.ep, 'egress'), profilesFor(src.ep), 'egress', src, dst));
    if (out.isEmpty()) return out;
    // SPEC §6.34: from the destination pod's own node, the ingress side always allows.
    if (dst.type === 'endpoint' && !fromOwnNode(src, dst.ep)) out = out.intersect(allowedInDirection(tiersFor(dst.ep, 'ingress'), profilesFor(dst.ep), 'ingress', src, dst));
    return out;
  };
  return pair;
}

/** All ordered pairs of distinct nodes (not two address nodes) with their allowed connections, pod by pod. */
export function referenceConnectivity(ws: Workspace, scope: Scope = 'enforced'): PairConnectivity[] {
  const universe = buildPeerUniverse(ws);
  const pair = referencePeerEvaluator(ws, scope);
  const peers = new Map(ws.nodes.map((n) => [n.id, universe.peersOf(n)]));
  const out: PairConnectivity[] = [];
  for (const a of ws.nodes) {
    for (const b of ws.nodes) {
      if (a.id === b.id || (isAddressNode(a) && isAddressNode(b))) continue;
      let all: ConnSet | null = null;
      let some = ConnSet.none();
      for (const pa of peers.get(a.id)!) {
        for (const pb of peers.get(b.id)!) {
          const c = pair(pa, pb);
          all = all ? all.intersect(c) : c;
          some = some.union(c);
        }
      }
      out.push({ src: a.id, dst: b.id, allowed: all ?? ConnSet.none(), someAllowed: some });
    }
  }
  return out;
}
