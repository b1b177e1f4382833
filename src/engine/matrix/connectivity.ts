import type { Endpoint } from '../model/endpoint';
import type { Direction } from '../model/policy';
import type { ClusterNode, Workspace } from '../model/workspace';
import { ConnSet } from '../net';
import { splitAddressSpace } from '../net/ip';
import { allowedInDirection } from '../evaluate/symbolic';
import { applicableTiers, orderPolicies, type ApplicableTiers, type OrderedTier, type Scope } from '../evaluate/order';
import type { Peer } from '../evaluate/peer';

/** Allowed connections between two graph nodes. */
export interface PairConnectivity {
  src: string;
  dst: string;
  /** Connections allowed between every member of src and every member of dst. */
  allowed: ConnSet;
  /** Connections allowed between at least one member pair (differs from `allowed` when members differ). */
  someAllowed: ConnSet;
}

/** Per-endpoint applicable tiers, computed once per direction and scope. */
export class PolicyIndex {
  private readonly ordered: OrderedTier[];
  private readonly cache = new Map<string, ApplicableTiers>();
  constructor(readonly ws: Workspace, readonly scope: Scope) {
    this.ordered = orderPolicies(ws);
  }
  tiersFor(ep: Endpoint, dir: Direction): ApplicableTiers {
    const key = `${dir}|${ep.nodeId}|${ep.name}`;
    let t = this.cache.get(key);
    if (!t) {
      t = applicableTiers(this.ordered, ep, dir, this.scope);
      this.cache.set(key, t);
    }
    return t;
  }
}

/** The peers a node stands for: its pods, or its address blocks split at every policy CIDR. */
export function nodePeers(node: ClusterNode, ws: Workspace): Peer[] {
  if (node.type === 'workload') return node.endpoints.map((ep) => ({ type: 'endpoint', ep }));
  const cuts = splitAddressSpace(ws.cidrs, [...new Set(node.blocks.map((b) => b.v))]);
  return cuts.filter((c) => node.blocks.some((b) => b.v === c.v && b.lo <= c.lo && c.hi <= b.hi)).map((block) => ({ type: 'block', block }));
}

/** SPEC §4.2: egress at the source endpoint AND ingress at the destination endpoint. */
export function peerConnectivity(index: PolicyIndex, src: Peer, dst: Peer): ConnSet {
  let out = ConnSet.all();
  if (src.type === 'endpoint') out = out.intersect(allowedInDirection(index.tiersFor(src.ep, 'egress'), 'egress', src, dst));
  if (out.isEmpty()) return out;
  if (dst.type === 'endpoint') out = out.intersect(allowedInDirection(index.tiersFor(dst.ep, 'ingress'), 'ingress', src, dst));
  return out;
}

/**
 * All ordered pairs of distinct nodes with their allowed connections. External nodes are not
 * paired with each other (no policy is enforced between two outside addresses).
 */
export function computeConnectivity(ws: Workspace, scope: Scope = 'enforced'): PairConnectivity[] {
  const index = new PolicyIndex(ws, scope);
  const peers = new Map(ws.nodes.map((n) => [n.id, nodePeers(n, ws)]));
  const out: PairConnectivity[] = [];
  for (const a of ws.nodes) {
    for (const b of ws.nodes) {
      if (a.id === b.id || (a.type === 'external' && b.type === 'external')) continue;
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
