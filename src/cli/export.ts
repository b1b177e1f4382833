import { writeFileSync } from 'node:fs';
import { analyzeWorkspace, exportWorkspace, type ExportOptions } from '../engine';
import { formatDiagnostic } from './connectivity';
import { readInputs } from './files';

/**
 * `export FILES... --target calicoctl|kubectl [--convert-k8s] [--stage|--enforce]
 * [--calico-version 3.31|3.32] [-o FILE]`: the documents the UI exports, as one multi-document
 * YAML on stdout or in FILE; the report (one line per resource) on stderr. Invalid input is
 * not exported: its errors, located, and exit 1.
 */
export function runExport(paths: string[], options: ExportOptions, outFile: string | undefined, out: (s: string) => void, err: (s: string) => void): number {
  const files = readInputs(paths);
  const errors = analyzeWorkspace(files).result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) err(formatDiagnostic(d));
    err(`not exported: ${errors.length} error(s) in the input`);
    return 1;
  }
  const result = exportWorkspace(files, options);
  for (const e of result.report) {
    const name = e.namespace ? `${e.namespace}/${e.name}` : e.name;
    err(`${e.status}: ${e.kind} ${name} (${e.path})${e.note ? `: ${e.note}` : ''}`);
  }
  if (outFile) writeFileSync(outFile, result.text);
  else if (result.text !== '') out(result.text.replace(/\n$/, ''));
  err(`${result.documents.length} document(s) for ${options.target}`);
  return 0;
}
