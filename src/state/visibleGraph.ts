import type { EdgeData, NodeData } from '../engine';
import { collapseNamespaces, type CollapsedEdge, type CollapsedNode } from './collapse';
import { currentExpansion, withExpandedWorkloads } from './expansion';
import { applyProbe } from './probe';
import type { AppState } from './store';

/**
 * The graph pipeline (issue 4) as one memoised selector: engine result -> workloads expanded
 * to their pods -> the probe's verdicts -> collapsed namespaces folded into summary edges.
 * The graph and the inspectors read the same view (a summary edge the inspector describes is
 * the one drawn), and each stage is recomputed only when its own inputs change: nodes do not
 * depend on the probe, so a probe change never changes the node list (nor the layout).
 */
export interface VisibleGraph {
  /** Every node of the graph, pods of expanded workloads included, members of collapsed namespaces too (search looks here). */
  allNodes: readonly NodeData[];
  /** What is drawn: collapsed namespaces as nodes of their own, their members left out. */
  nodes: readonly CollapsedNode[];
  /** What is drawn before the edge filter: the probe's verdicts, summary edges for collapsed namespaces. */
  edges: readonly CollapsedEdge<EdgeData>[];
}

/** One-entry memo on the identity of its arguments (store slices are immutable). */
function memo<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => a === args[i])) return last.result;
    const result = f(...args);
    last = { args, result };
    return result;
  };
}

/** Creates the selector (one per store: its memo holds that store's last view). */
export function visibleGraphSelector(): (s: AppState) => VisibleGraph | null {
  const expansionOf = memo(currentExpansion);
  const nodesOf = memo((nodes: readonly NodeData[], expansion: ReturnType<typeof currentExpansion>) =>
    withExpandedWorkloads(nodes, [], expansion).nodes);
  const edgesOf = memo((nodes: readonly NodeData[], edges: readonly EdgeData[], expansion: ReturnType<typeof currentExpansion>, probe: string) => {
    const pods = expansion ? { ...expansion, edges: applyProbe(expansion.edges, probe) } : null;
    return withExpandedWorkloads(nodes, applyProbe(edges, probe), pods).edges;
  });
  // Flow ends the workspace lacks (issue 7): nodes of their own, the same objects while the same ends.
  let unknownKey = '';
  let unknownNodes: NodeData[] = [];
  const unknownOf = (ends: readonly { id: string; label: string }[] | undefined): NodeData[] => {
    const key = (ends ?? []).map((u) => u.id).join('\u0000');
    if (key !== unknownKey) {
      unknownKey = key;
      unknownNodes = (ends ?? []).map((u) => ({ id: u.id, kind: 'external', name: u.label, labels: {}, unknown: true }));
    }
    return unknownNodes;
  };
  const withUnknown = memo((nodes: readonly NodeData[], unknown: readonly NodeData[]) => (unknown.length === 0 ? nodes : [...nodes, ...unknown]));
  const viewOf = memo((allNodes: readonly NodeData[], edges: readonly EdgeData[], collapsed: ReadonlySet<string>, denyEdgesOmitted: boolean): VisibleGraph => {
    const v = collapseNamespaces(allNodes, edges, collapsed, { denyEdgesOmitted });
    return { allNodes, nodes: v.nodes, edges: v.edges };
  });
  return (s) => {
    const a = s.analysis;
    if (!a) return null;
    const expansion = expansionOf(s.podExpansion, s.expandedWorkloads);
    const allNodes = withUnknown(nodesOf(a.nodes, expansion), unknownOf(s.flowsDemo ? undefined : s.hitReport?.unknownEnds));
    return viewOf(allNodes, edgesOf(a.nodes, a.edges, expansion, s.probe), s.collapsedNamespaces, a.denyEdgesOmitted === true);
  };
}

/** The app's selector (the app has one store; tests make their own with {@link visibleGraphSelector}). */
export const selectVisibleGraph = visibleGraphSelector();
