import { memo } from 'react';
import { EdgeLabelRenderer, useInternalNode, type Edge, type EdgeProps } from '@xyflow/react';
import type { Verdict } from '../../engine';
import { VERDICT_STYLE } from './palette';

/** Edge data: the engine's verdict and connection string for this ordered pair. */
export type VerdictEdgeData = { verdict: Verdict; connections: string; pendingVerdict?: Verdict; dimmed?: boolean; summary?: boolean; hideLabel?: boolean } & Record<string, unknown>;
export type VerdictEdgeType = Edge<VerdictEdgeData, 'verdict'>;

const BEND = 26;

function centre(n: ReturnType<typeof useInternalNode>): { x: number; y: number; w: number; h: number } | null {
  if (!n) return null;
  const w = n.measured.width ?? 0;
  const h = n.measured.height ?? 0;
  return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + h / 2, w, h };
}

/** Where the line from the centre towards (dx, dy) leaves the node's box. */
function border(c: { x: number; y: number; w: number; h: number }, dx: number, dy: number) {
  const sx = dx === 0 ? Infinity : c.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : c.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

/**
 * A floating edge between node borders, bent to its left so the two directions of a pair
 * never overlap. The path carries `data-verdict` for tests and styling.
 */
export const VerdictEdge = memo(function VerdictEdge({ id, source, target, data, selected, markerEnd }: EdgeProps<VerdictEdgeType>) {
  const a = centre(useInternalNode(source));
  const b = centre(useInternalNode(target));
  if (!a || !b || !data) return null;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const nx = uy;
  const ny = -ux; // left normal of the direction of travel
  const p1 = border(a, ux, uy);
  const p2 = border(b, -ux, -uy);
  const cx = (p1.x + p2.x) / 2 + nx * BEND;
  const cy = (p1.y + p2.y) / 2 + ny * BEND;
  const style = VERDICT_STYLE[data.verdict];
  const path = `M ${p1.x},${p1.y} Q ${cx},${cy} ${p2.x},${p2.y}`;
  // Label nearer the source: labels of edges crossing at a midpoint do not pile up there.
  const t = 0.36;
  const lx = (1 - t) ** 2 * p1.x + 2 * (1 - t) * t * cx + t ** 2 * p2.x;
  const ly = (1 - t) ** 2 * p1.y + 2 * (1 - t) * t * cy + t ** 2 * p2.y;
  return (
    <>
      <path d={path} fill="none" stroke="transparent" strokeWidth={14} className="react-flow__edge-interaction" />
      <path
        d={path}
        fill="none"
        className={`npc-edge npc-edge-${data.verdict}`}
        data-verdict={data.verdict}
        data-edge={id}
        {...(data.pendingVerdict ? { 'data-pending-verdict': data.pendingVerdict } : {})}
        {...(data.summary ? { 'data-summary': 'true' } : {})}
        stroke={style.stroke}
        strokeWidth={selected ? style.width + 1.5 : style.width}
        strokeDasharray={style.dash}
        opacity={data.dimmed ? 0.15 : 1}
        markerEnd={markerEnd}
      >
        <title>{`${id}: ${style.label} — ${data.connections}`}</title>
      </path>
      {data.verdict !== 'deny' && !data.dimmed && !data.hideLabel ? (
        <EdgeLabelRenderer>
          <div
            className={`npc-edge-label npc-edge-label-${data.verdict}`}
            style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
          >
            {data.connections}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

export const EDGE_TYPES = { verdict: VerdictEdge };
