import { createTwoFilesPatch, diffArrays } from 'diff';
import { Document, isMap, isNode, isScalar, isSeq, parseAllDocuments, type ToStringOptions } from 'yaml';
import type { FieldPath } from '../model/source';

/**
 * Edits of the model made outside the text editor (drag-to-connect, board reorder, "Allow
 * this") rewrite the one object they touch through the `yaml` Document API: the other documents
 * of the file stay byte for byte, comments included, and inside the edited document only the
 * lines the edit changes are rewritten. The result is one text change, so the editor applies it
 * as one undoable step with the cursor kept (ui/editor/PolicyEditor.tsx applyExternalText).
 */

/** Where an object lives in a file: its document, and inside it `[]` or `['items', i]` (a List). */
export interface ObjectAddress {
  docIndex: number;
  base: FieldPath;
}

/** One change to an object; paths are relative to the object (`['spec', 'order']`). */
export type ObjectEdit =
  /** Sets a field, creating missing parent maps. */
  | { op: 'set'; at: FieldPath; value: unknown }
  /** Removes a field or sequence item; a missing one is not an error. */
  | { op: 'delete'; at: FieldPath }
  /** Appends to a sequence, creating it when missing. */
  | { op: 'append'; at: FieldPath; value: unknown }
  /** Puts an item first in a sequence, creating it when missing (a Deny that must win). */
  | { op: 'prepend'; at: FieldPath; value: unknown }
  /** Puts an item at `index` of a sequence (before a policy's trailing catch-all). */
  | { op: 'insert'; at: FieldPath; index: number; value: unknown };

/** Replace `deleteCount` characters at `offset` with `insert`. */
export interface TextChange {
  offset: number;
  deleteCount: number;
  insert: string;
}

export interface Rewrite {
  text: string;
  change: TextChange;
}

export type RewriteResult = Rewrite | { error: string };

/** The object of that kind, name and namespace (unset for cluster-scoped), if the file has one. */
export function findObject(text: string, ref: { kind: string; name: string; namespace?: string; apiGroup?: string }): ObjectAddress | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return null;
  const matches = (v: unknown, kind: string) => {
    const o = asRecord(v);
    const meta = asRecord(o?.metadata);
    // `apiGroup`: a Calico and a Kubernetes NetworkPolicy share their kind's name.
    const group = typeof o?.apiVersion === 'string' ? o.apiVersion.split('/')[0] : undefined;
    return o?.kind === kind && meta?.name === ref.name && (meta?.namespace ?? undefined) === ref.namespace && (ref.apiGroup === undefined || group === undefined || group === ref.apiGroup || (ref.apiGroup === 'projectcalico.org' && group === 'crd.projectcalico.org'));
  };
  for (const [docIndex, doc] of docs.entries()) {
    if (doc.errors.length > 0) continue;
    const value = doc.toJS() as unknown;
    if (matches(value, ref.kind)) return { docIndex, base: [] };
    const o = asRecord(value);
    if (typeof o?.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
      const itemKind = o.kind === 'List' ? ref.kind : o.kind.slice(0, -'List'.length);
      const i = o.items.findIndex((item) => matches({ kind: itemKind, ...asRecord(item) }, ref.kind));
      if (i >= 0) return { docIndex, base: ['items', i] };
    }
  }
  return null;
}

/** Applies `edits` to the object at `address`; an error when the document is not there or does not parse. */
export function editObject(text: string, address: ObjectAddress, edits: readonly ObjectEdit[]): RewriteResult {
  // Text pasted from Windows keeps its CRLF line ends, new lines included.
  if (text.includes('\r\n')) {
    const r = editObject(text.replace(/\r\n/g, '\n'), address, edits);
    return 'error' in r ? r : splice(text, 0, text.length, r.text.replace(/\n/g, '\r\n'));
  }
  const found = documentAt(text, address.docIndex);
  if ('error' in found) return found;
  const { doc, start, end } = found;
  if (!isMap(address.base.length === 0 ? doc.contents : doc.getIn(address.base, true))) {
    return { error: `document ${address.docIndex + 1} has no object at ${address.base.join('.') || 'its top'}` };
  }
  const options = formatOf(text);
  const before = doc.toString(options);
  for (const edit of edits) {
    const at = [...address.base, ...edit.at];
    if (edit.op === 'delete') doc.deleteIn(at);
    else if (edit.op === 'set') setKeepingComments(doc, at, edit.value);
    else {
      const seq = doc.getIn(at, true);
      if (seq !== undefined && seq !== null && !isSeq(seq)) return { error: `${edit.at.join('.')} is not a list` };
      // addIn on a missing path would set the item itself there, not a list of it.
      if (isSeq(seq)) {
        if (edit.op === 'prepend') seq.items.unshift(blockNode(doc, edit.value));
        else if (edit.op === 'insert') seq.items.splice(Math.max(0, Math.min(edit.index, seq.items.length)), 0, blockNode(doc, edit.value));
        else seq.add(blockNode(doc, edit.value));
      } else doc.setIn(at, blockNode(doc, [edit.value]));
    }
  }
  const after = doc.toString(options);
  return splice(text, start, end, mergeLines(text.slice(start, end), before, after, doc));
}

