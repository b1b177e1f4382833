import { useMemo } from 'react';
import { useAppStore, type EditorProblem } from '../../state/store';

/**
 * Every problem of the workspace: the engine's diagnostics (newest revision) and the editor's
 * own markers (schema and YAML syntax), without duplicates, errors first.
 */
export function useProblems(): EditorProblem[] {
  const diagnostics = useAppStore((s) => s.diagnostics);
  const editor = useAppStore((s) => s.editorProblems);
  const files = useAppStore((s) => s.files);
  return useMemo(() => mergeProblems(diagnostics, editor, new Set(files.map((f) => f.path))), [diagnostics, editor, files]);
}

/**
 * The merge behind {@link useProblems}. The editor's markers of a file no longer in the
 * workspace (replaced by Reset demo or loadFiles) are dropped: the editor never reports again
 * for a model it no longer shows.
 */
export function mergeProblems(diagnostics: readonly Omit<EditorProblem, 'source'>[], editor: readonly EditorProblem[], paths: ReadonlySet<string>): EditorProblem[] {
  const seen = new Set<string>();
  const out: EditorProblem[] = [];
  const engine: EditorProblem[] = diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => ({ ...d, source: 'engine' as const }));
  for (const p of [...engine, ...editor.filter((e) => e.source !== 'engine' && paths.has(e.path))]) {
    const key = `${p.path}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity] || a.path.localeCompare(b.path) || a.line - b.line);
}
