import { universeOf, type Session } from '../analysis';
import type { Endpoint } from '../model/endpoint';
import { findPod, podNodeId } from '../model/pod';
import { parseCidr } from '../net/ip';

/**
 * Where a replayed flow lands on the graph: the node ids of its ends (a workload, a host
 * endpoint, the internet, a CIDR node, a network set), and the pod's id when the record
 * names one pod, so that an expanded workload shows the badge on the pod's own edge.
 */
export interface GraphEnd {
  node: string;
  pod?: string;
}

/** Resolves the refs {@link resolveEnd} returns to graph ends; built once per count. */
export function graphEnds(session: Session): (ref: string) => GraphEnd | null {
  const ws = session.workspace;
  const owner = new Map<Endpoint, string>();
  for (const n of ws.nodes) {
    if (n.type === 'workload') for (const ep of n.endpoints) owner.set(ep, n.id);
    else if (n.type === 'hostendpoint') owner.set(n.endpoint, n.id);
  }
  const ids = new Set(ws.nodes.map((n) => n.id));
  const byId = new Map(ws.nodes.map((n) => [n.id, n]));
  // Address nodes hold disjoint blocks (engine/analysis.ts): the one containing an address owns it.
  let holders: { node: string; v: number; lo: bigint; hi: bigint }[] | undefined;
  const addressHolders = () => {
    if (holders) return holders;
    const universe = universeOf(session);
    holders = [];
    for (const n of ws.nodes) {
      if (n.type !== 'external' && n.type !== 'networkset') continue;
      for (const p of universe.peersOf(n)) if (p.type === 'block') holders.push({ node: n.id, v: p.block.v, lo: p.block.lo, hi: p.block.hi });
    }
    return holders;
  };
  const ofEndpoint = (ep: Endpoint): GraphEnd | null => {
    const node = owner.get(ep);
    if (!node) return null;
    return ep.kind === 'pod' && !ep.template ? { node, pod: podNodeId(ep) } : { node };
  };
  const cache = new Map<string, GraphEnd | null>();
  const resolve = (ref: string): GraphEnd | null => {
    if (ref.startsWith('pod:')) {
      const pod = findPod(ws, ref);
      return pod ? ofEndpoint(pod.ep) : null;
    }
    if (ids.has(ref)) {
      // A workload of one listed pod: every record of it is that pod's (its badge follows it when expanded).
      const n = byId.get(ref);
      const pods = n?.type === 'workload' ? n.endpoints.filter((e) => e.kind === 'pod' && !e.template) : [];
      return pods.length === 1 && n?.type === 'workload' && n.workloadKind !== 'Pod' ? { node: ref, pod: podNodeId(pods[0]!) } : { node: ref };
    }
    const ip = parseCidr(ref);
    if ('error' in ip) return null;
    for (const [ep] of owner) if (ep.ips.some((x) => x.v === ip.v && x.lo <= ip.lo && ip.hi <= x.hi)) return ofEndpoint(ep);
    const h = addressHolders().find((b) => b.v === ip.v && b.lo <= ip.lo && ip.hi <= b.hi);
    return h ? { node: h.node } : null;
  };
  return (ref) => {
    let end = cache.get(ref);
    if (end === undefined) cache.set(ref, (end = resolve(ref)));
    return end;
  };
}
