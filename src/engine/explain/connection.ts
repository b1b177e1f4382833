/**
 * Explanations: how a user names the ends of a connection, and why one flow between them is
 * allowed or denied, on both ends (tier -> policy -> rule -> action, end of tier, profile).
 */
import { scopeOf, universeOf, type Session } from '../analysis';
import type { ClusterNode } from '../model/workspace';
import { PolicyIndex } from '../matrix/connectivity';
import type { Peer } from '../evaluate/peer';
import { decideDirection, type DirectionDecision, type Flow } from '../evaluate/trace';
import { fromOwnNode } from '../evaluate/nodelocal';
import { parseCidr } from '../net/ip';
import { findPod } from '../model/pod';
import { formatDirection } from './format';

/** Why one flow between two nodes is allowed or denied, on both ends (SPEC §4.2, §4.10). */
export interface ConnectionExplanation {
  src: string;
  dst: string;
  flow: Flow;
  allowed: boolean;
  egress: DirectionDecision;
  ingress: DirectionDecision;
  /** The same, as readable lines (CLI, inspector copy, goldens). */
  text: string[];
}

function peerName(n: ClusterNode): string {
  return n.type === 'workload' ? `${n.namespace}/${n.name}` : n.name;
}

/**
 * Resolves how a user names one end of a connection: a node id (`wl:ns/Kind/name`,
 * `pod:ns/name`, `ext:internet`), `ns/name` or `ns/name[Kind]` (a workload or a pod), or an address
 * (`10.1.2.3`, `ip:10.1.2.3`): a pod's IP resolves to that pod, any other address to the
 * external block that contains it.
 */
export function resolvePeer(session: Session, ref: string): { peer: Peer; label: string } | { error: string } {
  const ws = session.workspace;
  const universe = universeOf(session);
  // A pod id names exactly one endpoint (model/pod.ts), whether or not its workload is expanded.
  const pod = ref.startsWith('pod:') ? findPod(ws, ref) : undefined;
  if (pod) return { peer: universe.endpoint(pod.ep), label: `${pod.ep.namespace}/${pod.ep.name}` };
  const byId = ws.nodes.find((n) => n.id === ref);
  if (byId) {
    const peer = universe.peersOf(byId)[0];
    return peer ? { peer, label: peerName(byId) } : { error: `${ref} has no members` };
  }
  const addr = ref.startsWith('ip:') ? ref.slice(3) : ref;
  const ip = addr.includes('/') ? null : parseCidr(addr); // `ns/name` is never an address
  if (ip && !('error' in ip)) {
    for (const n of ws.nodes) {
      const eps = n.type === 'workload' ? n.endpoints : n.type === 'hostendpoint' ? [n.endpoint] : [];
      const ep = eps.find((e) => e.ips.some((x) => x.v === ip.v && x.lo <= ip.lo && ip.hi <= x.hi));
      if (ep) return { peer: universe.endpoint(ep), label: ep.kind === 'hep' ? ep.name : `${ep.namespace}/${ep.name}` };
    }
    const block = universe.blocks.find((b) => b.block.v === ip.v && b.block.lo <= ip.lo && ip.hi <= b.block.hi);
    return block ? { peer: block, label: addr } : { error: `no block for ${addr}` };
  }
  const m = /^([^/]+)\/([^[\]]+)(?:\[(\w+)\])?$/.exec(ref);
  if (m) {
    const [, ns, name, kind] = m;
    for (const n of ws.nodes) {
      if (n.type !== 'workload' || n.namespace !== ns) continue;
      if (n.name === name && (!kind || n.workloadKind === kind)) return { peer: universe.endpoint(n.endpoints[0]!), label: `${ns}/${name}` };
      const ep = !kind ? n.endpoints.find((e) => e.name === name) : undefined;
      if (ep) return { peer: universe.endpoint(ep), label: `${ns}/${name}` };
    }
  }
  const hep = ws.nodes.find((n) => n.type === 'hostendpoint' && n.name === ref);
  if (hep?.type === 'hostendpoint') return { peer: universe.endpoint(hep.endpoint), label: hep.name };
  return { error: `no workload, pod, host endpoint, node id or address '${ref}' in the workspace` };
}

