import type { Endpoint, Profile } from '../model/endpoint';
import type { Direction } from '../model/policy';
import type { Workspace } from '../model/workspace';
import { ConnSet } from '../net';
import { allowedInDirection } from '../evaluate/symbolic';
import { applicableTiers, orderPolicies, type ApplicableTiers, type OrderedTier, type Scope } from '../evaluate/order';
import { endpointProfiles } from '../evaluate/profiles';
import type { Peer } from '../evaluate/peer';
import { buildPeerUniverse, type PeerUniverse } from './peers';

/** Allowed connections between two graph nodes. */
export interface PairConnectivity {
  src: string;
  dst: string;
  /** Connections allowed between every member of src and every member of dst. */
  allowed: ConnSet;
  /** Connections allowed between at least one member pair (differs from `allowed` when members differ). */
  someAllowed: ConnSet;
}

/** Per-workspace evaluation context: peers, and per-endpoint applicable tiers and profiles, computed once. */
export class PolicyIndex {
  private readonly ordered: OrderedTier[];
  private readonly tiers = new Map<Endpoint, ApplicableTiers[]>();
  private readonly profiles = new Map<Endpoint, Profile[]>();
  readonly peers: PeerUniverse;

  constructor(readonly ws: Workspace, readonly scope: Scope, peers?: PeerUniverse) {
    this.ordered = orderPolicies(ws);
    this.peers = peers ?? buildPeerUniverse(ws);
  }

  tiersFor(ep: Endpoint, dir: Direction): ApplicableTiers {
    let byDir = this.tiers.get(ep);
    if (!byDir) {
      byDir = [applicableTiers(this.ordered, ep, 'ingress', this.scope), applicableTiers(this.ordered, ep, 'egress', this.scope)];
      this.tiers.set(ep, byDir);
    }
    return byDir[dir === 'ingress' ? 0 : 1]!;
  }

  profilesFor(ep: Endpoint): Profile[] {
    let p = this.profiles.get(ep);
    if (!p) {
      p = endpointProfiles(this.ws, ep);
      this.profiles.set(ep, p);
    }
    return p;
  }
}

/**
 * SPEC §4.2: egress at the source endpoint AND ingress at the destination endpoint. A pod
 * reaching its own address never meets policy (SPEC §6.35).
 */
export function peerConnectivity(index: PolicyIndex, src: Peer, dst: Peer): ConnSet {
  if (src.type === 'endpoint' && dst.type === 'endpoint' && src.ep === dst.ep) return ConnSet.all();
  let out = ConnSet.all();
  if (src.type === 'endpoint') out = out.intersect(allowedInDirection(index.tiersFor(src.ep, 'egress'), index.profilesFor(src.ep), 'egress', src, dst));
  if (out.isEmpty()) return out;
  if (dst.type === 'endpoint') out = out.intersect(allowedInDirection(index.tiersFor(dst.ep, 'ingress'), index.profilesFor(dst.ep), 'ingress', src, dst));
  return out;
}

/** Nodes that stand for outside addresses: no policy is enforced between two of them. */
const isAddressNode = (type: string) => type === 'external' || type === 'networkset';

/** All ordered pairs of distinct nodes with their allowed connections. */
export function computeConnectivity(ws: Workspace, scope: Scope = 'enforced'): PairConnectivity[] {
  const index = new PolicyIndex(ws, scope);
  const peers = new Map(ws.nodes.map((n) => [n.id, index.peers.peersOf(n)]));
  const out: PairConnectivity[] = [];
  for (const a of ws.nodes) {
    for (const b of ws.nodes) {
      if (a.id === b.id || (isAddressNode(a.type) && isAddressNode(b.type))) continue;
      let all: ConnSet | null = null;
      let some = ConnSet.none();
      for (const pa of peers.get(a.id)!) {
        for (const pb of peers.get(b.id)!) {
          const c = peerConnectivity(index, pa, pb);
          all = all ? all.intersect(c) : c;
          some = some.union(c);
        }
      }
      out.push({ src: a.id, dst: b.id, allowed: all ?? ConnSet.none(), someAllowed: some });
    }
  }
  return out;
}
