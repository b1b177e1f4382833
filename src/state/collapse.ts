import { ConnSet, connSetFromJSON, type ConnSetJSON, type EdgeData, type NodeData, type Verdict } from '../engine';

/**
 * Namespace collapse (issue 4, "100 namespaces / 2,000 workloads readable"): a pure pipeline
 * stage between workload expansion and the edge filter. Members of a collapsed namespace are
 * hidden and their edges are folded into one summary edge per ordered pair of visible ends.
 */

/** Member pairs by verdict. */
export type PairCounts = Record<Verdict, number>;

/** What a set of member pairs allows, counted. */
export interface PairSummary {
  /** Member pairs by verdict (with a probe on, the probe's verdicts: the stage runs after applyProbe). */
  counts: PairCounts;
  /** Every member pair, the omitted ones too (see {@link collapseNamespaces}). */
  total: number;
  /** The same pairs with staged policies enforced too (SPEC §4.9); present when the members carry a pending verdict. */
  pendingCounts?: PairCounts;
  /** Member pairs a staged policy changes (see {@link pendingChanged}). */
  changed: number;
}

/** The summary a folded edge carries. */
export interface EdgeSummary<E extends EdgeData = EdgeData> extends PairSummary {
  /** The member edges present, in edge order (pairs left out with denyEdgesOmitted are not listed). */
  members: E[];
}

/** An edge of the collapsed view that stands for the member pairs of its (visible) ends. */
export type SummaryEdge<E extends EdgeData = EdgeData> = EdgeData & { summary: EdgeSummary<E> };

/** An edge of the collapsed view: an input edge between two visible nodes, or a summary edge. */
export type CollapsedEdge<E extends EdgeData = EdgeData> = E | SummaryEdge<E>;

/** A collapsed namespace's own numbers, shown on its compact node. */
export interface NamespaceSummary {
  /** Graph nodes hidden inside it (workloads, pods, namespaced network sets). */
  members: number;
  workloads: number;
  /** The pairs between two of its members (not drawn). */
  intra: PairSummary;
}

/** A node of the collapsed view: a collapsed namespace carries its summary. */
export type CollapsedNode = NodeData & { collapsed?: NamespaceSummary };

/** Above this many graph nodes (namespaces not counted) namespaces start collapsed. */
export const COLLAPSE_THRESHOLD = 150;

// Address nodes (the internet, network sets) have no pairs between themselves (engine/analysis.ts).
const isAddress = (n: NodeData) => n.kind === 'external' || n.kind === 'networkset';

/**
 * Whether a staged policy changes an edge: its pending connections differ from the enforced
 * ones. Connections, not verdicts, are compared: the pending scope keeps only what all members
 * allow, so a mixed edge's verdict (partial from `someAllowed`) is not comparable to it.
 */
export function pendingChanged(e: Pick<EdgeData, 'connections' | 'pendingConnections'>): boolean {
  return e.pendingConnections !== undefined && e.pendingConnections !== e.connections;
}

/** The verdict of a set of member pairs: allow iff all allow everything, deny iff none allows anything. */
export function summaryVerdict(c: PairCounts, total: number): Verdict {
  if (total > 0 && c.allow === total) return 'allow';
  return c.allow + c.partial === 0 ? 'deny' : 'partial';
}

/** `12 of 40 pairs allowed, 3 partly` (the summary edge's `connections`). */
export function summaryText(c: PairCounts, total: number): string {
  return `${c.allow} of ${total} ${total === 1 ? 'pair' : 'pairs'} allowed${c.partial > 0 ? `, ${c.partial} partly` : ''}`;
}

/** True for the id of a summary edge: one of its ends is a namespace (engine edges never are). */
export function isSummaryEdgeId(id: string | null): boolean {
  return id !== null && (id.startsWith('ns:') || id.includes('->ns:'));
}

/** True when an edge of the collapsed view is a summary edge. */
export function isSummaryEdge<E extends EdgeData>(e: CollapsedEdge<E>): e is SummaryEdge<E> {
  return 'summary' in e && e.summary !== undefined;
}

interface Group<E> {
  source: string;
  target: string;
  counts: PairCounts;
  pending: PairCounts | null;
  changed: number;
  members: E[];
  /** Distinct `allowed` sets of the members (edges share them), and distinct "some member allows" sets. */
  alls: Set<ConnSetJSON>;
  somes: Set<ConnSetJSON>;
}

const zero = (): PairCounts => ({ allow: 0, partial: 0, deny: 0 });

