import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { PolicyFocus } from '../../engine';
import type { EditorMarker } from '../editor/types';
import { appStore, useAppStore } from '../../state/store';
import { resolveTheme } from '../../state/theme';
import { NO_FACTS, workspaceFacts } from '../../state/workspaceFacts';

// Monaco is big: load it after the graph is on screen (issue: lazy editor).
const PolicyEditor = lazy(() => import('../editor/PolicyEditor'));

/** The engine's policy focus at a line of a file (the worker client's policyFocus). */
export type FocusAtFn = (path: string, line: number) => Promise<{ revision: number; result: PolicyFocus | null }>;

/** File tabs and the editor of the active file, fed with the engine's markers. */
export function EditorPane({ focusAt }: { focusAt: FocusAtFn }) {
  const files = useAppStore((s) => s.files);
  const activePath = useAppStore((s) => s.activePath);
  const setActivePath = useAppStore((s) => s.setActivePath);
  const setFileText = useAppStore((s) => s.setFileText);
  const setEditorProblems = useAppStore((s) => s.setEditorProblems);
  const diagnostics = useAppStore((s) => s.diagnostics);
  const reveal = useAppStore((s) => s.reveal);
  const setEditorCursor = useAppStore((s) => s.setEditorCursor);
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
  const markers = useMemo<EditorMarker[]>(
    () => diagnostics.filter((d) => d.path === file?.path).map((d) => ({
      path: d.path, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
      severity: d.severity, code: d.code, message: d.message, source: 'engine',
    })),
    [diagnostics, file?.path],
  );
  if (!file) return null;
  return (
    <section className="npc-editor-pane" aria-label="policy editor">
      <div className="npc-file-tabs" role="tablist">
        {files.map((f) => (
          <button key={f.path} type="button" role="tab" aria-selected={f.path === file.path} data-testid={`file-tab-${f.path}`} onClick={() => setActivePath(f.path)}>
            {f.path}
          </button>
        ))}
      </div>
      <Suspense fallback={<div className="npc-editor-loading">Loading editor…</div>}>
        <PolicyEditor
          path={file.path}
          text={file.text}
          onChange={(t) => setFileText(file.path, t)}
          engineMarkers={markers}
          facts={facts}
          focusAt={focusOnLine}
          theme={theme}
          onMarkers={(m) => setEditorProblems(file.path, m)}
          onCursor={setEditorCursor}
          {...(reveal && reveal.path === file.path ? { revealLine: { line: reveal.line, column: reveal.column, nonce: reveal.nonce } } : {})}
        />
      </Suspense>
    </section>
  );
}
