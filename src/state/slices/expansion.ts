import type { StateCreator } from 'zustand';
import type { WorkloadExpansion } from '../../engine';
import type { AppState } from '../store';

/** The engine's pods for a set of expanded workloads, tagged with the set asked and the analysis revision. */
export interface PodExpansionState {
  /** The workload ids asked for (ViewSlice.expandedWorkloads when asked). */
  asked: string[];
  revision: number;
  result: WorkloadExpansion;
}

/** The pods the graph shows for expanded workloads (asked for by ../podExpansion.ts). */
export interface ExpansionSlice {
  podExpansion: PodExpansionState | null;
  /**
   * Writes an answer unless it is stale: asked for another set of workloads than the current
   * one, or computed from an older analysis than the answer held or the graph shown.
   */
  applyPodExpansion(answer: PodExpansionState): void;
}

/** Order-free key of a set of workload ids. */
export const workloadSetKey = (ids: readonly string[]): string => [...ids].sort().join('\n');

export const createExpansionSlice: StateCreator<AppState, [], [], ExpansionSlice> = (set) => ({
  podExpansion: null,
  applyPodExpansion: (answer) =>
    set((s) => {
      if (workloadSetKey(answer.asked) !== workloadSetKey(s.expandedWorkloads)) return s;
      if (answer.revision < s.analysisRevision) return s;
      if (s.podExpansion && s.podExpansion.revision > answer.revision) return s;
      return { podExpansion: answer };
    }),
});
