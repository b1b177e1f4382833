import type { StateCreator } from 'zustand';
import type { AppState } from '../store';

/** What the user is looking at: selection, walkthrough step, probe, theme. */
export interface ViewSlice {
  selectedEdge: string | null;
  selectedNode: string | null;
  walkthroughStep: number;
  /** `any` or a probe like `TCP/80`: recolours edges by that one connection. */
  probe: string;
  reveal: { path: string; line: number; column: number; nonce: number } | null;
  selectEdge(id: string | null): void;
  selectNode(id: string | null): void;
  setWalkthroughStep(step: number): void;
  setProbe(probe: string): void;
  revealInEditor(path: string, line: number, column: number): void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  selectedEdge: null,
  selectedNode: null,
  walkthroughStep: 0,
  probe: 'any',
  reveal: null,
  selectEdge: (selectedEdge) => set({ selectedEdge, selectedNode: null }),
  selectNode: (selectedNode) => set({ selectedNode, selectedEdge: null }),
  setWalkthroughStep: (walkthroughStep) => set({ walkthroughStep }),
  setProbe: (probe) => set({ probe }),
  revealInEditor: (path, line, column) => set((s) => ({ reveal: { path, line, column, nonce: (s.reveal?.nonce ?? 0) + 1 }, activePath: path })),
});
