import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  applyNodeChanges, Background, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider,
  useReactFlow, type Edge, type NodeChange, type OnConnectEnd,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useAppStore } from '../../state/store';
import { useLayout } from './useLayout';
import { WL_H, WL_W, type Placed } from './layout';
import { LayoutControls } from './LayoutControls';
import { applyDragged } from '../../state/nodePositions';
import type { NodeData } from '../../engine';
import { NODE_TYPES, nodeAriaLabel, type GraphNode } from './nodes';
import { EdgeLayer, flowBadgeText, type DrawnEdge } from './EdgeLayer';
import { reuseEdges, reuseNodes, sameElements } from './stableEdges';
import { VERDICT_STYLE } from './palette';
import { filterEdges, matchNodes } from '../../state/graphView';
import { probeFlow } from '../../state/probe';
import { isSummaryEdge, pendingChanged } from '../../state/collapse';
import { selectVisibleGraph } from '../../state/visibleGraph';
import { badgeKey, flowBadges } from '../../state/flowBadges';
import { CollapseControls } from './CollapseControls';
import { GraphSearch } from './GraphSearch';
import { Legend } from './Legend';
import { useGraphKeys } from './useGraphKeys';
import { resolveTheme } from '../../state/theme';
import { focusClass, focusMarks } from '../../state/policyFocus';
import { PolicyFocusBanner } from './PolicyFocusBanner';

/** Above this many drawn edges only the selected edge and the selected node's edges carry labels. */
const LABELLED_EDGES_MAX = 150;

const NO_NODES: NodeData[] = [];
const NO_EDGES: Edge[] = [];

