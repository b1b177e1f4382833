import { useCallback, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { appStore, useAppStore } from '../../state/store';
import { arrowDirection, boxInViewport, firstNode, nearestInDirection, type FlowBox, type NodeCentre } from '../../state/keyboardNav';
import type { GraphNode } from './nodes';

/** Keys typed into the graph's own controls (search box, legend, zoom buttons) are theirs. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, button, [contenteditable="true"], .react-flow__panel') !== null;
}

/**
 * Keyboard navigation on the focused graph: arrows move the selection to the nearest node that
 * way (by node centre, see keyboardNav), Enter opens the selection's inspector, Escape clears
 * the selection. React Flow's own arrow handling (which drags nodes) is turned off by the caller
 * (`disableKeyboardA11y`), so arrows never move a node by accident.
 */
export function useGraphKeys(): (e: KeyboardEvent<HTMLDivElement>) => void {
  const { getNodes, getInternalNode, getViewport, setCenter } = useReactFlow<GraphNode>();
  const selectNode = useAppStore((s) => s.selectNode);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const requestInspector = useAppStore((s) => s.requestInspector);
  return useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (isControl(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
    const s = appStore.getState();
    if (e.key === 'Escape') {
      if (s.selectedNode || s.selectedEdge) { e.preventDefault(); selectNode(null); selectEdge(null); }
      return;
    }
    if (e.key === 'Enter') {
      if (s.selectedNode || s.selectedEdge) { e.preventDefault(); requestInspector(); }
      return;
    }
    const dir = arrowDirection(e.key);
    if (!dir) return;
    e.preventDefault();
    // Centres in flow coordinates (absolute: a workload's position is relative to its namespace).
    const centres: NodeCentre[] = [];
    const boxes = new Map<string, FlowBox>();
    for (const n of getNodes()) {
      if (n.type === 'namespace' && !n.data.collapsed) continue; // namespace frames are not selectable (collapsed ones are)
      const internal = getInternalNode(n.id);
      if (!internal) continue;
      const p = internal.internals.positionAbsolute;
      const box = { x: p.x, y: p.y, width: internal.measured.width ?? 0, height: internal.measured.height ?? 0 };
      boxes.set(n.id, box);
      centres.push({ id: n.id, x: box.x + box.width / 2, y: box.y + box.height / 2 });
    }
    const from = s.selectedNode ? centres.find((c) => c.id === s.selectedNode) : undefined;
    const next = from ? nearestInDirection(from, centres, dir) : firstNode(centres);
    if (!next) return;
    selectNode(next);
    // A selection that does not fully show is brought into view at the same zoom.
    const box = boxes.get(next)!;
    const pane = e.currentTarget.getBoundingClientRect();
    const viewport = getViewport();
    if (!boxInViewport(box, viewport, pane.width, pane.height)) {
      void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: viewport.zoom, duration: 200 });
    }
    // Focus follows the selection so a screen reader announces the node's accessible name.
    const el = e.currentTarget.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`);
    el?.focus({ preventScroll: true });
  }, [getNodes, getInternalNode, getViewport, setCenter, selectNode, selectEdge, requestInspector]);
}
