import type { StateCreator } from 'zustand';
import type { FlowSource, HitReport } from '../../engine';
import type { AppState } from '../store';

/** Flow logs loaded for hit counts (kept in the worker) and their counts for the model on screen. */
export interface FlowsSlice {
  flowSources: FlowSource[];
  /** Bumped when the loaded flows change: the counts are asked for again. */
  flowsVersion: number;
  hitReport: HitReport | null;
  /** The analysis revision the counts were computed from. */
  hitsRevision: number;
  /** Only the demo's own log is loaded: it draws no node for ends the workspace lacks (it describes the demo's cluster). */
  flowsDemo: boolean;
  setFlowSources(sources: FlowSource[], demo?: boolean): void;
  applyHits(revision: number, report: HitReport | null): void;
}

export const createFlowsSlice: StateCreator<AppState, [], [], FlowsSlice> = (set) => ({
  flowSources: [],
  flowsVersion: 0,
  hitReport: null,
  hitsRevision: -1,
  flowsDemo: false,
  setFlowSources: (flowSources, demo = false) => set((s) => ({ flowSources, flowsDemo: demo && flowSources.length > 0, flowsVersion: s.flowsVersion + 1, ...(flowSources.length === 0 ? { hitReport: null } : {}) })),
  // A count asked for before the flows were cleared may arrive after: it is dropped.
  applyHits: (revision, hitReport) => set((s) => (revision < s.hitsRevision || (hitReport !== null && s.flowSources.length === 0) ? s : { hitReport, hitsRevision: revision })),
});
