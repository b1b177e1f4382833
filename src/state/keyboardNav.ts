/** Arrow-key navigation between graph nodes: pure geometry over node centres (screen axes, y down). */
export type Direction = 'up' | 'down' | 'left' | 'right';

export interface NodeCentre {
  id: string;
  x: number;
  y: number;
}

const AXES: Record<Direction, { ax: number; ay: number }> = {
  right: { ax: 1, ay: 0 },
  left: { ax: -1, ay: 0 },
  down: { ax: 0, ay: 1 },
  up: { ax: 0, ay: -1 },
};

/** The arrow key a keyboard event names, or null for any other key. */
export function arrowDirection(key: string): Direction | null {
  if (key === 'ArrowUp') return 'up';
  if (key === 'ArrowDown') return 'down';
  if (key === 'ArrowLeft') return 'left';
  if (key === 'ArrowRight') return 'right';
  return null;
}

/**
 * The node whose centre is nearest to `from`'s in `dir`, or null when none lies that way.
 * A node counts only if it is strictly ahead (positive distance along the direction). Nodes
 * inside the 45° cone around the direction win over nodes off to the side (so "right" never
 * jumps to a node far below when one is level with us); within a group, the nearest centre
 * wins, off-axis distance counted double for the side group; ties break by id (deterministic).
 */
export function nearestInDirection(from: NodeCentre, nodes: readonly NodeCentre[], dir: Direction): string | null {
  const { ax, ay } = AXES[dir];
  let best: { id: string; cone: boolean; score: number } | null = null;
  for (const n of nodes) {
    if (n.id === from.id) continue;
    const dx = n.x - from.x;
    const dy = n.y - from.y;
    const along = dx * ax + dy * ay;
    if (along <= 0) continue;
    const across = Math.abs(dx * ay - dy * ax);
    const cone = across <= along;
    const score = cone ? Math.hypot(along, across) : along + 2 * across;
    const better = !best
      || (cone && !best.cone)
      || (cone === best.cone && (score < best.score || (score === best.score && n.id < best.id)));
    if (better) best = { id: n.id, cone, score };
  }
  return best?.id ?? null;
}

/** Where navigation starts when nothing is selected: the top-most, then left-most node. */
export function firstNode(nodes: readonly NodeCentre[]): string | null {
  let best: NodeCentre | null = null;
  for (const n of nodes) {
    if (!best || n.y < best.y || (n.y === best.y && (n.x < best.x || (n.x === best.x && n.id < best.id)))) best = n;
  }
  return best?.id ?? null;
}

/** A box in flow coordinates (React Flow's absolute positions). */
export interface FlowBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: a screen point is `flow * zoom + (x, y)`. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Whether the whole box shows on a pane of `width` x `height` pixels under the viewport. A node
 * the keyboard selects that does not fully show is panned to (useGraphKeys); one that shows
 * leaves the view alone, so moving between visible nodes never shifts the picture.
 */
export function boxInViewport(box: FlowBox, viewport: Viewport, width: number, height: number): boolean {
  const left = box.x * viewport.zoom + viewport.x;
  const top = box.y * viewport.zoom + viewport.y;
  return left >= 0 && top >= 0 && left + box.width * viewport.zoom <= width && top + box.height * viewport.zoom <= height;
}
