import { ControlButton, useReactFlow } from '@xyflow/react';
import { appStore, useAppStore } from '../../state/store';
import { selectVisibleGraph } from '../../state/visibleGraph';
import type { GraphNode } from './nodes';

const FIT = { padding: 0.3, duration: 300, maxZoom: 1.5 } as const;

/**
 * Two buttons under React Flow's zoom controls: "zoom to selection" (the selected node, or both
 * ends of the selected edge) and "re-layout" (forget every dragged position; the layout, which
 * depends only on the node set, places all nodes again and the view fits).
 */
export function LayoutControls() {
  const { fitView } = useReactFlow<GraphNode>();
  const selectedNode = useAppStore((s) => s.selectedNode);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const relayout = useAppStore((s) => s.relayout);
  const hasSelection = selectedNode !== null || selectedEdge !== null;

  const zoomToSelection = () => {
    // The drawn edge (EdgeLayer's, not React Flow's: it holds nodes only), read at the click.
    const edge = selectedEdge ? selectVisibleGraph(appStore.getState())?.edges.find((e) => e.id === selectedEdge) : undefined;
    const ids = selectedNode ? [selectedNode] : edge ? [edge.source, edge.target] : [];
    if (ids.length > 0) void fitView({ ...FIT, nodes: ids.map((id) => ({ id })) });
  };

  return (
    <>
      <ControlButton onClick={zoomToSelection} disabled={!hasSelection} title="Zoom to selection" aria-label="zoom to selection" data-testid="zoom-to-selection">
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <line x1="10.3" y1="10.3" x2="14.5" y2="14.5" stroke="currentColor" strokeWidth="1.8" />
          <circle cx="7" cy="7" r="1.6" fill="currentColor" />
        </svg>
      </ControlButton>
      <ControlButton onClick={relayout} title="Re-layout: forget dragged positions" aria-label="re-layout" data-testid="relayout">
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <rect x="1.5" y="1.5" width="5" height="5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <rect x="9.5" y="1.5" width="5" height="5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <rect x="1.5" y="9.5" width="5" height="5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <rect x="9.5" y="9.5" width="5" height="5" fill="currentColor" />
        </svg>
      </ControlButton>
    </>
  );
}
