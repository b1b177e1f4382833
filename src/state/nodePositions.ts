/**
 * Where the user dragged nodes to. A position is relative to the node's parent, as React Flow
 * keeps it (a workload's is relative to its namespace), and remembers that parent: a node
 * that has changed parent since (or lost it) takes the layout's position again.
 */
export interface DraggedPosition {
  x: number;
  y: number;
  parentId?: string;
}

/** Dragged positions by node id. */
export type DraggedPositions = Readonly<Record<string, DraggedPosition>>;

/** A laid-out box (the layout's output shape; only these fields matter here). */
export interface PlacedBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  parentId?: string;
}

/**
 * The layout with the user's dragged positions winning, each clamped into its parent's box (a
 * namespace the layout made smaller since must still hold its members). Input order is kept.
 */
export function applyDragged<T extends PlacedBox>(placed: readonly T[], dragged: DraggedPositions): T[] {
  const byId = new Map(placed.map((p) => [p.id, p]));
  return placed.map((p) => {
    const d = dragged[p.id];
    if (!d || d.parentId !== p.parentId) return p;
    const parent = p.parentId ? byId.get(p.parentId) : undefined;
    if (!parent) return { ...p, x: d.x, y: d.y };
    return { ...p, x: clamp(d.x, 0, parent.width - p.width), y: clamp(d.y, 0, parent.height - p.height) };
  });
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), Math.max(lo, hi));
}

/** Reads stored positions, dropping anything that is not a finite `{x, y, parentId?}`. */
export function readDraggedPositions(raw: unknown): Record<string, DraggedPosition> {
  const out: Record<string, DraggedPosition> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null) continue;
    const { x, y, parentId } = v as Record<string, unknown>;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (parentId !== undefined && typeof parentId !== 'string') continue;
    out[id] = { x, y, ...(typeof parentId === 'string' ? { parentId } : {}) };
  }
  return out;
}
