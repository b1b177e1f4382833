import type { EdgeData, NodeData } from '../engine';
import { pendingChanged, type EdgeSummary } from './collapse';

/**
 * What the graph shows: the node search and the edge filter modes. Pure functions over the
 * engine's nodes and edges (no React, no store), so the rules are unit-tested on their own.
 */

/** Edge filter modes of the graph (issue 4, "at scale, edges are ... filtered"). */
export type EdgeFilter = 'all' | 'deny' | 'allow' | 'focus' | 'changed';

export const EDGE_FILTERS: readonly { mode: EdgeFilter; label: string }[] = [
  { mode: 'all', label: 'all edges' },
  { mode: 'deny', label: 'denied only' },
  { mode: 'allow', label: 'allowed only' },
  { mode: 'focus', label: 'focus on selection' },
  // Offered only when the workspace has staged policies (see hasStagedVerdicts).
  { mode: 'changed', label: 'changed by draft' },
];

/** Whether the edges carry pending verdicts (the workspace has staged policies, SPEC §4.9). */
export function hasStagedVerdicts(edges: readonly Pick<EdgeData, 'id' | 'pendingVerdict'>[]): boolean {
  return edges.some((e) => e.pendingVerdict !== undefined);
}

type FilterableEdge = Pick<EdgeData, 'source' | 'target' | 'verdict' | 'connections' | 'pendingConnections'> & { summary?: Pick<EdgeSummary, 'changed'> };

/** Whether a staged policy changes an edge (a summary edge: any of its member pairs). */
export function changedByDraft(e: FilterableEdge): boolean {
  return e.summary ? e.summary.changed > 0 : pendingChanged(e);
}

/**
 * The edges a mode keeps. `allow` keeps allowed and partly allowed pairs (something gets
 * through); `focus` keeps the edges touching the focus node (the selected one, see ViewSlice.focusNode), and none while nothing is
 * selected (the mode says "show me this node's edges", not "show everything"). The verdict
 * filtered on is the enforced one, not a staged policy's pending verdict. `changed` keeps the
 * edges a staged policy changes ({@link changedByDraft}).
 */
export function filterEdges<E extends FilterableEdge>(
  edges: readonly E[], mode: EdgeFilter, focusNode: string | null,
): E[] {
  switch (mode) {
    case 'all': return [...edges];
    case 'deny': return edges.filter((e) => e.verdict === 'deny');
    case 'allow': return edges.filter((e) => e.verdict !== 'deny');
    case 'focus': return focusNode === null ? [] : edges.filter((e) => e.source === focusNode || e.target === focusNode);
    case 'changed': return edges.filter(changedByDraft);
  }
}

/** One term of a search query. */
type Term =
  | { kind: 'ns'; namespace: string }
  | { kind: 'label'; key: string; value: string }
  | { kind: 'word'; text: string };

function parseTerm(raw: string): Term {
  if (raw.toLowerCase().startsWith('ns:')) return { kind: 'ns', namespace: raw.slice(3) };
  const eq = raw.indexOf('=');
  if (eq > 0) return { kind: 'label', key: raw.slice(0, eq), value: raw.slice(eq + 1).replace(/^=/, '') };
  return { kind: 'word', text: raw };
}

/** Parses a query: whitespace-separated terms, all of which a node must match. */
export function parseQuery(query: string): Term[] {
  return query.split(/\s+/).filter(Boolean).map(parseTerm);
}

function matchesTerm(n: NodeData, t: Term): boolean {
  switch (t.kind) {
    // A namespace's own group node and everything inside it.
    case 'ns': return n.kind === 'namespace' ? n.name === t.namespace : n.namespace === t.namespace;
    // Label keys and values are compared exactly, as selectors do.
    case 'label': return Object.prototype.hasOwnProperty.call(n.labels, t.key) && n.labels[t.key] === t.value;
    case 'word': {
      // A bare word: a substring of the name (or of `namespace/name`), case-insensitive, or a label key.
      const w = t.text.toLowerCase();
      const qualified = n.namespace !== undefined && n.kind !== 'namespace' ? `${n.namespace}/${n.name}` : n.name;
      return qualified.toLowerCase().includes(w) || Object.prototype.hasOwnProperty.call(n.labels, t.text);
    }
  }
}

/**
 * The ids of the nodes a query matches, in the nodes' order; `null` when the query is empty
 * (no search: nothing is highlighted or dimmed). Terms: `nginx` (name substring, or a label
 * key), `app=nginx` (label, exact; `app==nginx` too), `ns:shams` (the namespace and its members).
 */
export function matchNodes(nodes: readonly NodeData[], query: string): string[] | null {
  const terms = parseQuery(query);
  if (terms.length === 0) return null;
  return nodes.filter((n) => terms.every((t) => matchesTerm(n, t))).map((n) => n.id);
}
