import type { Diagnostic } from './model/diagnostics';
import { policyBoard, type BoardTier } from './explain/board';
import { lintWorkspace } from './lint';
import type { ClusterNode, Workspace } from './model/workspace';
import { ConnSet, type ConnSetJSON } from './net';
import { buildWorkspace } from './parse/workspace';
import type { WorkspaceFile } from './parse/documents';
import { evaluateScope, isAddressNode, updateScope, type ConnectivityMatrix, type ScopeResult } from './matrix/connectivity';
import type { AffectedClasses } from './matrix/evaluation';
import { ClassUniverse } from './matrix/classes';
import { FeatureCounts } from './matrix/features';
import { ALL_ID, NONE_ID } from './matrix/conntable';
import { identityIndex, patchWorkspace, type IdentityIndex } from './matrix/patch';
import type { PeerUniverse } from './matrix/peers';
import { orderPolicies, reorderPolicies, type Scope } from './evaluate/order';
import type { Policy } from './model/policy';
import { isExpandable, isTemplateOnly } from './model/pod';

/** Edge colour: everything allowed, some connections, or nothing (design.md `data-verdict`). */
export type Verdict = 'allow' | 'partial' | 'deny';

/** A graph node as plain data (crosses the worker boundary). */
export interface NodeData {
  id: string;
  /** `pod`: one pod of an expanded workload ({@link expandWorkloads}). */
  kind: 'namespace' | 'workload' | 'pod' | 'hostendpoint' | 'networkset' | 'external';
  name: string;
  namespace?: string;
  workloadKind?: string;
  labels: Record<string, string>;
  replicas?: number;
  serviceAccount?: string;
  ports?: { name: string; protocol: number; port: number }[];
  /** Host-networked pods: shown, but no policy applies to them (SPEC §6.33). */
  hostNetwork?: boolean;
  /** Workloads: how many pod nodes {@link expandWorkloads} shows it as; absent when it cannot be expanded (model/pod.ts `isExpandable`). */
  expandablePods?: number;
  /** Workloads: one pod template stands for all `replicas` (no individual pods); pods: this pod node is that template. */
  template?: boolean;
  /** Pods: the workload node id (`wl:<ns>/<Kind>/<name>`) the pod belongs to. */
  workload?: string;
  /** Pods: known addresses (`status.podIPs`, a WorkloadEndpoint's ipNetworks). */
  podIPs?: string[];
  /** Pods: the Kubernetes node it runs on, when the manifest says. */
  nodeName?: string;
  /** An end of imported flows the workspace does not have (`unknown:<what>`, flows/hits.ts): drawn, never evaluated. */
  unknown?: boolean;
}

/**
 * An ordered pair of nodes with its verdict and allowed connections. Edges with equal
 * connections share their `allowed` object (and strings): treat edges as read-only.
 */
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
  /** When `mixed`: what at least one pair of members allows (`connections` is what all allow). */
  someConnections?: string;
  /** When `mixed`: {@link someConnections} as a set (a graph-wide probe tests it for "partial"). */
  someAllowed?: ConnSetJSON;
  /** Verdict with staged policies enforced too (SPEC §4.9); present only when the workspace has staged policies. */
  pendingVerdict?: Verdict;
  pendingConnections?: string;
}

/**
 * Above this many graph nodes (workloads, host endpoints, network sets, `cidr:` nodes, the
 * cluster's nodes and the internet; namespaces not counted), {@link AnalysisResult.edges} leaves out the pairs between which
 * nothing at all is allowed (see {@link AnalysisResult.denyEdgesOmitted}).
 */
export const DENY_EDGE_LIMIT = 200;

/** The whole result of evaluating a workspace, as plain data. */
export interface AnalysisResult {
  nodes: NodeData[];
  /**
   * Every ordered pair of distinct nodes (except between two address nodes: the internet,
   * `cidr:` nodes, the cluster's nodes and network sets), in node order. For workspaces of more than {@link DENY_EDGE_LIMIT} nodes,
   * pairs with verdict `deny` (no connection between any members) whose pending verdict, if
   * any, is also `deny` are left out: a missing edge then means `No Connections`
   * (`denyEdgesOmitted` is true). `counts` counts every pair either way.
   */
  edges: EdgeData[];
  diagnostics: Diagnostic[];
  counts: Record<Verdict, number>;
  policyCount: number;
  /** Tiers in evaluation order with their policies (the policy board, explain/board.ts). */
  board: BoardTier[];
  /** True when `edges` leaves out pairs with nothing allowed (more than {@link DENY_EDGE_LIMIT} nodes); absent otherwise. */
  denyEdgesOmitted?: boolean;
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
    ...(isExpandable(n) ? { expandablePods: n.endpoints.length } : isTemplateOnly(n) ? { template: true } : {}),
  };
}