/** Adds `value` as a new document at the end of the file. */
export function appendDocument(text: string, value: unknown): Rewrite {
  const body = new Document();
  body.contents = blockNode(body, value);
  const rendered = body.toString(formatOf(text));
  const trimmed = text.replace(/\s+$/, '');
  const prefix = trimmed === '' ? '' : text.endsWith('\n') ? '---\n' : '\n---\n';
  return splice(text, text.length, text.length, prefix + rendered);
}

/** Removes the object at `address`: its whole document, or its item of a List. */
export function removeObject(text: string, address: ObjectAddress): RewriteResult {
  if (address.base.length > 0) return editObject(text, { docIndex: address.docIndex, base: [] }, [{ op: 'delete', at: address.base }]);
  const found = documentAt(text, address.docIndex);
  if ('error' in found) return found;
  // The separator goes with the removed document: `---` of the next one stays as it was.
  return splice(text, found.start, found.end, '');
}

/**
 * One top-level document as text of its own, after `edits` (e.g. the server-side metadata an
 * export strips): its comments and key order as written, without the `---` that separated it.
 */
export function documentSource(text: string, docIndex: number, edits: readonly ObjectEdit[] = []): string | { error: string } {
  const edited = edits.length > 0 ? editObject(text, { docIndex, base: [] }, edits) : { text };
  if ('error' in edited) return edited;
  const found = documentAt(edited.text, docIndex);
  if ('error' in found) return found;
  const body = edited.text.slice(found.start, found.end).replace(/^---[ \t]*(#[^\n]*)?(\n|$)/, (_m, note?: string) => (note ? `${note}\n` : ''));
  return body.endsWith('\n') ? body : `${body}\n`;
}

/** Objects as a multi-document YAML file, block style, kubectl's list indentation. */
export function renderDocuments(values: readonly unknown[]): string {
  return values.map((v) => appendDocument('', v).text).join('---\n');
}

/** A unified diff of one file, for previews (three lines of context, no header noise). */
export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(path, path, before, after, undefined, undefined, { context: 3 }).split('\n').slice(2).join('\n');
}

interface Located {
  doc: Document;
  /** The document's text: from the end of the previous document (its leading comments are its own) to its end. */
  start: number;
  end: number;
}

function documentAt(text: string, docIndex: number): Located | { error: string } {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[docIndex];
  if (!doc) return { error: `the file has no document ${docIndex + 1}` };
  if (doc.errors.length > 0) return { error: `document ${docIndex + 1} does not parse: ${doc.errors[0]!.message.split('\n')[0]}` };
  const start = docIndex === 0 ? 0 : list[docIndex - 1]!.range[2];
  const end = docIndex === list.length - 1 ? text.length : doc.range[2];
  return { doc, start, end };
}

function splice(text: string, start: number, end: number, insert: string): Rewrite {
  const next = text.slice(0, start) + insert + text.slice(end);
  // The smallest change: what actually differs inside the replaced span.
  let from = 0;
  const max = Math.min(text.length, next.length);
  while (from < max && text.charCodeAt(from) === next.charCodeAt(from)) from++;
  let tail = 0;
  while (tail < max - from && text.charCodeAt(text.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)) tail++;
  return { text: next, change: { offset: from, deleteCount: text.length - tail - from, insert: next.slice(from, next.length - tail) } };
}

/**
 * The edited document, keeping every line the edit did not touch as the user wrote it. The
 * Document API re-renders a whole document (`[ a ]` padding, comment spacing, `--- # note` on
 * two lines), so three texts are lined up by line: the original with its rendering before the
 * edit (equal up to spacing), and that rendering with the one after the edit (the edit itself).
 * Lines the edit keeps come from the original; a reformatted run of lines (no one-to-one match)
 * comes from the original too unless the edit touches it. The merge is used only if it reads
 * back as the same data as the full rendering, which is the fallback.
 */
function mergeLines(original: string, before: string, after: string, doc: Document): string {
  const lines = (s: string) => s.replace(/\n$/, '').split('\n');
  const orig = lines(original);
  const rendered = lines(before);
  // Per line of `rendered`: kept by the edit or not, and the lines the edit inserts before it.
  const keep: boolean[] = [];
  const insertBefore: string[][] = rendered.map(() => []);
  insertBefore.push([]);
  for (const part of diffArrays(rendered, lines(after))) {
    if (part.added) insertBefore[keep.length]!.push(...part.value);
    else for (let k = 0; k < part.value.length; k++) keep.push(!part.removed);
  }
  const out: string[] = [];
  let oi = 0;
  let rj = 0;
  // The original of a line the edit just dropped: a one-line replacement keeps its comment's column.
  let dropped: string | null = null;
  const insert = (j: number) => {
    const added = insertBefore[j]!;
    if (dropped !== null && added.length === 1) out.push(withCommentGap(added[0]!, dropped));
    else out.push(...added);
    dropped = null;
  };
  const parts = diffArrays(orig, rendered, { comparator: (a, b) => sameUpToSpacing(a, b) });
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (!part.added && !part.removed) {
      for (let k = 0; k < part.value.length; k++, oi++, rj++) {
        insert(rj);
        if (keep[rj]) out.push(orig[oi]!);
        else dropped = orig[oi]!;
      }
      continue;
    }
    // A reformatted run: original lines removed and/or rendered lines added, in either order.
    let a = 0;
    let b = 0;
    for (; p < parts.length && (parts[p]!.added || parts[p]!.removed); p++) {
      if (parts[p]!.removed) a += parts[p]!.value.length;
      else b += parts[p]!.value.length;
    }
    p--;
    insert(rj);
    const touched = Array.from({ length: b }, (_, k) => rj + k).some((j, k) => !keep[j] || (k > 0 && insertBefore[j]!.length > 0));
    if (!touched) out.push(...orig.slice(oi, oi + a));
    else for (let j = rj; j < rj + b; j++) {
      if (j > rj) insert(j);
      if (keep[j]) out.push(rendered[j]!);
    }
    oi += a;
    rj += b;
  }
  insert(rj);
  const merged = `${out.join('\n')}${original.endsWith('\n') ? '\n' : ''}`;
  const back = parseAllDocuments(merged);
  const reread = Array.isArray(back) && back.length === 1 && back[0]!.errors.length === 0 ? back[0]!.toJS() as unknown : undefined;
  return JSON.stringify(reread) === JSON.stringify(doc.toJS()) ? merged : after;
}

