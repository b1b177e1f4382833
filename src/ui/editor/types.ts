/**
 * Public types of the policy editor. No Monaco import here, on purpose: other folders import
 * these types without pulling Monaco (about 4 MB) into their chunk; only PolicyEditor.tsx,
 * loaded with React.lazy, brings Monaco in.
 */

/** One diagnostic in a workspace file. Lines and columns are 1-based; the end is exclusive. */
export interface EditorMarker {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  /** The engine's code, e.g. `NPC010`; empty for schema and YAML markers. */
  code: string;
  message: string;
  /** `schema`: JSON-schema check by monaco-yaml; `yaml`: YAML syntax; `engine`: our evaluator's parser. */
  source: 'schema' | 'yaml' | 'engine';
}

import type { WorkspaceFacts } from '../../state/workspaceFacts';
import type { HitLens, PolicyFocus } from '../../engine';

export interface PolicyEditorProps {
  /** Workspace file path, e.g. `workspace.yaml`. The Monaco model uri is `file:///<path>`. */
  path: string;
  /**
   * The file's text in the store. When it differs from the editor's and did not come from
   * typing (a walkthrough step, loadYaml), it is applied as one undoable edit.
   */
  text: string;
  /**
   * Every path of the workspace. Models of other paths (deleted or renamed files) are disposed,
   * so a file created again under an old name starts with its own undo history.
   */
  paths?: readonly string[];
  /** Called on every user edit, with the whole text (the app debounces). */
  onChange(text: string): void;
  /** Diagnostics from the engine, for any path; each file's model shows its own. */
  engineMarkers: EditorMarker[];
  /** All markers of the current file (schema, YAML syntax and engine), on every change. */
  onMarkers?(markers: EditorMarker[]): void;
  /** Jump request: a new nonce moves the cursor there, even to the same line again. */
  revealLine?: { line: number; column: number; nonce: number };
  /**
   * Where the user's cursor is (1-based), on every move while the editor has focus and when it
   * gets focus; not for positions set while loading or switching files without focus.
   */
  onCursor?(cursor: { path: string; line: number; column: number }): void;
  /** Labels, namespaces and named ports of the workspace, for completion in selectors and label maps. */
  facts?: WorkspaceFacts;
  /** The engine's focus at a line (what the policy there selects, its rule's peers), for selector hovers; null when unknown. */
  focusAt?(path: string, line: number): Promise<PolicyFocus | null>;
  /** Hit counts of the loaded flow logs, shown as a CodeLens above each policy and rule (empty: none). */
  hitLenses?: readonly HitLens[];
  theme?: 'light' | 'dark';
  /**
   * The workspace's one undo history: Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl+Y in the editor call
   * these instead of Monaco's own per-model undo (without them, Monaco's undo).
   */
  onUndo?(): void;
  onRedo?(): void;
  /** Bumped by every undo / redo: the next text applied from the store puts the cursor at what it changed. */
  historyNonce?: number;
}