/** Explains one flow between two ends named as {@link resolvePeer} accepts (first member of a workload). */
export function explainConnection(session: Session, srcRef: string, dstRef: string, flow: Flow, scope: 'enforced' | 'pending' = 'enforced'): ConnectionExplanation | { error: string } {
  const a = resolvePeer(session, srcRef);
  if ('error' in a) return a;
  const b = resolvePeer(session, dstRef);
  if ('error' in b) return b;
  const evaluation = scopeOf(session, scope);
  const d = decide(new PolicyIndex(evaluation.view.universe, evaluation.view), a.peer, b.peer, flow);
  if (d.self) return { src: srcRef, dst: dstRef, flow, allowed: true, egress: d.egress, ingress: d.ingress, text: [`${a.label} to its own address: not subject to policy`] };
  return {
    src: srcRef, dst: dstRef, flow, allowed: d.egress.allowed && d.ingress.allowed, egress: d.egress, ingress: d.ingress,
    text: [...formatDirection(d.egress, a.label), ...formatDirection(d.ingress, b.label)],
  };
}

/** A connection's decision on both ends, without the text. */
export type ConnectionDecision = Pick<ConnectionExplanation, 'allowed' | 'egress' | 'ingress'>;

/**
 * {@link explainConnection} for many flows of one scope (replaying a flow log): one policy
 * index and one resolution per end for all of them, and no text.
 */
export function connectionDecider(session: Session, scope: 'enforced' | 'pending'): (srcRef: string, dstRef: string, flow: Flow) => ConnectionDecision | { error: string } {
  const evaluation = scopeOf(session, scope);
  const index = new PolicyIndex(evaluation.view.universe, evaluation.view);
  const peers = new Map<string, ReturnType<typeof resolvePeer>>();
  const peer = (ref: string) => {
    let p = peers.get(ref);
    if (!p) peers.set(ref, (p = resolvePeer(session, ref)));
    return p;
  };
  return (srcRef, dstRef, flow) => {
    const a = peer(srcRef);
    if ('error' in a) return a;
    const b = peer(dstRef);
    if ('error' in b) return b;
    const d = decide(index, a.peer, b.peer, flow);
    return { allowed: d.egress.allowed && d.ingress.allowed, egress: d.egress, ingress: d.ingress };
  };
}

function decide(index: PolicyIndex, src: Peer, dst: Peer, flow: Flow): { egress: DirectionDecision; ingress: DirectionDecision; self: boolean } {
  const notEnforced = (direction: 'egress' | 'ingress'): DirectionDecision => ({ direction, enforced: false, allowed: true, steps: [] });
  if (src.type === 'endpoint' && dst.type === 'endpoint' && src.ep === dst.ep && !src.ep.template) {
    // SPEC §6.35: a pod reaching its own address never meets policy.
    return { egress: notEnforced('egress'), ingress: notEnforced('ingress'), self: true };
  }
  const egress = src.type === 'endpoint'
    ? decideDirection(index.tiersFor(src.ep, 'egress'), index.profilesFor(src.ep), 'egress', src, dst, flow) : notEnforced('egress');
  let ingress = dst.type === 'endpoint'
    ? decideDirection(index.tiersFor(dst.ep, 'ingress'), index.profilesFor(dst.ep), 'ingress', src, dst, flow) : notEnforced('ingress');
  if (dst.type === 'endpoint' && fromOwnNode(src, dst.ep)) {
    // SPEC §4.2, §6.34: a host reaches its local pods whatever their ingress policy says.
    ingress = { direction: 'ingress', enforced: true, allowed: true, steps: [{ kind: 'own-node', ...(dst.ep.node?.name ? { node: dst.ep.node.name } : {}), action: 'allow' }] };
  }
  return { egress, ingress, self: false };
}
