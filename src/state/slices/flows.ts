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
  setFlowSources(sources: FlowSource[]): void;
  applyHits(revision: number, report: HitReport | null): void;
}

export const createFlowsSlice: StateCreator<AppState, [], [], FlowsSlice> = (set) => ({
  flowSources: [],
  flowsVersion: 0,
  hitReport: null,
  hitsRevision: -1,
  setFlowSources: (flowSources) => set((s) => ({ flowSources, flowsVersion: s.flowsVersion + 1, ...(flowSources.length === 0 ? { hitReport: null } : {}) })),
  // A count asked for before the flows were cleared may arrive after: it is dropped.
  applyHits: (revision, hitReport) => set((s) => (revision < s.hitsRevision || (hitReport !== null && s.flowSources.length === 0) ? s : { hitReport, hitsRevision: revision })),
});
