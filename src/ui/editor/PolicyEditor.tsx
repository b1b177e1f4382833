import { useEffect, useLayoutEffect, useRef } from 'react';
import { monaco } from './monacoSetup';
import { ENGINE_OWNER, modelMarkers, toMonacoMarker } from './markers';
import { setAssistFacts, setHoverSource } from './assistProvider';
import { setHitLenses } from './hitLensProvider';
import type { EditorMarker, PolicyEditorProps } from './types';

/**
 * The YAML editor of a workspace: one Monaco editor, one model per file path (switching
 * `path` switches model and keeps each file's undo history and scroll position), schema
 * checks from monaco-yaml and the engine's diagnostics as markers.
 *
 * Default export so the app can `React.lazy(() => import('../ui/editor/PolicyEditor'))` and
 * load Monaco after the graph.
 */

const uriOf = (path: string) => monaco.Uri.file(path);

/** Monaco models always use LF; the store may hold CRLF text (pasted from Windows). */
const toLf = (text: string) => text.replace(/\r\n?/g, '\n');

/** Most typed-but-not-yet-stored texts remembered per file (see `pending` below). */
const MAX_PENDING = 100;

/**
 * Replaces what differs between the model and `next` with one undoable edit. Trimming the
 * common prefix and suffix (rather than replacing the full range) keeps the cursor, scroll
 * position and unchanged markers where they are; for undo it is the same single step.
 */
function applyExternalText(model: monaco.editor.ITextModel, next: string): monaco.Position {
  const prev = model.getValue();
  const max = Math.min(prev.length, next.length);
  let start = 0;
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && prev.charCodeAt(prev.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)) tail++;
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(prev.length - tail);
  const range = new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
  // Stack elements on both sides: the external change is its own undo step, never merged
  // with what the user typed just before or after.
  model.pushStackElement();
  model.pushEditOperations(null, [{ range, text: next.slice(start, next.length - tail) }], () => null);
  model.pushStackElement();
  // Where the changed text now ends.
  return model.getPositionAt(next.length - tail);
}

interface ModelEntry {
  model: monaco.editor.ITextModel;
  path: string;
}

/** The paths the editor holds a model for, on its container (`data-models`): tests read it. */
function publishModels(container: HTMLElement | null, models: Map<string, ModelEntry>): void {
  if (container) container.dataset.models = [...models.values()].map((m) => m.path).sort().join(' ');
}

function setEngineMarkers({ model, path }: ModelEntry, all: EditorMarker[]): void {
  const mine = all.filter((m) => m.path === path).map((m) => toMonacoMarker(m, model));
  monaco.editor.setModelMarkers(model, ENGINE_OWNER, mine);
}

