import type { StateCreator } from 'zustand';
import type { NodeData } from '../../engine';
import type { EdgeFilter } from '../graphView';
import type { AppState } from '../store';
import type { ThemePreference } from '../theme';
import { collapseDefaults } from '../collapse';

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
  /** Namespace ids (`ns:<name>`) drawn collapsed (see collapse.ts); kept across re-evaluations. */
  collapsedNamespaces: ReadonlySet<string>;
  /** Namespaces the collapse defaults were applied to (collapse.collapseDefaults). */
  seenNamespaces: ReadonlySet<string>;
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
  /** Collapses or expands one namespace; collapsing the namespace of the selected node selects the namespace. */
  toggleNamespace(id: string): void;
  /** Expands the given namespaces (a summary's member pair was chosen). */
  expandNamespaces(ids: readonly string[]): void;
  collapseAll(): void;
  expandAll(): void;
}

/** The namespace id of a namespaced graph node id (`wl:`, `pod:`, `netset:`), from the id itself (design.md ids). */
function namespaceOfId(id: string): string | null {
  const m = /^(?:wl|pod|netset):([^/]+)\//.exec(id);
  return m ? `ns:${m[1]}` : null;
}

/**
 * The selection once the namespaces `hidden` collapse: a hidden selected node is stood for by
 * its namespace (focus mode then shows the namespace's summary edges), as is a hidden focus
 * node behind a selected edge; a selected edge with a hidden end is no longer drawn.
 */
function selectionWhenHidden(s: ViewSlice, hidden: ReadonlySet<string>): Partial<ViewSlice> {
  const holder = (id: string | null) => {
    const ns = id === null ? null : namespaceOfId(id);
    return ns !== null && hidden.has(ns) ? ns : null;
  };
  const out: Partial<ViewSlice> = {};
  const node = holder(s.selectedNode);
  if (node) Object.assign(out, { selectedNode: node, selectedEdge: null, focusNode: node });
  const edgeHidden = s.selectedEdge !== null && s.selectedEdge.split('->').some((end) => holder(end) !== null);
  if (edgeHidden) out.selectedEdge = null;
  const focus = holder(s.focusNode);
  if (focus && !node) out.focusNode = focus;
  return out;
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
  collapsedNamespaces: new Set(),
  seenNamespaces: new Set(),
  toggleNamespace: (id) => set((s) => {
    const collapsed = new Set(s.collapsedNamespaces);
    if (collapsed.delete(id)) return { collapsedNamespaces: collapsed };
    collapsed.add(id);
    return { collapsedNamespaces: collapsed, ...selectionWhenHidden(s, new Set([id])) };
  }),
  expandNamespaces: (ids) => set((s) => {
    if (!ids.some((id) => s.collapsedNamespaces.has(id))) return s;
    const collapsed = new Set(s.collapsedNamespaces);
    for (const id of ids) collapsed.delete(id);
    return { collapsedNamespaces: collapsed };
  }),
  collapseAll: () => set((s) => {
    const all = (s.analysis?.nodes ?? []).filter((n) => n.kind === 'namespace').map((n) => n.id);
    return { collapsedNamespaces: new Set([...s.collapsedNamespaces, ...all]), ...selectionWhenHidden(s, new Set(all)) };
  }),
  expandAll: () => set({ collapsedNamespaces: new Set() }),
});

/**
 * The collapse state after a new analysis (called by the analysis slice): namespaces it sees
 * for the first time get their default (collapse.collapseDefaults); toggles are kept. Nothing
 * seen (a new workspace, see replaceFiles): the old workspace's toggles are dropped.
 */
export function namespaceDefaults(s: Pick<ViewSlice, 'seenNamespaces' | 'collapsedNamespaces'>, nodes: readonly NodeData[]): Pick<ViewSlice, 'seenNamespaces' | 'collapsedNamespaces'> {
  const fresh = s.seenNamespaces.size === 0;
  const r = collapseDefaults(nodes, s.seenNamespaces, fresh ? new Set() : s.collapsedNamespaces);
  return { seenNamespaces: r.seen, collapsedNamespaces: r.collapsed };
}
