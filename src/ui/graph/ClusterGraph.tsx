import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyNodeChanges, Background, Controls, MarkerType, MiniMap, Panel, ReactFlow, ReactFlowProvider,
  useReactFlow, type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useAppStore } from '../../state/store';
import { useLayout } from './useLayout';
import { WL_H, WL_W, type Placed } from './layout';
import { LayoutControls } from './LayoutControls';
import { applyDragged } from '../../state/nodePositions';
import type { NodeData } from '../../engine';
import { NODE_TYPES, nodeAriaLabel, type GraphNode } from './nodes';
import { EDGE_TYPES, type VerdictEdgeType } from './VerdictEdge';
import { VERDICT_STYLE } from './palette';
import { filterEdges, matchNodes } from '../../state/graphView';
import { applyProbe, probeFlow } from '../../state/probe';
import { GraphSearch } from './GraphSearch';
import { Legend } from './Legend';
import { useGraphKeys } from './useGraphKeys';
import { resolveTheme } from '../../state/theme';

const NO_NODES: NodeData[] = [];

function Graph() {
  const analysis = useAppStore((s) => s.analysis);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const selectedNode = useAppStore((s) => s.selectedNode);
  const selectEdge = useAppStore((s) => s.selectEdge);
  const selectNode = useAppStore((s) => s.selectNode);
  const searchQuery = useAppStore((s) => s.searchQuery);
  const edgeFilter = useAppStore((s) => s.edgeFilter);
  const focusNode = useAppStore((s) => s.focusNode);
  const probe = useAppStore((s) => s.probe);
  const theme = useAppStore((s) => resolveTheme(s.themePreference, s.systemDark));
  const analysisRevision = useAppStore((s) => s.analysisRevision);
  const dragged = useAppStore((s) => s.nodePositions);
  const setNodePosition = useAppStore((s) => s.setNodePosition);
  const relayoutRequest = useAppStore((s) => s.relayoutRequest);
  const markLaidOut = useAppStore((s) => s.markLaidOut);
  const onKeyDown = useGraphKeys();
  const [nodes, setNodes] = useState<GraphNode[]>([]);
  // What the view was last fitted to: the node set, its layout source, the Re-layout count.
  const [fitFor, setFitFor] = useState('');
  const { fitView } = useReactFlow();
  // ELK in a worker, cached by node set; the user's dragged positions (persisted) win.
  const layout = useLayout(analysis?.nodes ?? NO_NODES);

  useEffect(() => {
    if (!analysis || !layout.placed) return; // no placement yet: the picture on screen stays
    const placed = new Map(applyDragged([...layout.placed.values()], dragged).map((p) => [p.id, p]));
    const order = new Map([...layout.placed.keys()].map((id, i) => [id, i])); // parents before children
    const ordered = [...analysis.nodes].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    setNodes(ordered.map((n) => {
      const p: Placed = placed.get(n.id) ?? { id: n.id, x: 0, y: 0, width: WL_W, height: WL_H };
      return {
        id: n.id, type: n.kind, position: { x: p.x, y: p.y }, data: { node: n }, ariaLabel: nodeAriaLabel(n),
        ...(p.parentId ? { parentId: p.parentId, extent: 'parent' as const } : {}),
        style: { width: p.width, height: p.height },
        selectable: n.kind !== 'namespace',
        zIndex: n.kind === 'namespace' ? 0 : 2,
      };
    }));
    setFitFor(`${layout.key}|${layout.source}|${relayoutRequest}`);
  }, [analysis, layout, dragged, relayoutRequest]);

  // Fit when the node set changes, when its final layout lands, and on Re-layout. This runs
  // after React Flow took the new nodes (its prop sync is a child effect), and React Flow
  // waits until they are measured: the fit never frames the previous nodes.
  useEffect(() => {
    if (fitFor) void fitView({ padding: 0.12 });
  }, [fitFor, fitView]);
  useEffect(() => {
    if (analysis && layout.settled) markLaidOut(analysisRevision);
  }, [analysis, analysisRevision, layout.settled, markLaidOut]);

  // Search: matching nodes highlighted, the others dimmed; null while the query is empty.
  const matches = useMemo(() => {
    if (!analysis) return null;
    const ids = matchNodes(analysis.nodes, searchQuery);
    if (ids === null) return null;
    const byId = new Map(analysis.nodes.map((n) => [n.id, n]));
    return ids.map((id) => byId.get(id)!);
  }, [analysis, searchQuery]);
  const matchIds = useMemo(() => (matches ? new Set(matches.map((n) => n.id)) : null), [matches]);
  // The store's selection is the one truth (a search result or the API may select a node).
  // A namespace holding a match is neither ringed nor faded: it frames what was found.
  const shownNodes = useMemo(() => {
    const holders = new Set(matches?.map((n) => (n.kind === 'namespace' ? '' : `ns:${n.namespace ?? ''}`)));
    const mark = (id: string) => (matchIds!.has(id) ? 'npc-match' : holders.has(id) ? '' : 'npc-unmatched');
    return nodes.map((n) => ({ ...n, selected: n.id === selectedNode, ...(matchIds === null ? {} : { className: mark(n.id) }) }));
  }, [nodes, matches, matchIds, selectedNode]);

  // With a probe on, each edge's verdict (colour, data-verdict, and what "denied only" /
  // "allowed only" filter on) is the probe's. Filtered-out edges are not rendered at all.
  const probed = useMemo(() => (analysis ? applyProbe(analysis.edges, probe) : []), [analysis, probe]);
  const probeOn = probeFlow(probe) !== null;
  const edges = useMemo<VerdictEdgeType[]>(() => {
    if (!analysis) return [];
    return filterEdges(probed, edgeFilter, focusNode).map((e) => ({
      id: e.id, source: e.source, target: e.target, type: 'verdict',
      selected: e.id === selectedEdge,
      markerEnd: { type: MarkerType.ArrowClosed, color: VERDICT_STYLE[e.verdict].stroke, width: 16, height: 16 },
      data: {
        verdict: e.verdict, connections: e.connections,
        ...(e.pendingVerdict ? { pendingVerdict: e.pendingVerdict } : {}),
        dimmed: (selectedNode !== null && e.source !== selectedNode && e.target !== selectedNode)
          || (matchIds !== null && !matchIds.has(e.source) && !matchIds.has(e.target)),
      },
      zIndex: 1,
      ariaLabel: `${e.source} to ${e.target}: ${VERDICT_STYLE[e.verdict].label}${probeOn ? ` for ${probe}` : ''}, ${e.connections}`,
    }));
  }, [analysis, probed, probe, probeOn, selectedEdge, selectedNode, edgeFilter, focusNode, matchIds]);

  const parentOf = useCallback((id: string) => layout.placed?.get(id)?.parentId, [layout]);
  const onNodesChange = useCallback((changes: NodeChange<GraphNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    for (const c of changes) {
      if (c.type !== 'position' || !c.position || c.dragging) continue;
      const parentId = parentOf(c.id);
      setNodePosition(c.id, { x: c.position.x, y: c.position.y, ...(parentId ? { parentId } : {}) });
    }
  }, [parentOf, setNodePosition]);

  return (
    <ReactFlow<GraphNode, VerdictEdgeType>
      nodes={shownNodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onNodesChange}
      onEdgeClick={(_, e) => selectEdge(e.id)}
      onNodeClick={(_, n) => (n.type === 'namespace' ? undefined : selectNode(n.id))}
      onPaneClick={() => { selectEdge(null); selectNode(null); }}
      nodesConnectable={false}
      colorMode={theme}
      // Our own keys (useGraphKeys): React Flow's arrows would drag the selected node instead.
      disableKeyboardA11y
      onKeyDown={onKeyDown}
      tabIndex={0}
      aria-label="cluster graph: arrow keys move between nodes, Enter opens the inspector, Escape clears the selection"
      deleteKeyCode={null}
      minZoom={0.05}
      fitView
      proOptions={{ hideAttribution: true }}
      data-layout={layout.source}
    >
      <Background gap={18} />
      <Controls showInteractive={false}><LayoutControls /></Controls>
      <MiniMap pannable zoomable nodeStrokeWidth={2} />
      <Panel position="top-left"><Legend /></Panel>
      <Panel position="top-right"><GraphSearch matches={matches} /></Panel>
    </ReactFlow>
  );
}

/** The cluster graph: namespaces, workloads, the internet, one coloured edge per ordered pair. */
export default function ClusterGraph() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}