/** Nodes above which React Flow renders only the nodes in the viewport (edges are EdgeLayer's). */
const RENDER_VISIBLE_ONLY_ABOVE = 4000;

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
  const toggleNamespace = useAppStore((s) => s.toggleNamespace);
  const theme = useAppStore((s) => resolveTheme(s.themePreference, s.systemDark));
  const policyFocus = useAppStore((s) => s.policyFocus);
  const hitEdges = useAppStore((s) => s.hitReport?.edges);
  // The pipeline (state/visibleGraph.ts): pods of expanded workloads, the probe, collapsed namespaces.
  const graph = useAppStore(selectVisibleGraph);
  const graphNodes = graph?.allNodes ?? null;
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
  const view = graph;
  const visibleNodes = view?.nodes;
  // ELK in a worker, cached by the visible node set; the user's dragged positions (persisted) win.
  const layout = useLayout(visibleNodes ?? NO_NODES);

  useEffect(() => {
    if (!visibleNodes || !layout.placed) return; // no placement yet: the picture on screen stays
    const placed = new Map(applyDragged([...layout.placed.values()], dragged).map((p) => [p.id, p]));
    const order = new Map([...layout.placed.keys()].map((id, i) => [id, i])); // parents before children
    const ordered = [...visibleNodes].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const next = ordered.map((n): GraphNode => {
      const p: Placed = placed.get(n.id) ?? { id: n.id, x: 0, y: 0, width: WL_W, height: WL_H };
      // A collapsed namespace is a node of its own (selectable, edges end on it), not a frame.
      const frame = n.kind === 'namespace' && !n.collapsed;
      return {
        id: n.id, type: n.kind, position: { x: p.x, y: p.y }, data: { node: n, ...(n.collapsed ? { collapsed: n.collapsed } : {}) },
        ariaLabel: `${nodeAriaLabel(n)}${n.collapsed ? ' (collapsed)' : ''}`,
        ...(p.parentId ? { parentId: p.parentId, extent: 'parent' as const } : {}),
        style: { width: p.width, height: p.height },
        selectable: !frame,
        zIndex: frame ? 0 : 2,
      };
    });
    // Unchanged nodes keep their objects: React Flow then re-renders (and re-measures) only what changed.
    setNodes((prev) => reuseNodes(prev, next));
    setFitFor(`${layout.key}|${layout.source}|${relayoutRequest}`);
  }, [visibleNodes, layout, dragged, relayoutRequest]);

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
    if (!graphNodes) return null;
    const ids = matchNodes(graphNodes, searchQuery);
    if (ids === null) return null;
    const byId = new Map(graphNodes.map((n) => [n.id, n]));
    return ids.map((id) => byId.get(id)!);
  }, [graphNodes, searchQuery]);
  const matchIds = useMemo(() => (matches ? new Set(matches.map((n) => n.id)) : null), [matches]);
  const lastShown = useRef(new Map<string, { base: GraphNode; shown: GraphNode }>());
  const lastShownList = useRef<GraphNode[]>([]);
  // The store's selection is the one truth (a search result or the API may select a node).
  // A namespace holding a match is neither ringed nor faded: it frames what was found.
  const shownNodes = useMemo(() => {
    const holders = new Set(matches?.map((n) => (n.kind === 'namespace' ? '' : `ns:${n.namespace ?? ''}`)));
    const mark = (id: string) => (matchIds!.has(id) ? 'npc-match' : holders.has(id) ? '' : 'npc-unmatched');
    // The editor cursor's policy: what it selects and its rule peers (src/state/policyFocus.ts).
    const focus = focusMarks(policyFocus);
    const classes = (id: string) => [matchIds === null ? '' : mark(id), focusClass(focus, id)].filter(Boolean).join(' ');
    const prev = lastShown.current;
    const out = nodes.map((n) => {
      const selected = n.id === selectedNode;
      const className = matchIds === null && focus === null ? undefined : classes(n.id);
      const old = prev.get(n.id);
      // Same base node, same marks: last time's object (see reuseNodes).
      if (old && old.base === n && old.shown.selected === selected && old.shown.className === className) return old.shown;
      const shown = { ...n, selected, ...(className === undefined ? {} : { className }) };
      prev.set(n.id, { base: n, shown });
      return shown;
    });
    if (prev.size > out.length * 2) lastShown.current = new Map(out.map((n, i) => [n.id, { base: nodes[i]!, shown: n }]));
    lastShownList.current = sameElements(lastShownList.current, out);
    return lastShownList.current;
  }, [nodes, matches, matchIds, selectedNode, policyFocus]);

  // Filtered-out edges are not rendered at all.
  const probeOn = probeFlow(probe) !== null;
  const lastEdges = useRef<DrawnEdge[]>([]);
  // Imported flows (issue 7): each drawn edge's replayed flows and what the draft would break.
  const badges = useMemo(() => (hitEdges && view ? flowBadges(hitEdges, view.nodes, view.allNodes) : null), [hitEdges, view]);
  const edges = useMemo<DrawnEdge[]>(() => {
    if (!view) return [];
    const shown = filterEdges(view.edges, edgeFilter, focusNode);
    // At scale the labels would bury the graph: then only the selection's edges are labelled.
    const crowded = shown.length > LABELLED_EDGES_MAX;
    const next = shown.map((e): DrawnEdge => {
      const badge = badges?.get(badgeKey(e.source, e.target));
      return {
      id: e.id, source: e.source, target: e.target,
      selected: e.id === selectedEdge,
      data: {
        verdict: e.verdict, connections: e.connections,
        ...(e.pendingVerdict ? { pendingVerdict: e.pendingVerdict } : {}),
        ...((isSummaryEdge(e) ? e.summary.changed > 0 : pendingChanged(e)) ? { changedByDraft: true } : {}),
        ...(badge ? { flows: badge.flows, broken: badge.broken, unblocked: badge.unblocked } : {}),
        ...(isSummaryEdge(e) ? { summary: true } : {}),
        ...(crowded && e.id !== selectedEdge && e.source !== selectedNode && e.target !== selectedNode ? { hideLabel: true } : {}),
        dimmed: (selectedNode !== null && e.source !== selectedNode && e.target !== selectedNode)
          || (matchIds !== null && !matchIds.has(e.source) && !matchIds.has(e.target)),
      },
      ariaLabel: `${e.source} to ${e.target}: ${VERDICT_STYLE[e.verdict].label}${probeOn ? ` for ${probe}` : ''}, ${e.connections}${badge ? `, ${flowBadgeText(badge)}` : ''}`,
      };
    });
    // Flows to or from an end the workspace lacks: drawn (grey, dotted), never coloured by a verdict.
    if (badges) {
      const shownIds = new Set(view.nodes.map((n) => n.id));
      for (const [key, b] of badges) {
        const [source, target] = key.split('\u0000') as [string, string];
        if (!(source.startsWith('unknown:') || target.startsWith('unknown:')) || !shownIds.has(source) || !shownIds.has(target)) continue;
        if (edgeFilter !== 'all' && edgeFilter !== 'focus') continue;
        if (edgeFilter === 'focus' && focusNode !== source && focusNode !== target) continue;
        const id = `${source}->${target}`;
        next.push({
          id, source, target, selected: id === selectedEdge,
          data: {
            verdict: 'unevaluated', connections: 'not evaluated: an end is not in the workspace', flows: b.flows, broken: 0, unblocked: 0,
            dimmed: (selectedNode !== null && source !== selectedNode && target !== selectedNode) || (matchIds !== null && !matchIds.has(source) && !matchIds.has(target)),
          },
          ariaLabel: `${source} to ${target}: not evaluated (an end is not in the workspace), ${flowBadgeText(b)}`,
        });
      }
    }
    lastEdges.current = reuseEdges(lastEdges.current, next);
    return lastEdges.current;
  }, [view, probe, probeOn, selectedEdge, selectedNode, edgeFilter, focusNode, matchIds, badges]);

  const parentOf = useCallback((id: string) => layout.placed?.get(id)?.parentId, [layout]);
  const onNodesChange = useCallback((changes: NodeChange<GraphNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    for (const c of changes) {
      if (c.type !== 'position' || !c.position || c.dragging) continue;
      const parentId = parentOf(c.id);
      setNodePosition(c.id, { x: c.position.x, y: c.position.y, ...(parentId ? { parentId } : {}) });
    }
  }, [parentOf, setNodePosition]);

  // Stable handlers: React Flow hands them to every edge and node wrapper, and a new function
  // per render re-renders all of them (at 941 edges a third of a keystroke's recolour time).
  const onNodeClick = useCallback((_: unknown, n: GraphNode) => (n.type === 'namespace' && !n.data.collapsed ? undefined : selectNode(n.id)), [selectNode]);
  const onNodeDoubleClick = useCallback((_: unknown, n: GraphNode) => (n.type === 'namespace' ? toggleNamespace(n.id) : undefined), [toggleNamespace]);
  const onPaneClick = useCallback(() => { selectEdge(null); selectNode(null); }, [selectEdge, selectNode]);
  // Drag-to-connect: dropped on a node (its body, not only its handle), the rule form opens for the pair.
  const requestConnect = useAppStore((s) => s.requestConnect);
  const onConnectEnd = useCallback<OnConnectEnd>((event, state) => {
    const from = state.fromNode?.id;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    const dropped = point ? document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node')?.getAttribute('data-id') : null;
    const to = state.toNode?.id ?? dropped;
    if (from && to && from !== to) requestConnect({ source: from, target: to });
  }, [requestConnect]);

  return (
    <ReactFlow<GraphNode>
      nodes={shownNodes}
      // Edges are ours (EdgeLayer: one SVG); React Flow lays out, pans and zooms the nodes.
      edges={NO_EDGES}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onNodeClick={onNodeClick}
      onNodeDoubleClick={onNodeDoubleClick}
      // A double click on a namespace toggles it; it must not zoom the canvas as well.
      zoomOnDoubleClick={false}
      // At scale (issue 4) only the nodes in the viewport are rendered. Below that, every node
      // stays mounted: culling remounts them on every zoom step (npm run bench:ui).
      onlyRenderVisibleElements={shownNodes.length > RENDER_VISIBLE_ONLY_ABOVE}
      onPaneClick={onPaneClick}
      nodesConnectable
      onConnectEnd={onConnectEnd}
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
      <EdgeLayer edges={edges} onSelect={selectEdge} />
      <Background gap={18} />
      <Controls showInteractive={false}><LayoutControls /></Controls>
      <MiniMap pannable zoomable nodeStrokeWidth={2} />
      <Panel position="top-left"><Legend /></Panel>
      <Panel position="top-right"><GraphSearch matches={matches} /></Panel>
      <Panel position="bottom-center"><PolicyFocusBanner /></Panel>
      <Panel position="top-center"><CollapseControls /></Panel>
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
