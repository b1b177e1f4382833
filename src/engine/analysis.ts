import type { Diagnostic } from './model/diagnostics';
import type { ClusterNode, Workspace } from './model/workspace';
import { ConnSet, formatConnSet, type ConnSetJSON } from './net';
import { buildWorkspace } from './parse/workspace';
import type { WorkspaceFile } from './parse/documents';
import { computeConnectivity, PolicyIndex } from './matrix/connectivity';
import { buildPeerUniverse, type PeerUniverse } from './matrix/peers';
import type { Peer } from './evaluate/peer';
import { parseCidr } from './net/ip';
import { decideDirection, type DirectionDecision, type Flow } from './evaluate/trace';
import { formatDirection } from './explain/format';

/** Edge colour: everything allowed, some connections, or nothing (design.md `data-verdict`). */
export type Verdict = 'allow' | 'partial' | 'deny';

/** A graph node as plain data (crosses the worker boundary). */
export interface NodeData {
  id: string;
  kind: 'namespace' | 'workload' | 'hostendpoint' | 'networkset' | 'external';
  name: string;
  namespace?: string;
  workloadKind?: string;
  labels: Record<string, string>;
  replicas?: number;
  serviceAccount?: string;
  ports?: { name: string; protocol: number; port: number }[];
  /** Host-networked pods: shown, but no policy applies to them (SPEC §6.33). */
  hostNetwork?: boolean;
}

/** An ordered pair of nodes with its verdict and allowed connections. */
export interface EdgeData {
  id: string;
  source: string;
  target: string;
  verdict: Verdict;
  /** Corpus grammar, NCA conventions: `All Connections`, `TCP 80,UDP 53`, `No Connections`. */
  connections: string;
  allowed: ConnSetJSON;
  /** True when members of the nodes (pods of a workload, address blocks) are not all treated alike. */
  mixed: boolean;
  /** Verdict with staged policies enforced too (SPEC §4.9); present only when the workspace has staged policies. */
  pendingVerdict?: Verdict;
  pendingConnections?: string;
}

/** The whole result of evaluating a workspace, as plain data. */
export interface AnalysisResult {
  nodes: NodeData[];
  edges: EdgeData[];
  diagnostics: Diagnostic[];
  counts: Record<Verdict, number>;
  policyCount: number;
}

/** SPEC-free presentation rule: all of every protocol is "allow", nothing is "deny". */
export function verdictOf(c: ConnSet): Verdict {
  if (c.isEmpty()) return 'deny';
  return c.isAll() ? 'allow' : 'partial';
}

function nodeData(n: ClusterNode): NodeData {
  if (n.type === 'external') return { id: n.id, kind: 'external', name: n.name, labels: {} };
  if (n.type === 'networkset') return { id: n.id, kind: 'networkset', name: n.name, labels: { ...n.labels }, ...(n.namespace ? { namespace: n.namespace } : {}) };
  if (n.type === 'hostendpoint') {
    return { id: n.id, kind: 'hostendpoint', name: n.name, labels: { ...n.labels }, ports: n.endpoint.namedPorts.map((p) => ({ ...p })) };
  }
  const ep = n.endpoints[0];
  return {
    id: n.id, kind: 'workload', name: n.name, namespace: n.namespace, workloadKind: n.workloadKind,
    labels: { ...n.labels }, replicas: n.replicas,
    ...(ep ? { serviceAccount: ep.serviceAccount, ports: ep.namedPorts.map((p) => ({ ...p })) } : {}),
    ...(ep?.hostNetwork ? { hostNetwork: true } : {}),
  };
}

/** A workspace read and indexed once, kept by the worker to answer explanations. */
export interface Session {
  workspace: Workspace;
  result: AnalysisResult;
  /** Built on the first explanation and reused (explanations come one click at a time). */
  peers?: PeerUniverse;
}

function universeOf(session: Session): PeerUniverse {
  session.peers ??= buildPeerUniverse(session.workspace);
  return session.peers;
}

