import { analyzeWorkspace } from '../analysis';
import type { Diagnostic } from '../model/diagnostics';
import { readDocuments, type RawObject, type WorkspaceFile } from '../parse/documents';
import { editObject } from '../parse/rewrite';
import { serverFieldEdits } from './convert';

/**
 * Import: files dropped, picked or pasted become workspace files, each document reported as
 * imported, skipped (a kind the engine does not read, and why) or invalid (where). Nothing is
 * dropped from the text: an invalid document is kept for the user to fix in the editor. On
 * request, what `kubectl get -o yaml` / `calicoctl get -o yaml` add (status, managedFields,
 * resourceVersion, ...) is stripped, document by document, keeping the rest as written.
 */

export interface ImportEntry {
  /** The workspace path the document lands in. */
  path: string;
  line: number;
  kind: string;
  name: string;
  namespace?: string;
  status: 'imported' | 'skipped' | 'invalid';
  note?: string;
}

export interface ImportPlan {
  files: WorkspaceFile[];
  report: ImportEntry[];
}

const READABLE = /\.(ya?ml|json)$/i;

/** A workspace path for `name` that no file has yet (`a.yaml`, `a-2.yaml`, ...). */
function freePath(name: string, taken: Set<string>): string {
  // Relative and inside the workspace: no leading `/`, no `..` segment (removed until none is left).
  let clean = name.replace(/\\/g, '/').replace(/^\/+/, '');
  while (/(^|\/)\.\.(\/|$)/.test(clean)) clean = clean.replace(/(^|\/)\.\.(\/|$)/g, '$1');
  clean = clean.replace(/^\/+/, '') || 'imported.yaml';
  const withExt = READABLE.test(clean) ? clean : `${clean}.yaml`;
  const m = /^(.*?)(\.[^./]+)$/.exec(withExt)!;
  let path = withExt;
  for (let i = 2; taken.has(path.toLowerCase()); i++) path = `${m[1]}-${i}${m[2]}`;
  taken.add(path.toLowerCase());
  return path;
}

export function planImport(existing: readonly WorkspaceFile[], incoming: readonly { name: string; text: string }[], opts: { strip?: boolean } = {}): ImportPlan {
  const taken = new Set(existing.map((f) => f.path.toLowerCase()));
  const files: WorkspaceFile[] = [];
  const report: ImportEntry[] = [];
  for (const file of incoming) {
    const path = freePath(file.name, taken);
    files.push({ path, text: opts.strip ? stripped(path, file.text, report) : file.text });
  }
  // Read with the workspace: a duplicate of what it already has is reported where it is.
  const diagnostics = analyzeWorkspace([...existing, ...files]).result.diagnostics;
  for (const { path, text } of files) {
    const read = readDocuments([{ path, text }]);
    for (const d of read.diagnostics.filter((x) => x.severity === 'error')) {
      report.push({ path, line: d.line, kind: '', name: '', status: 'invalid', note: `${d.code} ${d.message}` });
    }
    for (const o of read.objects) report.push(entryFor(path, o, diagnostics));
    if (read.objects.length === 0 && read.diagnostics.length === 0) report.push({ path, line: 1, kind: '', name: '', status: 'skipped', note: 'no documents' });
  }
  report.sort((a, b) => (a.path === b.path ? a.line - b.line : 0));
  return { files, report };
}

function entryFor(path: string, o: RawObject, diagnostics: readonly Diagnostic[]): ImportEntry {
  const meta = (o.value.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const base = {
    path, line: o.range.line, kind: o.kind, name: typeof meta.name === 'string' ? meta.name : '',
    ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
  };
  // This object's own findings: those inside its lines, up to the next object of the file.
  const mine = diagnostics.filter((d) => d.path === path && d.line >= o.range.line && d.line <= o.range.endLine);
  const skipped = mine.find((d) => d.code === 'NPC003');
  if (skipped) return { ...base, status: 'skipped', note: skipped.message };
  const error = mine.find((d) => d.severity === 'error');
  if (error) return { ...base, status: 'invalid', note: `line ${error.line}:${error.column} ${error.code} ${error.message}` };
  return { ...base, status: 'imported' };
}

/** The file without server-side fields, object by object (List items too). */
function stripped(path: string, text: string, report: ImportEntry[]): string {
  let out = text;
  // Bottom-up, so the addresses of objects still to edit do not move.
  const objects = readDocuments([{ path, text }]).objects.slice().reverse();
  for (const o of objects) {
    const meta = (o.value.metadata ?? {}) as Record<string, unknown>;
    const edits = serverFieldEdits(o.value);
    if (edits.length === 0) continue;
    const r = editObject(out, { docIndex: o.docIndex, base: o.base }, edits);
    if ('error' in r) report.push({ path, line: o.range.line, kind: o.kind, name: String(meta.name ?? ''), status: 'invalid', note: `not stripped: ${r.error}` });
    else out = r.text;
  }
  // A List's own metadata (the list's resourceVersion, selfLink) goes too.
  const lists = new Set(objects.filter((o) => o.base.length > 0).map((o) => o.docIndex));
  for (const docIndex of [...lists].sort((a, b) => b - a)) {
    const r = editObject(out, { docIndex, base: [] }, [{ op: 'delete', at: ['metadata', 'resourceVersion'] }, { op: 'delete', at: ['metadata', 'selfLink'] }]);
    if (!('error' in r)) out = r.text;
  }
  return out;
}