function add<E extends EdgeData>(g: Group<E>, e: E): void {
  g.counts[e.verdict]++;
  if (e.pendingVerdict !== undefined) {
    g.pending ??= zero();
    g.pending[e.pendingVerdict]++;
  }
  if (pendingChanged(e)) g.changed++;
  g.members.push(e);
  g.alls.add(e.allowed);
  g.somes.add(e.someAllowed ?? e.allowed);
}

function pairSummary<E>(g: Group<E>, total: number, omitted: boolean): PairSummary {
  // SPEC-free (engine/analysis.ts AnalysisResult.edges): with denyEdgesOmitted a missing pair
  // allows nothing, in both scopes; without it every pair is an edge.
  const counts = omitted ? { ...g.counts, deny: total - g.counts.allow - g.counts.partial } : g.counts;
  const t = omitted ? total : g.members.length;
  const out: PairSummary = { counts, total: t, changed: g.changed };
  if (g.pending) out.pendingCounts = omitted ? { ...g.pending, deny: total - g.pending.allow - g.pending.partial } : g.pending;
  return out;
}

const decoded = new WeakMap<ConnSetJSON, ConnSet>();
function setOf(j: ConnSetJSON): ConnSet {
  let s = decoded.get(j);
  if (!s) decoded.set(j, (s = connSetFromJSON(j)));
  return s;
}

/** What every member allows (intersection) and what some member allows (union), over distinct sets. */
function foldSets<E>(g: Group<E>, missing: boolean): { all: ConnSet; some: ConnSet } {
  let all = missing ? ConnSet.none() : null;
  for (const j of g.alls) all = all === null ? setOf(j) : all.isEmpty() ? all : all.intersect(setOf(j));
  let some = ConnSet.none();
  for (const j of g.somes) if (!some.isAll()) some = some.union(setOf(j));
  return { all: all ?? ConnSet.none(), some };
}

function summaryEdge<E extends EdgeData>(g: Group<E>, s: PairSummary): SummaryEdge<E> {
  const missing = s.total > g.members.length;
  const { all, some } = foldSets(g, missing);
  const mixed = !all.equals(some);
  const edge: SummaryEdge<E> = {
    id: `${g.source}->${g.target}`, source: g.source, target: g.target,
    verdict: summaryVerdict(s.counts, s.total), connections: summaryText(s.counts, s.total),
    allowed: all.toJSON(), mixed, summary: { ...s, members: g.members },
  };
  if (mixed) edge.someAllowed = some.toJSON();
  if (s.pendingCounts) {
    edge.pendingVerdict = summaryVerdict(s.pendingCounts, s.total);
    edge.pendingConnections = summaryText(s.pendingCounts, s.total);
  }
  return edge;
}

/**
 * The graph with the members of the `collapsed` namespaces (ids `ns:<name>`) hidden. Namespace
 * nodes stay; an edge between two visible nodes is kept as it is; every edge with an end inside
 * a collapsed namespace is folded into one {@link SummaryEdge} per ordered pair of visible
 * ends (`ns:a->ns:b`, `ns:a->wl:…`, `ext:internet->ns:a`). Member pairs are the engine's pairs
 * (no self pairs, none between two address nodes); with `denyEdgesOmitted`, absent member pairs
 * count as deny, and a summary whose every pair is absent is left out too (a missing edge means
 * No Connections, as for the engine's edges; a probe never removes an edge). Pairs inside one collapsed namespace are not
 * drawn: they are counted on the namespace node ({@link NamespaceSummary}). With nothing
 * collapsed the inputs are returned as they are.
 */
