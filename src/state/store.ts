import { createStore, useStore, type StoreApi } from 'zustand';
import { createAnalysisSlice, type AnalysisSlice } from './slices/analysis';
import { createInspectionSlice, type InspectionSlice } from './slices/inspection';
import { createExpansionSlice, type ExpansionSlice } from './slices/expansion';
import { createLayoutSlice, type LayoutSlice } from './slices/layout';
import { createViewSlice, type ViewSlice } from './slices/view';
import { createWorkspaceSlice, type WorkspaceSlice } from './slices/workspace';
import { createHistorySlice, type HistorySlice } from './slices/history';
import { createFlowsSlice, type FlowsSlice } from './slices/flows';

/** The one application store: inputs (files, view) and the latest engine result by revision. */
export type AppState = WorkspaceSlice & HistorySlice & FlowsSlice & AnalysisSlice & ViewSlice & InspectionSlice & ExpansionSlice & LayoutSlice;
export type AppStore = StoreApi<AppState>;

/** React-free factory (tests and the scripting API use it directly). */
export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createWorkspaceSlice(...a),
    ...createHistorySlice(...a),
    ...createFlowsSlice(...a),
    ...createAnalysisSlice(...a),
    ...createViewSlice(...a),
    ...createInspectionSlice(...a),
    ...createExpansionSlice(...a),
    ...createLayoutSlice(...a),
  }));
}

/** The store the app renders from. */
export const appStore = createAppStore();

/** Narrow selector hook over the app store. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
export type { EditorProblem } from './slices/analysis';
export type { NodeInspectionState } from './slices/inspection';
export type { PodExpansionState } from './slices/expansion';
export { whenLaidOut } from './slices/layout';
