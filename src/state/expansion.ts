import type { EdgeData, NodeData, WorkloadExpansion } from '../engine';
import type { PodExpansionState } from './slices/expansion';

/**
 * The graph pipeline's "workload -> its pods" stage (issue 4): pure functions over the
 * engine's nodes and edges and its answer for the expanded workloads (engine `expandWorkloads`).
 */

/** What the stage needs of an expansion; `edges` may be re-verdicted (a probe) beforehand. */
export interface PodExpansion<E> {
  workloads: readonly string[];
  pods: readonly NodeData[];
  edges: readonly E[];
}

/**
 * The expansion to show for the current set of expanded workloads: the held answer limited to
 * the workloads still expanded (a collapse shows at once; a newly expanded workload shows when
 * its answer arrives); null when nothing is expanded or nothing answered yet.
 */
export function currentExpansion(held: PodExpansionState | null, expanded: readonly string[]): WorkloadExpansion | null {
  if (!held || expanded.length === 0) return null;
  const keep = new Set(expanded);
  const workloads = held.result.workloads.filter((w) => keep.has(w));
  if (workloads.length === 0) return null;
  return workloads.length === held.result.workloads.length ? held.result : { ...held.result, workloads };
}

/**
 * Replaces each expanded workload node by its pod nodes, in its place (pods keep the
 * workload's namespace, so they sit in the same namespace group), and its edges by the pod
 * edges. Pod edges are kept only when both ends are shown (a pod of a workload no longer
 * expanded, or a node gone from the analysis, takes its edges with it). Without an expansion
 * the inputs come back as they are.
 */
export function withExpandedWorkloads<E extends Pick<EdgeData, 'source' | 'target'>>(
  nodes: readonly NodeData[], edges: readonly E[], expansion: PodExpansion<E> | null,
): { nodes: readonly NodeData[]; edges: readonly E[] } {
  // Nothing expanded: the same arrays (the graph's edges can be millions; no copy).
  if (!expansion || expansion.workloads.length === 0) return { nodes, edges };
  const present = new Set(nodes.map((n) => n.id));
  const expanded = new Set(expansion.workloads.filter((w) => present.has(w)));
  const podsOf = new Map<string, NodeData[]>();
  for (const p of expansion.pods) {
    if (p.workload === undefined || !expanded.has(p.workload)) continue;
    const list = podsOf.get(p.workload);
    if (list) list.push(p);
    else podsOf.set(p.workload, [p]);
  }
  const outNodes = nodes.flatMap((n) => (expanded.has(n.id) ? podsOf.get(n.id) ?? [] : [n]));
  const shown = new Set(outNodes.map((n) => n.id));
  const outEdges = edges.filter((e) => !expanded.has(e.source) && !expanded.has(e.target));
  for (const e of expansion.edges) if (shown.has(e.source) && shown.has(e.target)) outEdges.push(e);
  return { nodes: outNodes, edges: outEdges };
}

/** The edge between two shown nodes: an analysis edge, or a pod edge of the current expansion. */
export function findShownEdge<E extends Pick<EdgeData, 'source' | 'target'>>(analysisEdges: readonly E[], expansion: PodExpansion<E> | null, src: string, dst: string): E | undefined {
  const fromPods = expansion?.edges.find((e) => e.source === src && e.target === dst);
  return fromPods ?? analysisEdges.find((e) => e.source === src && e.target === dst);
}