/**
 * What a session keeps of its evaluation, for explanations, {@link evaluationMembers} and
 * {@link reanalyze}. Opaque: its shape may change.
 */
export interface SessionEvaluation {
  files: readonly WorkspaceFile[];
  universe: ClassUniverse;
  enforced: ScopeResult;
  /** Present when the workspace has staged policies (built on demand otherwise). */
  pending: ScopeResult | null;
  identities: IdentityIndex;
  /** Feature counts along the editing history (built on the first {@link reanalyze}). */
  features?: FeatureCounts;
  /** The edges of the session's result, with their pair indexes (set when the result is built). */
  edges?: { edges: EdgeData[]; pairs: Int32Array; counts: Record<Verdict, number> };
}

/** A workspace read and indexed once, kept by the worker to answer explanations. */
export interface Session {
  workspace: Workspace;
  result: AnalysisResult;
  /** Every peer of the workspace (endpoints, address blocks). */
  peers?: PeerUniverse;
  /** The evaluation behind `result`, reused by explanations and {@link reanalyze}. */
  evaluation?: SessionEvaluation;
}

function evaluationOf(session: Session): SessionEvaluation {
  if (!session.evaluation) {
    const universe = new ClassUniverse(session.workspace);
    session.evaluation = { files: [], universe, enforced: evaluateScope(session.workspace, 'enforced', universe), pending: null, identities: identityIndex() };
  }
  return session.evaluation;
}

/** The evaluation of one scope of a session (the pending scope is built on first use when there are no staged policies). */
export function scopeOf(session: Session, scope: Scope): ScopeResult {
  const ev = evaluationOf(session);
  if (scope === 'enforced') return ev.enforced;
  ev.pending ??= evaluateScope(session.workspace, 'pending', ev.universe);
  return ev.pending;
}

/** The session's peers (endpoints and address blocks), shared by explanations. */
export function universeOf(session: Session): PeerUniverse {
  session.peers ??= evaluationOf(session).universe.peers;
  return session.peers;
}

// Table ids of the empty and the full set (./matrix/conntable.ts), as local constants for the pair loop.
const NONE = NONE_ID;
const ALL = ALL_ID;
/** The verdict of a table id when all member pairs agree. */
export const verdictOfId = (id: number): Verdict => (id === NONE ? 'deny' : id === ALL ? 'allow' : 'partial');

/** Reads verdicts and edges of node pairs off the node matrices of one evaluation. */
class EdgeReader {
  readonly n: number;
  readonly omit: boolean;
  readonly address: boolean[];
  readonly groupOf: Int32Array;

  constructor(private readonly nodes: readonly ClusterNode[], private readonly universe: ClassUniverse, readonly m: ConnectivityMatrix, readonly pm: ConnectivityMatrix | null) {
    this.n = nodes.length;
    this.omit = this.n > DENY_EDGE_LIMIT;
    this.address = nodes.map(isAddressNode);
    // Both scopes share the node groups (they depend on the classes only).
    this.groupOf = m.groupOf;
  }

  /** False for a node with itself and between two address nodes (no edge, not counted). */
  isPair(i: number, j: number): boolean {
    return i !== j && !(this.address[i] && this.address[j]);
  }

  verdict(i: number, j: number): Verdict {
    const gi = this.groupOf[i]!;
    const gj = this.groupOf[j]!;
    return verdictOfPair(this.m.allAt(gi, gj), this.m.someAt(gi, gj));
  }