/** `key: new # note` with the spaces before `# note` that the user's line had. */
function withCommentGap(line: string, original: string): string {
  const was = /^(.*?\S)(\s+)(#.*)$/.exec(original);
  const now = /^(.*?\S) (#.*)$/.exec(line);
  return was && now && was[3] === now[2] ? `${now[1]}${was[2]}${now[2]}` : line;
}

/** Lines that differ only in spacing the renderer normalises (inner runs, flow padding, line ends). */
function sameUpToSpacing(a: string, b: string): boolean {
  const norm = (s: string) => {
    const indent = /^ */.exec(s)![0];
    return indent + s.slice(indent.length).replace(/\s+$/, '').replace(/\s+/g, ' ').replace(/([[{]) /g, '$1').replace(/ ([\]}])/g, '$1');
  };
  return a === b || norm(a) === norm(b);
}

/** A scalar changes in place, keeping its comment and quoting; anything else takes over the old node's comments. */
function setKeepingComments(doc: Document, at: FieldPath, value: unknown): void {
  const old = doc.getIn(at, true);
  const primitive = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (isScalar(old) && primitive) {
    old.value = value;
    return;
  }
  const node = blockNode(doc, value);
  if (isNode(old)) {
    node.comment = old.comment ?? null;
    node.commentBefore = old.commentBefore ?? null;
  }
  doc.setIn(at, node);
}

/** New values are block style, like the YAML around them; a flow `[ ]` only for empty lists. */
function blockNode(doc: Document, value: unknown) {
  const node = doc.createNode(value);
  const unflow = (n: unknown) => {
    if (isMap(n) || isSeq(n)) {
      n.flow = n.items.length === 0;
      for (const item of n.items) unflow(isMap(n) ? (item as { value: unknown }).value : item);
    }
  };
  unflow(node);
  return node;
}

/**
 * The file's own style for what the Document API writes: the indent step, whether list items
 * are indented under their key (kubectl writes them at the key's column), and flow padding.
 */
function formatOf(text: string): ToStringOptions {
  const lines = text.split('\n');
  let indent = 0;
  let indentSeq: boolean | undefined;
  for (let i = 0; i + 1 < lines.length && (indent === 0 || indentSeq === undefined); i++) {
    const key = /^( *)[^\s#-][^#]*:\s*(#.*)?$/.exec(lines[i]!);
    const next = /^( *)(- )?\S/.exec(lines[i + 1]!);
    if (!key || !next) continue;
    const delta = next[1]!.length - key[1]!.length;
    if (next[2]) indentSeq ??= delta > 0;
    else if (delta > 0 && indent === 0) indent = delta;
  }
  return {
    indent: indent || 2,
    indentSeq: indentSeq ?? false,
    flowCollectionPadding: /[[{] [^\s\]}]/.test(text),
    lineWidth: 0,
    minContentWidth: 0,
  };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
}