export default function PolicyEditor(props: PolicyEditorProps) {
  const { path, text, engineMarkers, theme = 'light' } = props;
  const revealNonce = props.revealLine?.nonce;
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  /** Latest props for Monaco callbacks, which are registered once. */
  const propsRef = useRef(props);
  useLayoutEffect(() => {
    propsRef.current = props;
  });
  /** Models this component created, by uri string, with their workspace path. */
  const modelsRef = useRef(new Map<string, ModelEntry>());
  const viewStatesRef = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  /** True while we apply store text to a model, so that edit is not echoed through onChange. */
  const applyingRef = useRef(false);
  /**
   * Texts sent through onChange that the store has not caught up with, per path. The app
   * debounces, so while the user types, `text` lags behind the model; a `text` found here is
   * our own typing coming back, not an external change, and must not overwrite newer typing.
   */
  const pendingRef = useRef(new Map<string, string[]>());
  /** The history nonce of the last text applied: a newer one means that text is an undo / redo. */
  const historyNonceRef = useRef(props.historyNonce);

  // Create the editor once. Declared before the sync effect so it runs first.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // The maps never change identity; copied for the cleanup, as the hooks lint asks.
    const models = modelsRef.current;
    const viewStates = viewStatesRef.current;
    const pendingByPath = pendingRef.current;
    const editor = monaco.editor.create(container, {
      model: null,
      theme: propsRef.current.theme === 'dark' ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      insertSpaces: true,
      fixedOverflowWidgets: true,
      // Tab accepts a suggestion; Enter always ends the line. monaco-yaml opens completion
      // after every ': ', and with Enter accepting, `apiVersion: v1⏎` became
      // `apiVersion: networking.k8s.io/v1` with the newline swallowed (seen in the browser check).
      acceptSuggestionOnEnter: 'off',
      // Selectors are YAML strings: suggestions while typing inside them too (selectorAssist.ts).
      quickSuggestions: { other: true, strings: true, comments: false },
    });
    editorRef.current = editor;
    // One history for the workspace (state/slices/history.ts): the editor's undo keys go there.
    const { KeyMod, KeyCode } = monaco;
    const undo = () => { if (propsRef.current.onUndo) propsRef.current.onUndo(); else editor.trigger('keyboard', 'undo', null); };
    const redo = () => { if (propsRef.current.onRedo) propsRef.current.onRedo(); else editor.trigger('keyboard', 'redo', null); };
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, undo);
    editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, redo);
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, redo);

    const contentSub = editor.onDidChangeModelContent(() => {
      if (applyingRef.current) return;
      const model = editor.getModel();
      const entry = model && models.get(model.uri.toString());
      if (!model || !entry) return;
      const value = model.getValue();
      const pending = pendingByPath.get(entry.path) ?? [];
      pending.push(value);
      if (pending.length > MAX_PENDING) pending.shift();
      pendingByPath.set(entry.path, pending);
      propsRef.current.onChange(value);
    });
    const reportMarkers = () => {
      const model = editor.getModel();
      const entry = model && models.get(model.uri.toString());
      if (entry) propsRef.current.onMarkers?.(modelMarkers(entry.model, entry.path));
    };
    const reportCursor = () => {
      // Only the user's cursor: a model set or text applied while the editor is unfocused says nothing.
      const model = editor.getModel();
      const entry = model && models.get(model.uri.toString());
      const pos = editor.getPosition();
      if (entry && pos && editor.hasTextFocus()) propsRef.current.onCursor?.({ path: entry.path, line: pos.lineNumber, column: pos.column });
    };
    const cursorSub = editor.onDidChangeCursorPosition(reportCursor);
    const focusSub = editor.onDidFocusEditorText(reportCursor);
    // Also fires when the model is switched, so the app always has the shown file's markers.
    const modelSub = editor.onDidChangeModel(reportMarkers);
    const markerSub = monaco.editor.onDidChangeMarkers((uris) => {
      const current = editor.getModel()?.uri.toString();
      if (current && uris.some((u) => u.toString() === current)) reportMarkers();
    });

    return () => {
      contentSub.dispose();
      cursorSub.dispose();
      focusSub.dispose();
      modelSub.dispose();
      markerSub.dispose();
      editor.dispose();
      editorRef.current = null;
      // The store owns the text; models live as long as the editor (clearing our markers
      // first, because Monaco keeps markers of disposed models).
      for (const { model } of models.values()) {
        monaco.editor.setModelMarkers(model, ENGINE_OWNER, []);
        model.dispose();
      }
      models.clear();
      viewStates.clear();
      pendingByPath.clear();
    };
  }, []);

  // Show `path`'s model and bring it up to date with `text`.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const uri = uriOf(path);
    const key = uri.toString();
    const next = toLf(text);
    let entry = modelsRef.current.get(key);
    if (!entry) {
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(next, 'yaml', uri);
      model.setEOL(monaco.editor.EndOfLineSequence.LF);
      entry = { model, path };
      modelsRef.current.set(key, entry);
      publishModels(containerRef.current, modelsRef.current);
      setEngineMarkers(entry, propsRef.current.engineMarkers);
    }
    const { model } = entry;
    const shown = editor.getModel();
    if (shown !== model) {
      if (shown) viewStatesRef.current.set(shown.uri.toString(), editor.saveViewState());
      editor.setModel(model);
      const view = viewStatesRef.current.get(key);
      if (view) editor.restoreViewState(view);
    }
    const pending = pendingRef.current.get(path) ?? [];
    if (model.getValue() === next) {
      pending.length = 0; // the store has caught up with the typing
    } else {
      const echoed = pending.lastIndexOf(next);
      if (echoed >= 0) {
        pending.splice(0, echoed + 1); // our own typing, older than the model: newer text is on its way
      } else {
        pending.length = 0;
        applyingRef.current = true;
        try {
          const end = applyExternalText(model, next);
          // An undo or redo: the cursor goes to what it changed, as an editor's own undo does.
          const nonce = propsRef.current.historyNonce;
          if (nonce !== undefined && nonce !== historyNonceRef.current && editor.getModel() === model) {
            editor.setPosition(end);
            editor.revealPositionInCenterIfOutsideViewport(end);
          }
        } finally {
          applyingRef.current = false;
        }
      }
    }
    historyNonceRef.current = propsRef.current.historyNonce;
  }, [path, text]);

  // Models of files no longer in the workspace go: declared after the sync effect, so the
  // editor has already switched away from a deleted file's model.
  const pathsKey = props.paths?.join('\n');
  useEffect(() => {
    const paths = propsRef.current.paths;
    if (!paths) return;
    const keep = new Set(paths);
    for (const [key, entry] of modelsRef.current) {
      if (keep.has(entry.path) || editorRef.current?.getModel() === entry.model) continue;
      monaco.editor.setModelMarkers(entry.model, ENGINE_OWNER, []);
      entry.model.dispose();
      modelsRef.current.delete(key);
      viewStatesRef.current.delete(key);
      pendingRef.current.delete(entry.path);
    }
    publishModels(containerRef.current, modelsRef.current);
  }, [pathsKey]);

  // Engine diagnostics, for every file we have a model of.
  useEffect(() => {
    for (const entry of modelsRef.current.values()) setEngineMarkers(entry, engineMarkers);
  }, [engineMarkers]);

  // Jump requests, keyed on the nonce: the same line can be requested twice, and a parent
  // that rebuilds the object on every render does not make the editor jump every time.
  useEffect(() => {
    const editor = editorRef.current;
    const target = propsRef.current.revealLine;
    if (!editor || !target || revealNonce === undefined) return;
    const position = { lineNumber: target.line, column: target.column };
    editor.setPosition(position);
    editor.revealPositionInCenter(position);
    editor.focus();
  }, [revealNonce]);

  useEffect(() => {
    if (props.facts) setAssistFacts(props.facts);
  }, [props.facts]);
  useEffect(() => {
    setHoverSource(props.focusAt ?? null);
  }, [props.focusAt]);
  useEffect(() => {
    setHitLenses(props.hitLenses ?? []);
  }, [props.hitLenses]);

  useEffect(() => {
    // Monaco themes are global to the page; there is one editor.
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return (
    // `nokey`: React Flow listens for Space (pan) and Backspace (delete) on the document and
    // calls preventDefault unless the target is inside `.nokey`; Monaco types through an
    // EditContext <div>, which React Flow does not recognise as an input (toolchain.md E5).
    <div
      ref={containerRef}
      className="policy-editor nokey"
      data-testid="policy-editor"
      style={{ width: '100%', height: '100%', minHeight: 0, overflow: 'hidden' }}
    />
  );
}
