import { analyzeWorkspace } from '../engine';
import { formatDiagnostic } from './connectivity';
import { readInputs } from './files';

/**
 * `validate FILES...`: every diagnostic as `file:line:col: severity CODE message (field)`.
 * Exit 1 when any is an error, 0 otherwise (warnings and notes are printed, not fatal).
 */
export function runValidate(paths: string[], out: (s: string) => void): number {
  const { result } = analyzeWorkspace(readInputs(paths));
  const shown = result.diagnostics.filter((d) => d.severity !== 'info');
  for (const d of shown) out(formatDiagnostic(d));
  const errors = shown.filter((d) => d.severity === 'error').length;
  out(`${paths.length} input(s): ${errors} error(s), ${shown.length - errors} warning(s)`);
  return errors > 0 ? 1 : 0;
}
