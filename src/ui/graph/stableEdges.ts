import type { DrawnEdge } from './EdgeLayer';

/**
 * Keeps the drawn edge objects across re-evaluations. Every analysis arrives from the worker
 * as new objects, but an edit usually changes a handful of edges; EdgeLayer draws an edge
 * again only when its object changes, so an edge whose drawn fields are equal to last time's
 * gets last time's object back (at 2,000 edges this is most of the work of a keystroke).
 */
export function reuseEdges(previous: readonly DrawnEdge[], next: readonly DrawnEdge[]): DrawnEdge[] {
  const byId = new Map(previous.map((e) => [e.id, e]));
  return sameElements(previous, next.map((e) => {
    const old = byId.get(e.id);
    return old && sameEdge(old, e) ? old : e;
  }));
}

/**
 * `previous` itself when `next` holds the same objects in the same order. React Flow writes a
 * new node array into its store, and every store write runs the selectors of every node
 * wrapper; a new edge array walks all of EdgeLayer's edges. An edit that changes nothing
 * drawn must do neither.
 */
export function sameElements<T>(previous: readonly T[], next: T[]): T[] {
  return previous.length === next.length && next.every((x, i) => x === previous[i]) ? (previous as T[]) : next;
}

function sameEdge(a: DrawnEdge, b: DrawnEdge): boolean {
  if (a.source !== b.source || a.target !== b.target || a.selected !== b.selected || a.ariaLabel !== b.ariaLabel) return false;
  return shallowEqual(a.data, b.data);
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  const ka = Object.keys(a) as (keyof T)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/**
 * The same for nodes: an analysis brings new node data objects, equal in content for almost
 * every node; a node whose drawn fields (place, size, parent, data) are equal keeps last
 * time's object, and with it what React Flow measured. Data is compared by content (it comes
 * from the worker, a fresh copy every time).
 */
export function reuseNodes<N extends GraphNodeLike>(previous: readonly N[], next: readonly N[]): N[] {
  const byId = new Map(previous.map((n) => [n.id, n]));
  return sameElements(previous, next.map((n) => {
    const old = byId.get(n.id);
    return old && sameNode(old, n) ? old : n;
  }));
}

/** What {@link reuseNodes} compares of a node (a subset of React Flow's Node). */
export interface GraphNodeLike {
  id: string;
  type?: string;
  position: { x: number; y: number };
  data: Record<string, unknown>;
  parentId?: string;
  style?: { width?: unknown; height?: unknown };
  ariaLabel?: string;
  selectable?: boolean;
  zIndex?: number;
}

function sameNode(a: GraphNodeLike, b: GraphNodeLike): boolean {
  return a.type === b.type && a.position.x === b.position.x && a.position.y === b.position.y && a.parentId === b.parentId
    && a.style?.width === b.style?.width && a.style?.height === b.style?.height && a.ariaLabel === b.ariaLabel
    && a.selectable === b.selectable && a.zIndex === b.zIndex && JSON.stringify(a.data) === JSON.stringify(b.data);
}