/** Reads and evaluates a workspace: every node, every ordered pair, every diagnostic. */
export function analyzeWorkspace(files: readonly WorkspaceFile[]): Session {
  const ws = buildWorkspace(files);
  const enforced = computeConnectivity(ws, 'enforced');
  const hasStaged = ws.policies.some((p) => p.staged);
  const pending = hasStaged ? computeConnectivity(ws, 'pending') : null;
  const counts: Record<Verdict, number> = { allow: 0, partial: 0, deny: 0 };
  const edges = enforced.map((p, i): EdgeData => {
    const verdict = p.allowed.equals(p.someAllowed) ? verdictOf(p.allowed) : p.someAllowed.isEmpty() ? 'deny' : 'partial';
    counts[verdict]++;
    const edge: EdgeData = {
      id: `${p.src}->${p.dst}`, source: p.src, target: p.dst, verdict,
      connections: formatConnSet(p.allowed, 'nca'), allowed: p.allowed.toJSON(), mixed: !p.allowed.equals(p.someAllowed),
    };
    const pend = pending?.[i];
    if (pend) {
      edge.pendingVerdict = verdictOf(pend.allowed);
      edge.pendingConnections = formatConnSet(pend.allowed, 'nca');
    }
    return edge;
  });
  const used = new Set(ws.nodes.flatMap((n) => (n.type === 'workload' ? [n.namespace] : [])));
  const namespaces: NodeData[] = [...ws.namespaces.values()]
    .filter((ns) => ns.declared || used.has(ns.name))
    .map((ns) => ({ id: `ns:${ns.name}`, kind: 'namespace', name: ns.name, labels: { ...ns.labels } }));
  return {
    workspace: ws,
    result: { nodes: [...namespaces, ...ws.nodes.map(nodeData)], edges, diagnostics: ws.diagnostics, counts, policyCount: ws.policies.length },
  };
}

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
 * `ext:internet`), `ns/name` or `ns/name[Kind]` (a workload or a pod), or an address
 * (`10.1.2.3`, `ip:10.1.2.3`): a pod's IP resolves to that pod, any other address to the
 * external block that contains it.
 */
export function resolvePeer(session: Session, ref: string): { peer: Peer; label: string } | { error: string } {
  const ws = session.workspace;
  const universe = universeOf(session);
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
  const src = a.peer;
  const dst = b.peer;
  const index = new PolicyIndex(session.workspace, scope, universeOf(session));
  const notEnforced = (direction: 'egress' | 'ingress'): DirectionDecision => ({ direction, enforced: false, allowed: true, steps: [] });
  if (src.type === 'endpoint' && dst.type === 'endpoint' && src.ep === dst.ep) {
    // SPEC §6.35: a pod reaching its own address never meets policy.
    const self = (direction: 'egress' | 'ingress'): DirectionDecision => ({ direction, enforced: false, allowed: true, steps: [] });
    return { src: srcRef, dst: dstRef, flow, allowed: true, egress: self('egress'), ingress: self('ingress'), text: [`${a.label} to its own address: not subject to policy`] };
  }
  const egress = src.type === 'endpoint'
    ? decideDirection(index.tiersFor(src.ep, 'egress'), index.profilesFor(src.ep), 'egress', src, dst, flow) : notEnforced('egress');
  const ingress = dst.type === 'endpoint'
    ? decideDirection(index.tiersFor(dst.ep, 'ingress'), index.profilesFor(dst.ep), 'ingress', src, dst, flow) : notEnforced('ingress');
  return {
    src: srcRef, dst: dstRef, flow, allowed: egress.allowed && ingress.allowed, egress, ingress,
    text: [...formatDirection(egress, a.label), ...formatDirection(ingress, b.label)],
  };
}

/** Rebuilds a connection set sent across the worker boundary. */
export function connSetFromJSON(j: ConnSetJSON): ConnSet {
  return ConnSet.fromJSON(j);
}
