import type { StateCreator } from 'zustand';
import type { NodeInspection, PolicyFocus } from '../../engine';
import type { AppState } from '../store';

/** The engine's answer for the selected node, tagged with the node and the analysis revision it belongs to. */
export interface NodeInspectionState {
  node: string;
  revision: number;
  result: NodeInspection | { error: string };
}

/** Where the editor's cursor is (1-based), while the user has put it there. */
export interface EditorCursor {
  path: string;
  line: number;
  column: number;
}

/** The engine's answer for the cursor's line: the policy written there (null: none), tagged with the revision of its text. */
export interface PolicyFocusState {
  path: string;
  line: number;
  revision: number;
  result: PolicyFocus | null;
}

/** What the rule form opens with: the pair, and what the form should offer first. */
export interface ConnectRequestState {
  source: string;
  target: string;
  /** "Allow this" / "Deny this" on an edge: the action, and the probe the inspector showed. */
  action?: 'Allow' | 'Deny';
  probe?: string;
}

/** The node inspector's data and the editor cursor's policy focus (asked for by ../nodeInspection.ts and ../policyFocus.ts). */
export interface InspectionSlice {
  /** A drag from one node to another (or "Allow this" on an edge): the rule form is open for the pair. */
  connectRequest: ConnectRequestState | null;
  requestConnect(request: ConnectRequestState | null): void;
  nodeInspection: NodeInspectionState | null;
  /** Writes an answer unless it is stale: for another node than the selected one, or older than the graph. */
  applyNodeInspection(answer: NodeInspectionState): void;
  /** Null until the user moves the cursor in the editor, and after the focus is dismissed. */
  editorCursor: EditorCursor | null;
  setEditorCursor(cursor: EditorCursor | null): void;
  /** What the graph highlights for the cursor; null while there is no answer for the cursor's line and text. */
  policyFocus: PolicyFocusState | null;
  /**
   * Writes an answer unless it is stale: for another line than the cursor's, or computed from
   * another text than the one the cursor is in (the line would point elsewhere) or than the graph's.
   */
  applyPolicyFocus(answer: PolicyFocusState): void;
  clearPolicyFocus(): void;
}

export const createInspectionSlice: StateCreator<AppState, [], [], InspectionSlice> = (set) => ({
  connectRequest: null,
  requestConnect: (connectRequest) => set({ connectRequest }),
  nodeInspection: null,
  applyNodeInspection: (answer) =>
    set((s) => {
      if (answer.node !== s.selectedNode || answer.revision < s.analysisRevision) return s;
      const held = s.nodeInspection;
      if (held && held.node === answer.node && held.revision > answer.revision) return s;
      return { nodeInspection: answer };
    }),
  editorCursor: null,
  setEditorCursor: (cursor) =>
    set((s) => {
      const c = s.editorCursor;
      if (c === cursor || (c && cursor && c.path === cursor.path && c.line === cursor.line && c.column === cursor.column)) return s;
      return cursor ? { editorCursor: cursor } : { editorCursor: null, policyFocus: null };
    }),
  policyFocus: null,
  applyPolicyFocus: (answer) =>
    set((s) => {
      const c = s.editorCursor;
      if (!c || c.path !== answer.path || c.line !== answer.line) return s;
      if (answer.revision !== s.revision || answer.revision !== s.analysisRevision) return s;
      return { policyFocus: answer };
    }),
  clearPolicyFocus: () => set((s) => (s.policyFocus === null ? s : { policyFocus: null })),
});
