import type { Diagnostic } from './model/diagnostics';

/**
 * Whether a new analysis may replace the one on screen. Invalid text never replaces the last
 * good model (issue 5): a YAML syntax error would make its resources vanish, and a resource with
 * errors is one the API server rejects, so the cluster keeps the previous version of it. Neither
 * is what the graph should suddenly show mid-edit. Errors the shown model already had (a
 * workspace loaded with a bad document) do not freeze the graph: otherwise one old error would
 * stop every later edit from showing.
 */
export function replacesShownModel(shown: readonly Diagnostic[] | null, next: readonly Diagnostic[], wholeEdit = false): boolean {
  if (shown === null) return true;
  const known = new Set(shown.filter((d) => d.severity === 'error').map(errorKey));
  // A syntax error the shown model already had (a file loaded broken) does not freeze the graph.
  if (next.some((d) => d.code === 'NPC001' && d.severity === 'error' && !known.has(errorKey(d)))) return false;
  // A whole edit (an import, the graph, undo) is shown as it is: its errors are listed, and the
  // resources they reject are left out, as the API server would.
  if (wholeEdit) return true;
  return !next.some((d) => d.severity === 'error' && !known.has(errorKey(d)));
}

// Line numbers inside a message (NPC006 names the other definition's line) move with any edit
// above; they do not make an error new.
const errorKey = (d: Diagnostic) => `${d.path}\u0000${d.code}\u0000${d.message.replace(/\bline \d+/g, 'line')}`;
