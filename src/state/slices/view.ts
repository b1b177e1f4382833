import type { StateCreator } from 'zustand';
import type { EdgeFilter } from '../graphView';
import type { AppState } from '../store';
import type { ThemePreference } from '../theme';

/** What the user is looking at: selection, walkthrough step, probe, search, edge filter. */
export interface ViewSlice {
  selectedEdge: string | null;
  selectedNode: string | null;
  /**
   * The node "focus on selection" shows the edges of: the last selected node, kept while one of
   * its edges is selected (inspecting an edge must not empty the view); cleared with the selection.
   */
  focusNode: string | null;
  walkthroughStep: number;
  /** `any` or a probe like `TCP/80`: recolours edges by that one connection. */
  probe: string;
  reveal: { path: string; line: number; column: number; nonce: number } | null;
  /** The graph's node search (`nginx`, `app=nginx`, `ns:shams`; see graphView.matchNodes). */
  searchQuery: string;
  /** Which edges the graph draws (see graphView.filterEdges). */
  edgeFilter: EdgeFilter;
  /** The user's colour theme choice (persisted; see persist.ts view settings). */
  themePreference: ThemePreference;
  /** Whether the system prefers a dark scheme (fed from matchMedia by the app). */
  systemDark: boolean;
  /** Bumped to ask the shell to show the inspector of the selection (Enter on the graph). */
  inspectRequest: number;
  /** Workload node ids the graph shows as their pods (../podExpansion.ts asks the engine for them). */
  expandedWorkloads: string[];
  selectEdge(id: string | null): void;
  selectNode(id: string | null): void;
  setWalkthroughStep(step: number): void;
  setProbe(probe: string): void;
  revealInEditor(path: string, line: number, column: number): void;
  setSearchQuery(query: string): void;
  setEdgeFilter(mode: EdgeFilter): void;
  setThemePreference(pref: ThemePreference): void;
  setSystemDark(dark: boolean): void;
  requestInspector(): void;
  /** Shows a workload as its pods, or as one node again. */
  setWorkloadExpanded(id: string, expanded: boolean): void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  selectedEdge: null,
  selectedNode: null,
  focusNode: null,
  walkthroughStep: 0,
  probe: 'any',
  reveal: null,
  searchQuery: '',
  edgeFilter: 'all',
  themePreference: 'auto',
  systemDark: false,
  inspectRequest: 0,
  expandedWorkloads: [],
  selectEdge: (selectedEdge) => set({ selectedEdge, selectedNode: null }),
  selectNode: (selectedNode) => set({ selectedNode, selectedEdge: null, focusNode: selectedNode }),
  setWalkthroughStep: (walkthroughStep) => set({ walkthroughStep }),
  setProbe: (probe) => set({ probe }),
  revealInEditor: (path, line, column) => set((s) => ({ reveal: { path, line, column, nonce: (s.reveal?.nonce ?? 0) + 1 }, activePath: path })),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  setEdgeFilter: (edgeFilter) => set({ edgeFilter }),
  setThemePreference: (themePreference) => set({ themePreference }),
  setSystemDark: (systemDark) => set({ systemDark }),
  requestInspector: () => set((s) => ({ inspectRequest: s.inspectRequest + 1 })),
  setWorkloadExpanded: (id, expanded) =>
    set((s) => {
      if (s.expandedWorkloads.includes(id) === expanded) return s;
      // A selection on what is no longer drawn (the workload when expanded, its pods when
      // folded back) is cleared, so the inspector never describes an invisible node.
      const gone = new Set(expanded ? [id] : s.podExpansion?.result.pods.filter((p) => p.workload === id).map((p) => p.id));
      const edge = s.selectedEdge?.split('->') ?? [];
      const hidden = (s.selectedNode !== null && gone.has(s.selectedNode)) || edge.some((end) => gone.has(end));
      return {
        expandedWorkloads: expanded ? [...s.expandedWorkloads, id] : s.expandedWorkloads.filter((w) => w !== id),
        ...(hidden ? { selectedNode: null, selectedEdge: null, focusNode: null } : {}),
      };
    }),
});
