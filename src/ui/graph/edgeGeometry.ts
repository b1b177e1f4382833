/** A node's box in flow coordinates: its centre and size. */
export interface Box { x: number; y: number; w: number; h: number }

/** How far a curve bends to its left, so the two directions of a pair never overlap. */
export const BEND = 26;
/** Where along the curve (from the source) the label sits. */
const LABEL_AT = 0.36;

/** The curve of an edge between two boxes: its SVG path and its label point. */
export interface EdgeCurve { path: string; label: { x: number; y: number } }

/** Where the line from the centre towards (dx, dy) leaves the box. */
export function border(c: Box, dx: number, dy: number): { x: number; y: number } {
  const sx = dx === 0 ? Infinity : c.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : c.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

/**
 * A floating edge from border to border, a quadratic curve bent to the left of the direction
 * of travel (a -> b and b -> a are mirror images and never overlap). The label sits nearer
 * the source: labels of edges crossing at a midpoint do not pile up there.
 */
export function edgeCurve(a: Box, b: Box): EdgeCurve {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  // Coincident centres (a node drawn over another) still get a finite curve, leaving rightwards.
  const ux = len === 0 ? 1 : dx / len;
  const uy = len === 0 ? 0 : dy / len;
  const p1 = border(a, ux, uy);
  const p2 = border(b, -ux, -uy);
  // Left normal of (ux, uy) in screen coordinates (y grows downwards) is (uy, -ux).
  const cx = (p1.x + p2.x) / 2 + uy * BEND;
  const cy = (p1.y + p2.y) / 2 - ux * BEND;
  const t = LABEL_AT;
  return {
    path: `M ${p1.x},${p1.y} Q ${cx},${cy} ${p2.x},${p2.y}`,
    label: {
      x: (1 - t) ** 2 * p1.x + 2 * (1 - t) * t * cx + t ** 2 * p2.x,
      y: (1 - t) ** 2 * p1.y + 2 * (1 - t) * t * cy + t ** 2 * p2.y,
    },
  };
}
