import type { Endpoint } from '../model/endpoint';
import type { ClusterNode, Workspace } from '../model/workspace';
import { rangeContains, splitAddressSpace, type IpRange } from '../net/ip';
import type { Peer } from '../evaluate/peer';

/** Every peer of a workspace, built once: endpoints and the address blocks outside them. */
export interface PeerUniverse {
  /** The peer of an endpoint (with the network sets that contain its address as co-owners). */
  endpoint(ep: Endpoint): Peer;
  /** Address blocks not owned by an endpoint, each with the network sets containing it. */
  blocks: Extract<Peer, { type: 'block' }>[];
  /**
   * Blocks covering the whole address space, endpoint addresses included, owned by network
   * sets only: how the corpus tools see "an IP range" (their ip-block nodes span pod IPs too).
   */
  allBlocks: Extract<Peer, { type: 'block' }>[];
  /** The members of a graph node. */
  peersOf(node: ClusterNode): Peer[];
}

/** Builds the peers once per workspace (blocks split at every range the workspace mentions). */
export function buildPeerUniverse(ws: Workspace): PeerUniverse {
  const versions: (4 | 6)[] = ws.cidrs.some((c) => c.v === 6) ? [4, 6] : [4];
  const endpoints = ws.nodes.flatMap((n) => (n.type === 'workload' ? n.endpoints : n.type === 'hostendpoint' ? [n.endpoint] : []));
  const endpointIps = endpoints.flatMap((e) => e.ips);
  const setsContaining = (r: IpRange) => ws.networkSets.filter((s) => s.nets.some((n) => rangeContains(n, r)));
  const allBlocks = splitAddressSpace(ws.cidrs, versions)
    .map((block) => ({ type: 'block' as const, block, owners: setsContaining(block).map((s) => s.labels) }));
  // An endpoint's own address is that endpoint, not an outside block.
  const blocks = allBlocks.filter((b) => !endpointIps.some((ip) => rangeContains(ip, b.block)));
  const cache = new Map<Endpoint, Peer>();
  const endpoint = (ep: Endpoint): Peer => {
    let p = cache.get(ep);
    if (!p) {
      const sets = new Set(ep.ips.flatMap(setsContaining));
      p = ep.hostNetwork
        ? { type: 'host', ep, owners: [] }
        : { type: 'endpoint', ep, owners: [ep.labels, ...[...sets].map((s) => s.labels)] };
      cache.set(ep, p);
    }
    return p;
  };
  const inSomeSet = (b: IpRange) => ws.networkSets.some((s) => s.nets.some((n) => rangeContains(n, b)));
  return {
    endpoint,
    blocks,
    allBlocks,
    peersOf(node) {
      switch (node.type) {
        case 'workload': return node.endpoints.map(endpoint);
        case 'hostendpoint': return [endpoint(node.endpoint)];
        case 'networkset': return blocks.filter((b) => node.set.nets.some((n) => rangeContains(n, b.block)));
        case 'external': return blocks.filter((b) => !inSomeSet(b.block));
      }
    },
  };
}
