import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { PolicyFocus } from '../../engine';
import type { EditorMarker } from '../editor/types';
import { appStore, useAppStore } from '../../state/store';
import { resolveTheme } from '../../state/theme';
import { NO_FACTS, workspaceFacts } from '../../state/workspaceFacts';
import { FileTabs } from './FileTabs';

// Monaco is big: load it after the graph is on screen (issue 5, item 6).
const PolicyEditor = lazy(() => import('../editor/PolicyEditor'));

/** How long the editor waits for a first graph before it loads anyway (broken YAML has none). */
const EDITOR_AT_LATEST_MS = 1500;

/**
 * True once the first graph is laid out and painted, or after {@link EDITOR_AT_LATEST_MS}: a
 * workspace that never draws (it does not parse) must still get its editor to be fixed in.
 */
function useAfterFirstGraph(): boolean {
  const laidOut = useAppStore((s) => s.laidOutRevision >= 0);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready) return undefined;
    if (laidOut) {
      // The frame after the graph's commit: it is painted before Monaco's chunk is asked for.
      const frame = requestAnimationFrame(() => setReady(true));
      return () => cancelAnimationFrame(frame);
    }
    const timer = setTimeout(() => setReady(true), EDITOR_AT_LATEST_MS);
    return () => clearTimeout(timer);
  }, [laidOut, ready]);
  return ready;
}

/** The engine's policy focus at a line of a file (the worker client's policyFocus). */
export type FocusAtFn = (path: string, line: number) => Promise<{ revision: number; result: PolicyFocus | null }>;

/** File tabs and the editor of the active file, fed with the engine's markers. */
export function EditorPane({ focusAt }: { focusAt: FocusAtFn }) {
  const files = useAppStore((s) => s.files);
  const activePath = useAppStore((s) => s.activePath);
  const setFileText = useAppStore((s) => s.setFileText);
  const setEditorProblems = useAppStore((s) => s.setEditorProblems);
  const diagnostics = useAppStore((s) => s.diagnostics);
  const reveal = useAppStore((s) => s.reveal);
  const setEditorCursor = useAppStore((s) => s.setEditorCursor);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const historyNonce = useAppStore((s) => s.historyNonce);
  const hitLenses = useAppStore((s) => s.hitReport?.lenses);
  const theme = useAppStore((s) => resolveTheme(s.themePreference, s.systemDark));
  const nodes = useAppStore((s) => s.analysis?.nodes);
  // Completion's labels, namespaces and port names: from the last good analysis.
  const facts = useMemo(() => (nodes ? workspaceFacts(nodes) : NO_FACTS), [nodes]);
  // Selector hovers: only while the graph shows the text on screen (its lines are the session's).
  const focusOnLine = useCallback(async (path: string, line: number) => {
    const shown = appStore.getState();
    if (shown.revision !== shown.analysisRevision) return null;
    const r = await focusAt(path, line);
    return r.revision === shown.analysisRevision ? r.result : null;
  }, [focusAt]);
  const file = files.find((f) => f.path === activePath) ?? files[0];
  const paths = useMemo(() => files.map((f) => f.path), [files]);
  const markers = useMemo<EditorMarker[]>(
    () => diagnostics.filter((d) => d.path === file?.path).map((d) => ({
      path: d.path, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
      severity: d.severity, code: d.code, message: d.message, source: 'engine',
    })),
    [diagnostics, file?.path],
  );
  const editorWanted = useAfterFirstGraph();
  if (!file) return null;
  return (
    <section className="npc-editor-pane" aria-label="policy editor">
      <FileTabs />
      {!editorWanted ? <div className="npc-editor-loading">Loading editor…</div> : (
        <Suspense fallback={<div className="npc-editor-loading">Loading editor…</div>}>
          <PolicyEditor
            path={file.path}
            text={file.text}
            paths={paths}
            onChange={(t) => setFileText(file.path, t, 'typing')}
            engineMarkers={markers}
            facts={facts}
            focusAt={focusOnLine}
            {...(hitLenses ? { hitLenses } : {})}
            theme={theme}
            onMarkers={(m) => setEditorProblems(file.path, m)}
            onCursor={setEditorCursor}
            onUndo={undo}
            onRedo={redo}
            historyNonce={historyNonce}
            {...(reveal && reveal.path === file.path ? { revealLine: { line: reveal.line, column: reveal.column, nonce: reveal.nonce } } : {})}
          />
        </Suspense>
      )}
    </section>
  );
}
