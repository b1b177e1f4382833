/**
 * Analyses cross the worker boundary as a delta against the previous one. An edit changes a
 * handful of edges, but the result holds every ordered pair (5,767 edges, 1.8 MB of JSON at
 * 1,000 pods): copying it whole on each keystroke cost ~20 ms of structured cloning on both
 * threads. The engine keeps the objects of unchanged edges (analysis.ts updateEdges) and of
 * unchanged nodes, so "unchanged" is identity: such an edge travels as its index in the
 * previous result, and the receiver gets back its own previous object (which also lets the
 * UI's memos see that it did not change).
 */
import type { AnalysisResult, EdgeData } from '../engine';

/** An analysis as sent: complete (`base` null) or told against the analysis answered to request `base`. */
export interface WireAnalysis extends Omit<AnalysisResult, 'nodes' | 'edges'> {
  base: number | null;
  /** Null: the base's nodes, unchanged. */
  nodes: AnalysisResult['nodes'] | null;
  /** Each edge, or the index of the base's edge it is. */
  edges: (EdgeData | number)[];
}

/** The last analysis one side sent or received, with the id of the request it answered. */
export interface SentAnalysis {
  id: number;
  result: AnalysisResult;
}

/** `next` as a delta against `base` (complete when there is no base). */
export function encodeAnalysis(base: SentAnalysis | null, next: AnalysisResult): WireAnalysis {
  const { nodes, edges, ...rest } = next;
  if (!base) return { ...rest, base: null, nodes, edges };
  const index = new Map<EdgeData, number>();
  base.result.edges.forEach((e, i) => index.set(e, i));
  return {
    ...rest,
    base: base.id,
    nodes: nodes === base.result.nodes ? null : nodes,
    edges: edges.map((e) => index.get(e) ?? e),
  };
}

/** The analysis `wire` stands for; throws when it is told against another analysis than `base`. */
export function decodeAnalysis(base: SentAnalysis | null, wire: WireAnalysis): AnalysisResult {
  const { base: baseId, nodes, edges, ...rest } = wire;
  if (baseId === null) return { ...rest, nodes: nodes ?? [], edges: edges.filter((e): e is EdgeData => typeof e !== 'number') };
  if (!base || base.id !== baseId) throw new Error(`analysis delta against request ${baseId}, but the last analysis received answered ${base?.id ?? 'none'}`);
  const prev = base.result;
  return {
    ...rest,
    nodes: nodes ?? prev.nodes,
    edges: edges.map((e) => {
      if (typeof e !== 'number') return e;
      const old = prev.edges[e];
      if (!old) throw new Error(`analysis delta names edge ${e} of ${prev.edges.length}`);
      return old;
    }),
  };
}
