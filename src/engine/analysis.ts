import type { Diagnostic } from './model/diagnostics';
import type { ClusterNode, Workspace } from './model/workspace';
import { ConnSet, formatConnSet, type ConnSetJSON } from './net';
import { buildWorkspace } from './parse/workspace';
import type { WorkspaceFile } from './parse/documents';
import { computeConnectivity, nodePeers, PolicyIndex } from './matrix/connectivity';
import { decideDirection, type DirectionDecision, type Flow } from './evaluate/trace';
import { formatDirection } from './explain/format';

/** Edge colour: everything allowed, some connections, or nothing (design.md `data-verdict`). */
export type Verdict = 'allow' | 'partial' | 'deny';

/** A graph node as plain data (crosses the worker boundary). */
export interface NodeData {
  id: string;
  kind: 'namespace' | 'workload' | 'external';
  name: string;
  namespace?: string;
  workloadKind?: string;
  labels: Record<string, string>;
  replicas?: number;
  serviceAccount?: string;
  ports?: { name: string; protocol: number; port: number }[];
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
  const ep = n.endpoints[0];
  return {
    id: n.id, kind: 'workload', name: n.name, namespace: n.namespace, workloadKind: n.workloadKind,
    labels: { ...n.labels }, replicas: n.replicas,
    ...(ep ? { serviceAccount: ep.serviceAccount, ports: ep.namedPorts.map((p) => ({ ...p })) } : {}),
  };
}

/** A workspace read and indexed once, kept by the worker to answer explanations. */
export interface Session {
  workspace: Workspace;
  result: AnalysisResult;
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

/** Explains one flow between the first member of `srcId` and the first member of `dstId`. */
export function explainConnection(session: Session, srcId: string, dstId: string, flow: Flow, scope: 'enforced' | 'pending' = 'enforced'): ConnectionExplanation | { error: string } {
  const ws = session.workspace;
  const a = ws.nodes.find((n) => n.id === srcId);
  const b = ws.nodes.find((n) => n.id === dstId);
  if (!a || !b) return { error: `unknown node ${!a ? srcId : dstId}` };
  const src = nodePeers(a, ws)[0];
  const dst = nodePeers(b, ws)[0];
  if (!src || !dst) return { error: 'node has no members' };
  const index = new PolicyIndex(ws, scope);
  const notEnforced = (direction: 'egress' | 'ingress'): DirectionDecision => ({ direction, enforced: false, allowed: true, steps: [] });
  const egress = src.type === 'endpoint'
    ? decideDirection(index.tiersFor(src.ep, 'egress'), 'egress', src, dst, flow, src.ep.namespace) : notEnforced('egress');
  const ingress = dst.type === 'endpoint'
    ? decideDirection(index.tiersFor(dst.ep, 'ingress'), 'ingress', src, dst, flow, dst.ep.namespace) : notEnforced('ingress');
  const allowed = egress.allowed && ingress.allowed;
  return {
    src: srcId, dst: dstId, flow, allowed, egress, ingress,
    text: [...formatDirection(egress, peerName(a)), ...formatDirection(ingress, peerName(b))],
  };
}

/** Rebuilds a connection set sent across the worker boundary. */
export function connSetFromJSON(j: ConnSetJSON): ConnSet {
  return ConnSet.fromJSON(j);
}