  /** The edge of a pair with the given verdict, or null when it is left out (see {@link AnalysisResult.edges}). */
  edge(i: number, j: number, verdict: Verdict): EdgeData | null {
    const gi = this.groupOf[i]!;
    const gj = this.groupOf[j]!;
    const pend = this.pm ? this.pm.allAt(gi, gj) : -1;
    if (this.omit && verdict === 'deny' && (pend === -1 || pend === NONE)) return null;
    const all = this.m.allAt(gi, gj);
    const some = this.m.someAt(gi, gj);
    const a = this.nodes[i]!.id;
    const b = this.nodes[j]!.id;
    const edge: EdgeData = { id: `${a}->${b}`, source: a, target: b, verdict, connections: this.universe.connText(all), allowed: this.universe.connJSON(all), mixed: all !== some };
    if (all !== some) {
      edge.someConnections = this.universe.connText(some);
      edge.someAllowed = this.universe.connJSON(some);
    }
    if (pend !== -1) {
      edge.pendingVerdict = verdictOfId(pend);
      edge.pendingConnections = this.universe.connText(pend);
    }
    return edge;
  }
}

/** The verdict of a node pair from its `allowed` and `someAllowed` ids. */
export function verdictOfPair(all: number, some: number): Verdict {
  return all === some ? verdictOfId(all) : some === NONE ? 'deny' : 'partial';
}

interface Edges {
  edges: EdgeData[];
  /** Pair index (source * nodes + target) of each edge. */
  pairs: Int32Array;
  counts: Record<Verdict, number>;
}

/** Edges and counts from the node matrices (see {@link AnalysisResult.edges}). */
function buildEdges(r: EdgeReader): Edges {
  const edges: EdgeData[] = [];
  const pairs: number[] = [];
  const n = r.n;
  const { groupOf, m, pm, omit } = r;
  const ev = m.evaluation;
  const table = ev.universe.table;
  const egress = ev.egress;
  const ingress = ev.ingress;
  const ownNode = ev.universe.ownNode;
  const pev = pm?.evaluation ?? null;
  const single = m.single;
  const address = Uint8Array.from(r.address, (a) => (a ? 1 : 0));
  // Tight loop (millions of pairs at XL), the class pair (egress row ∩ ingress row) inlined;
  // verdict codes: 0 deny, 1 allow, 2 partial.
  const count = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const gi = groupOf[i]!;
    const ai = address[i]!;
    const si = single[gi]!;
    const erow = si >= 0 ? egress[si] : null;
    for (let j = 0; j < n; j++) {
      if (i === j || (ai & address[j]!) !== 0) continue;
      const gj = groupOf[j]!;
      const sj = single[gj]!;
      let all: number;
      let some: number;
      if (si >= 0 && sj >= 0) {
        all = erow ? erow[sj]! : ALL;
        if (all !== NONE) {
          const irow = ingress[sj];
          // SPEC §6.34: from the destination pod's own node the ingress side allows (as classPair).
          const own = ownNode[sj] ?? null;
          if (irow && (own === null || ((own[si >>> 5]! >>> (si & 31)) & 1) === 0)) {
            const other = irow[si]!;
            all = other === NONE || other === all || all === ALL ? other : other === ALL ? all : table.intersect(all, other);
          }
        }
        some = all;
      } else {
        all = m.allAt(gi, gj);
        some = m.someAt(gi, gj);
      }
      const code = all === some ? (all === NONE ? 0 : all === ALL ? 1 : 2) : some === NONE ? 0 : 2;
      count[code]!++;
      if (code === 0 && omit && (pev === null || (si >= 0 && sj >= 0 ? pev.classPair(si, sj) : pm!.allAt(gi, gj)) === NONE)) continue;
      const e = r.edge(i, j, code === 0 ? 'deny' : code === 1 ? 'allow' : 'partial');
      if (e) {
        edges.push(e);
        pairs.push(i * n + j);
      }
    }
  }
  return { edges, pairs: Int32Array.from(pairs), counts: { allow: count[1]!, partial: count[2]!, deny: count[0]! } };
}

/**
 * The edges after an incremental update: only pairs whose source node's row or target node's
 * column changed are read again (`rows` / `cols`: node flags); every other edge is reused.
 */
