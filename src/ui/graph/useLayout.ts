import { useEffect, useMemo, useState } from 'react';
import type { NodeData } from '../../engine';
import { layoutInputs, layoutKey } from './elkGraph';
import { cachedLayout, sharedLayouter } from './elkLayout';
import { layoutGraph, type Placed } from './layout';

/** Where the visible nodes go, and whether that is the final word for this node set. */
export interface GraphLayout {
  /**
   * Positions by node id, relative to the parent; iteration order puts parents first. Null for
   * the first {@link GRACE_MS} of a new node set: keep the picture on screen until ELK answers.
   */
  placed: ReadonlyMap<string, Placed> | null;
  /** `elk` once the layout worker answered for these nodes; `instant` before, or after it failed. */
  source: 'instant' | 'elk';
  /** Nothing more will move: ELK's answer is shown, or it failed and the instant layout stays. */
  settled: boolean;
  /** The node set the layout is for (ids, parents, sizes). */
  key: string;
}

const index = (placed: readonly Placed[]) => new Map(placed.map((p) => [p.id, p]));

/**
 * How long a new node set waits for ELK before the instant placement is drawn. At 2,000 nodes a
 * React Flow render costs more than ELK itself, so drawing the instant placement first and
 * ELK's right after would double the work; the grace period saves it whenever ELK is quick.
 */
export const GRACE_MS = 800;

/**
 * While ELK works on a new node set, nodes it placed last time stay where they were (under the
 * same parent) and only new ones take the instant placement: an edit never shuffles the graph twice.
 */
export function interim(instant: readonly Placed[], previous: readonly Placed[] | undefined): Placed[] {
  if (!previous) return [...instant];
  const before = index(previous);
  return instant.map((p) => {
    const b = before.get(p.id);
    return b && b.parentId === p.parentId ? b : p;
  });
}

/**
 * The layout of the visible nodes: the synchronous layout.ts placement at once, then ELK's
 * (in its worker, cached by node set), so a re-evaluation with the same nodes never lays out
 * again and a policy edit never moves anything. Dragged positions are applied by the caller.
 */
export function useLayout(visibleNodes: readonly NodeData[]): GraphLayout {
  const inputs = useMemo(() => layoutInputs(visibleNodes), [visibleNodes]);
  const key = useMemo(() => layoutKey(inputs), [inputs]);
  // The node set of the current key: a new analysis with the same nodes keeps everything below.
  const [current, setCurrent] = useState({ key, inputs, nodes: visibleNodes });
  if (current.key !== key) setCurrent({ key, inputs, nodes: visibleNodes });
  // ELK's last answer (for this node set or, while a new one is computed, the one before);
  // `placed: null` records a failure.
  const [answer, setAnswer] = useState<{ key: string; placed: Placed[] | null } | null>(null);
  const [graceOver, setGraceOver] = useState<string | null>(null);

  useEffect(() => {
    // Also starts the worker before the first analysis arrives (nothing to lay out yet).
    const layouter = sharedLayouter();
    if (current.inputs.length === 0 || layouter.cached(current.key)) return;
    let live = true;
    const timer = setTimeout(() => setGraceOver(current.key), GRACE_MS);
    layouter.layout(current.inputs).then(
      (placed) => { if (live) setAnswer({ key: current.key, placed }); },
      () => { if (live) setAnswer({ key: current.key, placed: null }); },
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [current]);

  return useMemo<GraphLayout>(() => {
    if (current.inputs.length === 0) return { placed: new Map(), source: 'elk', settled: true, key: current.key };
    const cached = cachedLayout(current.key);
    const mine = answer?.key === current.key ? answer : null;
    const final = cached ?? mine?.placed;
    if (final) return { placed: index(final), source: 'elk', settled: true, key: current.key };
    if (mine) return { placed: index(layoutGraph(current.nodes)), source: 'instant', settled: true, key: current.key };
    if (graceOver !== current.key) return { placed: null, source: 'instant', settled: false, key: current.key };
    return { placed: index(interim(layoutGraph(current.nodes), answer?.placed ?? undefined)), source: 'instant', settled: false, key: current.key };
  }, [current, answer, graceOver]);
}
