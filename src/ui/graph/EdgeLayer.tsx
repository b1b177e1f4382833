import { memo, useId, useMemo } from 'react';
import { EdgeLabelRenderer, useStore, type InternalNode, type ReactFlowState } from '@xyflow/react';
import type { Verdict } from '../../engine';
import { EDGE_STYLE, VERDICT_STYLE, type EdgeLook } from './palette';
import { edgeCurve, type Box } from './edgeGeometry';

/** What is drawn of an edge: the engine's verdict and connection string for this ordered pair. */
export interface DrawnEdgeData {
  verdict: EdgeLook;
  connections: string;
  pendingVerdict?: Verdict;
  /** A staged policy changes what this edge allows (collapse.ts pendingChanged): drawn with the draft's halo. */
  changedByDraft?: boolean;
  dimmed?: boolean;
  summary?: boolean;
  hideLabel?: boolean;
  /** Imported flows replayed over this edge; of those, allowed today but denied by the draft, and the reverse. */
  flows?: number;
  broken?: number;
  unblocked?: number;
}

/** A badge's words: the flows over an edge and what the staged policies would change of them. */
export function flowBadgeText(b: { flows: number; broken: number; unblocked: number }): string {
  return [`${b.flows} flow${b.flows === 1 ? '' : 's'}`, b.broken > 0 ? `${b.broken} broken by the draft` : '', b.unblocked > 0 ? `${b.unblocked} newly allowed` : ''].filter(Boolean).join(', ');
}
export interface DrawnEdge { id: string; source: string; target: string; selected: boolean; ariaLabel: string; data: DrawnEdgeData }

const LOOKS: readonly EdgeLook[] = ['allow', 'partial', 'deny', 'unevaluated'];