function updateEdges(prev: Edges, old: EdgeReader, r: EdgeReader, rows: Uint8Array, cols: Uint8Array): Edges {
  const counts = { ...prev.counts };
  const edges: EdgeData[] = [];
  const pairs: number[] = [];
  const n = r.n;
  const colList: number[] = [];
  for (let j = 0; j < n; j++) if (cols[j]) colList.push(j);
  const prevPairs = prev.pairs;
  const prevEdges = prev.edges;
  const total = prevPairs.length;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const columns = rows[i] ? null : colList;
    const count = columns ? columns.length : n;
    for (let c = 0; c < count; c++) {
      const j = columns ? columns[c]! : c;
      const k = row + j;
      // Edges before this pair are kept as they are; this pair's old edge, if any, is replaced.
      while (p < total && prevPairs[p]! < k) {
        edges.push(prevEdges[p]!);
        pairs.push(prevPairs[p]!);
        p++;
      }
      if (p < total && prevPairs[p] === k) p++;
      if (!r.isPair(i, j)) continue;
      counts[old.verdict(i, j)]--;
      const v = r.verdict(i, j);
      counts[v]++;
      const e = r.edge(i, j, v);
      if (e) {
        edges.push(e);
        pairs.push(k);
      }
    }
  }
  while (p < total) {
    edges.push(prevEdges[p]!);
    pairs.push(prevPairs[p]!);
    p++;
  }
  return { edges, pairs: Int32Array.from(pairs), counts };
}

function namespaceNodes(ws: Workspace): NodeData[] {
  const used = new Set(ws.nodes.flatMap((n) => (n.type === 'workload' ? [n.namespace] : [])));
  return [...ws.namespaces.values()]
    .filter((ns) => ns.declared || used.has(ns.name))
    .map((ns) => ({ id: `ns:${ns.name}`, kind: 'namespace', name: ns.name, labels: { ...ns.labels } }));
}

/** The workspace's diagnostics and, after them, those about the workspace as a whole (lint.ts). */
function withLint(ws: Workspace, evaluation: SessionEvaluation): Diagnostic[] {
  const lint = lintWorkspace(ws, evaluation.universe, evaluation);
  return lint.length === 0 ? ws.diagnostics : [...ws.diagnostics, ...lint];
}

function session(ws: Workspace, evaluation: SessionEvaluation, nodes: NodeData[], previous?: SessionEvaluation): Session {
  const reader = new EdgeReader(ws.nodes, evaluation.universe, evaluation.enforced.matrix, evaluation.pending?.matrix ?? null);
  let edges: Edges | null = null;
  const changed = [evaluation.enforced.matrix.changed, evaluation.pending?.matrix.changed];
  if (previous?.edges && previous.universe === evaluation.universe && !!previous.pending === !!evaluation.pending && changed[0] && (!evaluation.pending || changed[1])) {
    // Node flags from the group rows and columns the matrices recomputed.
    const groupOf = evaluation.enforced.matrix.groupOf;
    const flag = (pick: (c: NonNullable<ConnectivityMatrix['changed']>) => Uint8Array) =>
      Uint8Array.from(groupOf, (g) => (changed.some((c) => c && pick(c)[g]) ? 1 : 0));
    const old = new EdgeReader(ws.nodes, previous.universe, previous.enforced.matrix, previous.pending?.matrix ?? null);
    edges = updateEdges(previous.edges, old, reader, flag((c) => c.rows), flag((c) => c.cols));
  }
  edges ??= buildEdges(reader);
  evaluation.edges = edges;
  return {
    workspace: ws,
    result: {
      nodes, edges: edges.edges, diagnostics: withLint(ws, evaluation), counts: edges.counts, policyCount: ws.policies.length,
      board: policyBoard(ws, evaluation.files, evaluation.universe),
      ...(reader.omit ? { denyEdgesOmitted: true } : {}),
    },
    peers: evaluation.universe.peers,
    evaluation,
  };
}

function evaluateFresh(ws: Workspace, files: readonly WorkspaceFile[], identities: IdentityIndex): SessionEvaluation {
  const universe = new ClassUniverse(ws);
  const enforced = evaluateScope(ws, 'enforced', universe);
  const pending = ws.policies.some((p) => p.staged) ? evaluateScope(ws, 'pending', universe) : null;
  return { files, universe, enforced, pending, identities };
}

/** Reads and evaluates a workspace: every node, every ordered pair, every diagnostic. */
export function analyzeWorkspace(files: readonly WorkspaceFile[]): Session {
  return full(files, identityIndex());
}

