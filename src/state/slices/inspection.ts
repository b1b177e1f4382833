import type { StateCreator } from 'zustand';
import type { NodeInspection } from '../../engine';
import type { AppState } from '../store';

/** The engine's answer for the selected node, tagged with the node and the analysis revision it belongs to. */
export interface NodeInspectionState {
  node: string;
  revision: number;
  result: NodeInspection | { error: string };
}

/** The node inspector's data (asked for by ../nodeInspection.ts whenever the selection or the graph changes). */
export interface InspectionSlice {
  nodeInspection: NodeInspectionState | null;
  /** Writes an answer unless it is stale: for another node than the selected one, or older than the graph. */
  applyNodeInspection(answer: NodeInspectionState): void;
}

export const createInspectionSlice: StateCreator<AppState, [], [], InspectionSlice> = (set) => ({
  nodeInspection: null,
  applyNodeInspection: (answer) =>
    set((s) => {
      if (answer.node !== s.selectedNode || answer.revision < s.analysisRevision) return s;
      const held = s.nodeInspection;
      if (held && held.node === answer.node && held.revision > answer.revision) return s;
      return { nodeInspection: answer };
    }),
});