// Every store write (each pan and zoom frame among them) runs this; it is one pass over the
// nodes, and the list only counts as changed when a node object did (moved, measured, added).
const selectNodes = (s: ReactFlowState): InternalNode[] => [...s.nodeLookup.values()];
const sameNodes = (a: InternalNode[], b: InternalNode[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/** A node's box; a node not measured yet (or culled off screen) has its laid-out size. */
function box(n: InternalNode | undefined): Box | null {
  if (!n) return null;
  const w = n.measured.width ?? n.width ?? Number(n.style?.width ?? 0);
  const h = n.measured.height ?? n.height ?? Number(n.style?.height ?? 0);
  return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + h / 2, w, h };
}

/**
 * All edges in one SVG, drawn between React Flow's nodes (React Flow itself gets no edges).
 * React Flow puts every edge in an <svg> of its own, and at 2,000 edges compositing those
 * made every third pan frame miss its vsync; its edge wrappers also run a store selector each
 * per pan frame. Here a pan touches nothing: the layer moves with the viewport, and only the
 * edges of a node that moved or changed size are drawn again.
 */
export const EdgeLayer = memo(function EdgeLayer({ edges, onSelect }: { edges: readonly DrawnEdge[]; onSelect: (id: string) => void }) {
  const nodes = useStore(selectNodes, sameNodes);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  // useId's characters (':', '«') are not all safe inside url(#…): letters, digits, _ and - only.
  const marker = `npc-arrow-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  // The selected edge last: SVG has no z-index, later is on top.
  const ordered = useMemo(() => {
    const i = edges.findIndex((e) => e.selected);
    return i < 0 ? edges : [...edges.slice(0, i), ...edges.slice(i + 1), edges[i]!];
  }, [edges]);
  return (
    <EdgeLabelRenderer>
      <svg className="npc-edge-layer" aria-label="edges">
        <defs>
          {LOOKS.map((v) => (
            <marker key={v} id={`${marker}-${v}`} viewBox="-10 -10 20 20" markerWidth={16} markerHeight={16}
              markerUnits="userSpaceOnUse" orient="auto-start-reverse" refX={0} refY={0}>
              <polyline points="-5,-4 0,0 -5,4 -5,-4" fill={EDGE_STYLE[v].stroke} stroke={EDGE_STYLE[v].stroke} strokeLinejoin="round" />
            </marker>
          ))}
        </defs>
        {ordered.map((e) => (
          <EdgeShape key={e.id} edge={e} a={byId.get(e.source)} b={byId.get(e.target)} marker={marker} onSelect={onSelect} />
        ))}
      </svg>
      <div className="npc-edge-labels">
        {ordered.map((e) => ((e.data.verdict === 'allow' || e.data.verdict === 'partial') && !e.data.dimmed && !e.data.hideLabel
          ? <EdgeLabel key={e.id} edge={e} a={byId.get(e.source)} b={byId.get(e.target)} />
          : null))}
        {ordered.map((e) => (e.data.flows !== undefined && !e.data.dimmed
          ? <FlowBadge key={`f:${e.id}`} edge={e} a={byId.get(e.source)} b={byId.get(e.target)} />
          : null))}
      </div>
    </EdgeLabelRenderer>
  );
});

interface ShapeProps { edge: DrawnEdge; a: InternalNode | undefined; b: InternalNode | undefined }

/** One edge: a wide transparent stroke to click on, the visible curve with its arrow. */
const EdgeShape = memo(function EdgeShape({ edge, a, b, marker, onSelect }: ShapeProps & { marker: string; onSelect: (id: string) => void }) {
  const from = box(a);
  const to = box(b);
  if (!from || !to) return null;
  const { path } = edgeCurve(from, to);
  const { data } = edge;
  const style = EDGE_STYLE[data.verdict];
  return (
    <g className={`npc-edge-g${edge.selected ? ' is-selected' : ''}`} data-id={edge.id} role="img" aria-label={edge.ariaLabel} onClick={() => onSelect(edge.id)}>
      <path d={path} className="npc-edge-hit" />
      {data.changedByDraft && data.pendingVerdict ? (
        // Under the enforced curve: a wide dashed halo in the pending verdict's colour.
        <path d={path} fill="none" className="npc-edge-draft" data-draft-verdict={data.pendingVerdict}
          stroke={VERDICT_STYLE[data.pendingVerdict].stroke} strokeWidth={style.width + 5} strokeDasharray="9 6"
          opacity={data.dimmed ? 0.08 : 0.45} />
      ) : null}
      <path
        d={path}
        fill="none"
        className={`npc-edge npc-edge-${data.verdict}`}
        data-verdict={data.verdict}
        data-edge={edge.id}
        {...(data.pendingVerdict ? { 'data-pending-verdict': data.pendingVerdict } : {})}
        {...(data.summary ? { 'data-summary': 'true' } : {})}
        {...(data.broken ? { 'data-broken': data.broken } : {})}
        stroke={style.stroke}
        strokeWidth={edge.selected ? style.width + 1.5 : style.width}
        strokeDasharray={style.dash}
        opacity={data.dimmed ? 0.15 : 1}
        markerEnd={`url(#${marker}-${data.verdict})`}
      >
        <title>{`${edge.id}: ${style.label} — ${data.connections}`}</title>
      </path>
    </g>
  );
});

/** The allowed connections of an edge, as text beside its curve. */
const EdgeLabel = memo(function EdgeLabel({ edge, a, b }: ShapeProps) {
  const from = box(a);
  const to = box(b);
  if (!from || !to) return null;
  const { label } = edgeCurve(from, to);
  return (
    <div className={`npc-edge-label npc-edge-label-${edge.data.verdict}`}
      style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}>
      {edge.data.connections}
    </div>
  );
});

/**
 * The flow badge: how many imported flows the edge carried, and, in the breakage colour, how
 * many of them the staged policies would deny (or newly allow). It sits below the edge's label.
 */
const FlowBadge = memo(function FlowBadge({ edge, a, b }: ShapeProps) {
  const from = box(a);
  const to = box(b);
  if (!from || !to) return null;
  const { label } = edgeCurve(from, to);
  const { flows = 0, broken = 0, unblocked = 0 } = edge.data;
  const text = flowBadgeText({ flows, broken, unblocked });
  return (
    <div className={`npc-flow-badge${broken > 0 ? ' is-broken' : unblocked > 0 ? ' is-unblocked' : ''}`} data-flow-edge={edge.id}
      data-flows={flows} data-broken={broken} data-unblocked={unblocked} title={text}
      style={{ transform: `translate(-50%, 0) translate(${label.x}px, ${label.y + 9}px)` }}>
      {flows}{broken > 0 ? <span className="npc-flow-broken"> · {broken} broken</span> : null}{unblocked > 0 ? <span className="npc-flow-unblocked"> · +{unblocked}</span> : null}
    </div>
  );
});
