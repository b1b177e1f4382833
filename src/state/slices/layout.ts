import type { StateCreator } from 'zustand';
import type { DraggedPosition, DraggedPositions } from '../nodePositions';
import type { AppState, AppStore } from '../store';

/** The graph's layout inputs the user authors (dragged positions) and when a layout has settled. */
export interface LayoutSlice {
  /** Where the user dragged nodes to (persisted; see persist.ts); these win over the layout. */
  nodePositions: DraggedPositions;
  /** Bumped by "Re-layout" (the graph fits the view again). */
  relayoutRequest: number;
  /**
   * The analysis revision whose nodes have their final positions on screen (the layout worker
   * answered, or failed and the instant layout stays). The scripting API waits for it, so a
   * test never clicks a node that is about to move.
   */
  laidOutRevision: number;
  setNodePosition(id: string, position: DraggedPosition): void;
  setNodePositions(positions: DraggedPositions): void;
  /** Forgets every dragged position: the layout places all nodes again. */
  relayout(): void;
  markLaidOut(revision: number): void;
}

export const createLayoutSlice: StateCreator<AppState, [], [], LayoutSlice> = (set) => ({
  nodePositions: {},
  relayoutRequest: 0,
  laidOutRevision: -1,
  setNodePosition: (id, position) => set((s) => ({ nodePositions: { ...s.nodePositions, [id]: position } })),
  setNodePositions: (nodePositions) => set({ nodePositions }),
  relayout: () => set((s) => ({ nodePositions: {}, relayoutRequest: s.relayoutRequest + 1 })),
  markLaidOut: (revision) => set((s) => (revision > s.laidOutRevision ? { laidOutRevision: revision } : s)),
});

/** Resolves once the graph shows the final layout of `revision` (or a newer one). */
export function whenLaidOut(store: AppStore, revision: number): Promise<void> {
  return new Promise((resolve) => {
    if (store.getState().laidOutRevision >= revision) return resolve();
    const unsubscribe = store.subscribe((s) => {
      if (s.laidOutRevision < revision) return;
      unsubscribe();
      resolve();
    });
  });
}