export function collapseNamespaces<E extends EdgeData>(
  nodes: readonly NodeData[], edges: readonly E[], collapsed: ReadonlySet<string>, opts: { denyEdgesOmitted?: boolean } = {},
): { nodes: readonly CollapsedNode[]; edges: readonly CollapsedEdge<E>[] } {
  const present = new Set(nodes.filter((n) => n.kind === 'namespace' && collapsed.has(n.id)).map((n) => n.id));
  // Nothing collapsed: the inputs themselves (stable identities spare the graph a new layout).
  if (present.size === 0) return { nodes, edges };
  // Visible end of every hidden node, and each collapsed namespace's member and address counts.
  const endOf = new Map<string, string>();
  const size = new Map<string, { members: number; addresses: number; workloads: number }>();
  const sizeOf = (id: string) => size.get(id) ?? { members: 1, addresses: 0, workloads: 0 };
  const visibleAddress = new Set<string>();
  for (const n of nodes) {
    if (n.kind === 'namespace') continue;
    const ns = n.namespace === undefined ? null : `ns:${n.namespace}`;
    if (ns === null || !present.has(ns)) {
      if (isAddress(n)) visibleAddress.add(n.id);
      continue;
    }
    endOf.set(n.id, ns);
    const c = size.get(ns) ?? { members: 0, addresses: 0, workloads: 0 };
    c.members++;
    if (isAddress(n)) c.addresses++;
    if (n.kind === 'workload') c.workloads++;
    size.set(ns, c);
  }
  const kept: CollapsedEdge<E>[] = [];
  const groups = new Map<string, Group<E>>();
  const newGroup = (source: string, target: string): Group<E> => ({ source, target, counts: zero(), pending: null, changed: 0, members: [], alls: new Set(), somes: new Set() });
  const intra = new Map<string, Group<E>>([...present].map((ns) => [ns, newGroup(ns, ns)]));
  for (const e of edges) {
    const s = endOf.get(e.source);
    const t = endOf.get(e.target);
    if (s === undefined && t === undefined) {
      kept.push(e);
      continue;
    }
    const a = s ?? e.source;
    const b = t ?? e.target;
    let g = a === b ? intra.get(a) : groups.get(`${a}->${b}`);
    if (!g) groups.set(`${a}->${b}`, (g = newGroup(a, b)));
    add(g, e);
  }
  const omitted = opts.denyEdgesOmitted === true;
  // Pairs between two visible ends: every member of one with every member of the other, less address pairs.
  const addresses = (id: string) => (present.has(id) ? sizeOf(id).addresses : visibleAddress.has(id) ? 1 : 0);
  const out: CollapsedEdge<E>[] = kept;
  for (const g of groups.values()) {
    const total = sizeOf(g.source).members * sizeOf(g.target).members - addresses(g.source) * addresses(g.target);
    // A group exists only for drawn member edges: with denyEdgesOmitted, ends whose every pair
    // was left out get no summary (nothing allowed either way), as the engine draws no edge.
    out.push(summaryEdge(g, pairSummary(g, total, omitted)));
  }
  const shown: CollapsedNode[] = [];
  for (const n of nodes) {
    if (endOf.has(n.id)) continue;
    if (!present.has(n.id)) {
      shown.push(n);
      continue;
    }
    const c = sizeOf(n.id);
    const m = size.get(n.id)?.members ?? 0;
    const total = m * (m - 1) - c.addresses * (c.addresses - 1);
    shown.push({ ...n, collapsed: { members: m, workloads: size.get(n.id)?.workloads ?? 0, intra: pairSummary(intra.get(n.id)!, total, omitted) } });
  }
  return { nodes: shown, edges: out };
}

/** Number of graph nodes, namespaces not counted (what {@link COLLAPSE_THRESHOLD} compares). */
export function graphNodeCount(nodes: readonly NodeData[]): number {
  return nodes.reduce((k, n) => k + (n.kind === 'namespace' ? 0 : 1), 0);
}

/**
 * The collapse state after an analysis: namespaces not seen before start collapsed in a
 * workspace of more than {@link COLLAPSE_THRESHOLD} graph nodes and expanded otherwise; the
 * others keep the user's choice. Returns the inputs themselves when nothing is new.
 */
export function collapseDefaults(
  nodes: readonly NodeData[], seen: ReadonlySet<string>, collapsed: ReadonlySet<string>,
): { seen: ReadonlySet<string>; collapsed: ReadonlySet<string> } {
  const fresh = nodes.filter((n) => n.kind === 'namespace' && !seen.has(n.id)).map((n) => n.id);
  if (fresh.length === 0) return { seen, collapsed };
  const big = graphNodeCount(nodes) > COLLAPSE_THRESHOLD;
  return { seen: new Set([...seen, ...fresh]), collapsed: big ? new Set([...collapsed, ...fresh]) : collapsed };
}

/** The namespace ids (`ns:<name>`) holding the given nodes (a member pair's ends), each once. */
export function namespacesOf(nodes: readonly NodeData[], ids: readonly string[]): string[] {
  const want = new Set(ids);
  const out = new Set<string>();
  for (const n of nodes) if (want.has(n.id) && n.kind !== 'namespace' && n.namespace !== undefined) out.add(`ns:${n.namespace}`);
  return [...out];
}
