import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostics';
import type { FieldPath, Locator, SourceRange } from '../model/source';

/** One file of the workspace. */
export interface WorkspaceFile {
  path: string;
  text: string;
}

/** A Kubernetes-shaped object read from a file, before its kind is interpreted. */
export interface RawObject {
  apiVersion: string;
  kind: string;
  /** The plain JS value of the object. */
  value: Record<string, unknown>;
  path: string;
  /** Index of the YAML document inside the file (0-based). */
  docIndex: number;
  /** Where the object is inside its document: `[]`, or `['items', i]` in a List (parse/rewrite.ts edits it there). */
  base: FieldPath;
  /** Where the object starts (its `kind:` line for list items too). */
  range: SourceRange;
  locate: Locator;
}

/** Result of reading files: objects plus located syntax/shape problems. */
export interface ReadResult {
  objects: RawObject[];
  diagnostics: Diagnostic[];
}

function rangeOf(path: string, lc: LineCounter, node: Node | null | undefined, fallback: SourceRange): SourceRange {
  const r = node?.range;
  if (!r) return fallback;
  const start = lc.linePos(r[0]);
  const end = lc.linePos(Math.max(r[0], r[1]));
  return { path, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

function makeLocator(path: string, lc: LineCounter, doc: Document, base: FieldPath, whole: SourceRange): Locator {
  return (field) => {
    // Walk down as far as the path exists: a missing field points at its parent.
    const full = [...base, ...field];
    for (let n = full.length; n >= 0; n--) {
      const node = doc.getIn(full.slice(0, n), true) as Node | undefined;
      if (node && typeof node === 'object' && 'range' in node) {
        // For a map entry, point at the key when the value is a collection (its key line reads best).
        if (n > 0 && (isMap(node) || isSeq(node))) {
          const parent = doc.getIn(full.slice(0, n - 1), true);
          if (isMap(parent)) {
            const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === full[n - 1]);
            const key = pair?.key as Node | undefined;
            if (key?.range) return rangeOf(path, lc, key, whole);
          }
        }
        return rangeOf(path, lc, node, whole);
      }
    }
    return whole;
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses every file as multi-document YAML (JSON is read by the same parser) and returns the
 * Kubernetes-shaped objects in it. `kind: List` / `*List` documents (kubectl and calicoctl
 * output) are expanded into their items.
 */
export function readDocuments(files: readonly WorkspaceFile[]): ReadResult {
  const objects: RawObject[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const one = readFileCached(file);
    objects.push(...one.objects);
    diagnostics.push(...one.diagnostics);
  }
  return { objects, diagnostics };
}

// Files rarely all change at once (typing edits one file; the corpus reuses the same large
// inputs across cases), so each file's last parse is kept. One entry per path, replaced when
// its text changes, so old versions never pile up; bounded by path count. Safe because parsed
// objects are never mutated downstream.
const CACHE_PATHS = 8192;
const cache = new Map<string, { text: string; result: ReadResult }>();

/**
 * Forgets every cached file reading, so the next read parses the YAML again. For benchmarks
 * that measure a cold start (a first load in the app, a CLI run), never needed for correctness.
 */
export function clearReadCache(): void {
  cache.clear();
}

function readFileCached(file: WorkspaceFile): ReadResult {
  const hit = cache.get(file.path);
  if (hit && hit.text === file.text) {
    cache.delete(file.path); // refresh its place in the LRU order
    cache.set(file.path, hit);
    return hit.result;
  }
  const result = readFile(file);
  cache.delete(file.path);
  cache.set(file.path, { text: file.text, result });
  if (cache.size > CACHE_PATHS) cache.delete(cache.keys().next().value!);
  return result;
}

function readFile(file: WorkspaceFile): ReadResult {
  const objects: RawObject[] = [];
  const diagnostics: Diagnostic[] = [];
  {
    let lc = new LineCounter();
    const parse = (text: string, counter: LineCounter) => {
      const docs = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
      return Array.isArray(docs) ? docs : [];
    };
    let list = parse(file.text, lc);
    // kubectl's YAML reader (Go) accepts tabs at the start of lines inside flow collections;
    // strict YAML 1.2 does not. Retry with each leading tab as one space (columns unchanged)
    // and keep that reading only if it parses, with a warning.
    if (list.some((d) => d.errors.length > 0) && /^[ ]*\t/m.test(file.text)) {
      const retryLc = new LineCounter();
      const retry = parse(file.text.replace(/^[ \t]+/gm, (ws) => ws.replace(/\t/g, ' ')), retryLc);
      if (retry.every((d) => d.errors.length === 0)) {
        list = retry;
        lc = retryLc;
        const line = file.text.split('\n').findIndex((l) => /^[ ]*\t/.test(l)) + 1;
        diagnostics.push({
          code: 'NPC001', severity: 'warning', path: file.path, line, column: 1, endLine: line, endColumn: 2,
          message: 'a tab in the indentation: kubectl accepts it here, strict YAML parsers do not; use spaces',
        });
      }
    }
    list.forEach((doc, docIndex) => {
      const docStart = rangeOf(file.path, lc, doc.contents, {
        path: file.path, line: 1, column: 1, endLine: 1, endColumn: 1,
      });
      if (doc.errors.length > 0) {
        for (const err of doc.errors) {
          const start = lc.linePos(err.pos[0]);
          const end = lc.linePos(Math.max(err.pos[0] + 1, err.pos[1]));
          diagnostics.push({
            code: 'NPC001', severity: 'error', path: file.path,
            message: err.message.split('\n')[0] ?? err.message,
            line: start.line, column: start.col, endLine: end.line, endColumn: end.col,
          });
        }
        return; // a document that does not parse contributes nothing
      }
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) return; // empty document (e.g. trailing ---)
      const locate = makeLocator(file.path, lc, doc, [], docStart);
      collect(value, [], locate, file.path, docIndex, objects, diagnostics, lc, doc);
    });
  }
  return { objects, diagnostics };
}

function collect(
  value: unknown, base: FieldPath, parentLocate: Locator, path: string, docIndex: number,
  objects: RawObject[], diagnostics: Diagnostic[], lc: LineCounter, doc: Document,
): void {
  const here = parentLocate([]);
  if (Array.isArray(value) && base.length === 0 && value.some(isObject)) {
    // A top-level sequence of resources (some tools write JSON arrays): read each item.
    value.forEach((item, i) => {
      const itemWhole = makeLocator(path, lc, doc, [i], here)([]);
      collect(item, [i], makeLocator(path, lc, doc, [i], itemWhole), path, docIndex, objects, diagnostics, lc, doc);
    });
    return;
  }
  if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
    const r = isObject(value) ? parentLocate(['kind']) : here;
    diagnostics.push({
      code: 'NPC002', severity: 'error', path, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn,
      message: isObject(value)
        ? `document has no ${typeof value.apiVersion !== 'string' ? 'apiVersion' : 'kind'}: every resource needs apiVersion and kind`
        : 'document is not a mapping: expected a Kubernetes object with apiVersion and kind',
    });
    return;
  }
  const kind = value.kind as string;
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(value.items))) {
    const items = Array.isArray(value.items) ? value.items : [];
    items.forEach((item, i) => {
      const itemBase = [...base, 'items', i];
      const itemWhole = makeLocator(path, lc, doc, itemBase, here)([]);
      const locate = makeLocator(path, lc, doc, itemBase, itemWhole);
      // calicoctl lists (e.g. NetworkPolicyList) may omit apiVersion/kind on items: inherit them.
      const obj = isObject(item) && typeof item.kind !== 'string' && kind !== 'List'
        ? { apiVersion: value.apiVersion, kind: kind.slice(0, -'List'.length), ...item }
        : item;
      collect(obj, itemBase, locate, path, docIndex, objects, diagnostics, lc, doc);
    });
    return;
  }
  objects.push({ apiVersion: value.apiVersion as string, kind, value, path, docIndex, base, range: here, locate: parentLocate });
}