function full(files: readonly WorkspaceFile[], identities: IdentityIndex): Session {
  const ws = buildWorkspace(files);
  return session(ws, evaluateFresh(ws, files, identities), [...namespaceNodes(ws), ...ws.nodes.map(nodeData)]);
}

/** Classes whose applicable policies a set of policies can change, per direction (staged ones only in the pending scope). */
function affectedBy(universe: ClassUniverse, policies: readonly Policy[], scope: Scope): AffectedClasses {
  const egress = new Set<number>();
  const ingress = new Set<number>();
  for (const p of policies) {
    if (scope === 'enforced' && p.staged) continue;
    const sel = universe.selectedBy(p);
    if (p.types.has('egress')) for (const c of sel) egress.add(c);
    if (p.types.has('ingress')) for (const c of sel) ingress.add(c);
  }
  return { egress, ingress };
}

/**
 * Re-evaluates a workspace after an edit, reusing `previous` as far as the edit allows; the
 * result equals `analyzeWorkspace(files)` (differential tests hold it to that).
 *
 * When only files that hold nothing but policies changed (edited, added or removed), those
 * files alone are compiled again, and when the edit leaves the peer classes as they were (no
 * new label key, named port or CIDR in any selector or rule), only the class pairs whose
 * source (egress side) or destination (ingress side) is selected by an old or new version of
 * a changed policy are evaluated again; everything else is shared with `previous`, which stays
 * valid. Any other edit is a full analysis.
 */
export function reanalyze(previous: Session, files: readonly WorkspaceFile[]): Session {
  const prev = previous.evaluation;
  if (!prev || prev.files.length === 0) return analyzeWorkspace(files);
  const patch = patchWorkspace(previous.workspace, prev.files, files, prev.identities);
  if (!patch) return full(files, prev.identities);
  const ws = patch.workspace;
  if (patch.removed.length === 0 && patch.added.length === 0 && ws === previous.workspace) {
    return { ...previous, evaluation: { ...prev, files } };
  }
  // A policy edit that changes the rules' CIDRs changes the `cidr:` nodes (patchWorkspace then
  // builds a new node list): the node data, and the node grouping of the universe, follow.
  const nodesChanged = ws.nodes !== previous.workspace.nodes;
  const nodes = nodesChanged ? [...namespaceNodes(ws), ...ws.nodes.map(nodeData)] : previous.result.nodes;
  // Do the peer classes stay? Only if no label key, named port or CIDR appeared or vanished.
  let features = prev.features;
  if (!features || features.of !== previous.workspace.policies) features = new FeatureCounts(previous.workspace);
  // Both tests run: `apply` moves the counts along the edit either way. A CIDR moved between
  // `nets` and `notNets` leaves the features but not the nodes.
  if (features.apply(patch.removed, patch.added, ws.policies) || nodesChanged) {
    return session(ws, { ...evaluateFresh(ws, files, patch.identities), features }, nodes);
  }
  const universe = prev.universe;
  const changed = [...patch.removed, ...patch.added];
  const ordered = reorderPolicies(prev.enforced.view.ordered, new Set(patch.removed), patch.added) ?? orderPolicies(ws);
  const change = (scope: Scope) => ({ affected: affectedBy(universe, changed, scope), ordered, removed: patch.removed, added: patch.added });
  const enforced = updateScope(prev.enforced, ws, 'enforced', change('enforced'));
  let pending: ScopeResult | null = null;
  if (ws.policies.some((p) => p.staged)) {
    pending = prev.pending ? updateScope(prev.pending, ws, 'pending', change('pending')) : evaluateScope(ws, 'pending', universe);
  }
  for (const p of patch.removed) universe.forgetPolicy(p);
  universe.pruneRows([enforced.classes.egress, enforced.classes.ingress, ...(pending ? [pending.classes.egress, pending.classes.ingress] : [])]);
  return session(ws, { files, universe, enforced, pending, identities: patch.identities, features }, nodes, prev);
}

/** Rebuilds a connection set sent across the worker boundary. */
export function connSetFromJSON(j: ConnSetJSON): ConnSet {
  return ConnSet.fromJSON(j);
}
