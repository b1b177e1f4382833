import type { Endpoint, NetworkSet } from '../model/endpoint';
import type { EndpointSliceInfo } from '../model/service';
import type { ClusterNode, Workspace } from '../model/workspace';
import { rangeContains, splitAddressSpace, type IpRange } from '../net/ip';
import type { Peer } from '../evaluate/peer';
import { ConnSet, IntervalSet } from '../net';

/** Every peer of a workspace, built once: endpoints and the address blocks outside them. */
export interface PeerUniverse {
  /** The peer of an endpoint (with the network sets that contain its address as co-owners). */
  endpoint(ep: Endpoint): Peer;
  /** Address blocks not owned by an endpoint, each with the network sets containing it. */
  readonly blocks: Extract<Peer, { type: 'block' }>[];
  /**
   * Blocks covering the whole address space, endpoint addresses included, owned by network
   * sets only: how the corpus tools see "an IP range" (their ip-block nodes span pod IPs too).
   */
  readonly allBlocks: Extract<Peer, { type: 'block' }>[];
  /** The members of a graph node. */
  peersOf(node: ClusterNode): Peer[];
  /** IP versions whose address space is split into blocks: IPv4, and IPv6 when the workspace mentions it. */
  readonly versions: readonly (4 | 6)[];
  /** True when `r` lies wholly inside the addresses of the workspace's endpoints (it is no outside block). */
  coveredByEndpoints(r: IpRange): boolean;
  /** The network sets whose nets contain all of `r`. */
  setsContaining(r: IpRange): NetworkSet[];
  /** SPEC §3.6: the Services whose EndpointSlices list an address of `ips`, with the ports they give it (undefined: none). */
  backsOf(ips: readonly IpRange[]): ReadonlyMap<string, ConnSet> | undefined;
}

/** Sorted, disjoint, non-adjacent-merged ranges of one version. */
function mergeRanges(ranges: readonly IpRange[], v: 4 | 6): IpRange[] {
  const own = ranges.filter((r) => r.v === v).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: IpRange[] = [];
  for (const r of own) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi + 1n) {
      if (r.hi > last.hi) out[out.length - 1] = { v, lo: last.lo, hi: r.hi };
    } else out.push({ v, lo: r.lo, hi: r.hi });
  }
  return out;
}

/** Builds the peers once per workspace (blocks split at every range the workspace mentions). Blocks are built on first use. */
export function buildPeerUniverse(ws: Workspace): PeerUniverse {
  const versions: (4 | 6)[] = ws.cidrs.some((c) => c.v === 6) ? [4, 6] : [4];
  const endpoints = ws.nodes.flatMap((n) => (n.type === 'workload' ? n.endpoints : n.type === 'hostendpoint' ? [n.endpoint] : []));
  const endpointIps = endpoints.flatMap((e) => e.ips);
  const merged = { 4: mergeRanges(endpointIps, 4), 6: mergeRanges(endpointIps, 6) };
  const coveredByEndpoints = (r: IpRange): boolean => {
    // The merged range with the greatest start <= r.lo must reach r.hi.
    const list = merged[r.v];
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.lo <= r.lo) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && list[found]!.hi >= r.hi;
  };
  const setsContaining = (r: IpRange) => ws.networkSets.filter((s) => s.nets.some((n) => rangeContains(n, r)));
  // Slice addresses are single IPs (the API server checks it): index the slices by address.
  const byAddress = new Map<string, EndpointSliceInfo[]>();
  const addressKey = (r: IpRange) => `${r.v}:${r.lo}`;
  for (const slice of [...ws.endpointSlices.values()].flat()) {
    for (const a of slice.addresses) {
      const list = byAddress.get(addressKey(a));
      if (!list) byAddress.set(addressKey(a), [slice]);
      else if (!list.includes(slice)) list.push(slice);
    }
  }
  const backsOf = (ips: readonly IpRange[]): ReadonlyMap<string, ConnSet> | undefined => {
    // A block is split at every slice address: it is one of them or holds none.
    const hits = new Set<EndpointSliceInfo>();
    for (const ip of ips) if (ip.lo === ip.hi) for (const s of byAddress.get(addressKey(ip)) ?? []) hits.add(s);
    if (hits.size === 0) return undefined;
    const out = new Map<string, ConnSet>();
    for (const slice of hits) {
      let set = out.get(slice.service) ?? ConnSet.none();
      for (const p of slice.ports) set = set.union(ConnSet.ports(p.protocol, IntervalSet.range(p.port, p.port)));
      out.set(slice.service, set);
    }
    return out;
  };
  const withBacks = <P extends Peer>(p: P, ips: readonly IpRange[]): P => {
    const backs = backsOf(ips);
    if (backs) p.backs = backs;
    return p;
  };
  let allBlocks: Extract<Peer, { type: 'block' }>[] | undefined;
  let blocks: Extract<Peer, { type: 'block' }>[] | undefined;
  const getAll = () => {
    allBlocks ??= splitAddressSpace(ws.cidrs, versions)
      .map((block) => withBacks({ type: 'block' as const, block, owners: setsContaining(block).map((s) => s.labels) }, [block]));
    return allBlocks;
  };
  // An endpoint's own address is that endpoint, not an outside block. Blocks are split at every
  // endpoint address, so a block inside the union of endpoint addresses is inside one of them.
  const getBlocks = () => {
    blocks ??= getAll().filter((b) => !coveredByEndpoints(b.block));
    return blocks;
  };
  const cache = new Map<Endpoint, Peer>();
  const endpoint = (ep: Endpoint): Peer => {
    let p = cache.get(ep);
    if (!p) {
      const sets = new Set(ep.ips.flatMap(setsContaining));
      // SPEC §1.7: a host endpoint is in rule selectors' IP sets only through its expectedIPs.
      const selectable = ep.kind !== 'hep' || ep.ips.length > 0;
      p = withBacks<Peer>(ep.hostNetwork
        ? { type: 'host', ep, owners: [] }
        : { type: 'endpoint', ep, owners: [...(selectable ? [ep.labels] : []), ...[...sets].map((s) => s.labels)] }, ep.ips);
      cache.set(ep, p);
    }
    return p;
  };
  const inSomeSet = (b: IpRange) => ws.networkSets.some((s) => s.nets.some((n) => rangeContains(n, b)));
  // External nodes that stand for named addresses (the cluster's nodes) take them from the internet.
  const namedExternal = ws.nodes.flatMap((n) => (n.type === 'external' && n.nets ? n.nets : []));
  const inNets = (nets: readonly IpRange[], b: IpRange) => nets.some((n) => rangeContains(n, b));
  return {
    endpoint,
    get blocks() {
      return getBlocks();
    },
    get allBlocks() {
      return getAll();
    },
    versions,
    coveredByEndpoints,
    setsContaining,
    backsOf,
    peersOf(node) {
      switch (node.type) {
        case 'workload': return node.endpoints.map(endpoint);
        case 'hostendpoint': return [endpoint(node.endpoint)];
        case 'networkset': return getBlocks().filter((b) => node.set.nets.some((n) => rangeContains(n, b.block)));
        case 'external': {
          const nets = node.nets;
          return getBlocks().filter((b) => !inSomeSet(b.block) && (nets ? inNets(nets, b.block) : !inNets(namedExternal, b.block)));
        }
      }
    },
  };
}
