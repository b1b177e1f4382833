import type { WorkspaceFacts } from '../../state/workspaceFacts';

/**
 * Completion inside selectors and label maps, from what the workspace holds (no Monaco here:
 * pure, so it is tested in Node; monacoSetup.ts registers it). Contexts, read from the text
 * before the cursor:
 * - a Calico selector (`selector`, `namespaceSelector`, `notSelector`, `serviceAccountSelector`):
 *   label keys and the functions where an expression starts, operators after a key, the key's
 *   values inside a quoted literal after `==`, `!=` or `in {`;
 * - a Kubernetes `matchLabels` map (block or flow style): keys, then the key's values;
 * - `namespace:` values: namespace names; a K8s `port:` value: the named ports.
 * Namespace selectors complete namespace labels; the others endpoint labels.
 */

export type AssistKind = 'key' | 'value' | 'operator' | 'function' | 'namespace' | 'port';

export interface AssistItem {
  label: string;
  kind: AssistKind;
  insertText: string;
  detail?: string;
}

/** Items and the 1-based column where the replaced word starts. */
export interface AssistResult { items: AssistItem[]; from: number }

const SELECTOR_FIELD = /(?:^|[\s{,])(selector|namespaceSelector|notSelector|serviceAccountSelector)\s*:\s*/g;
const OPERATORS = ['==', '!=', 'in {}', 'not in {}', 'contains', 'starts with', 'ends with'];

function keysOf(labels: Record<string, string[]>, detail: string): AssistItem[] {
  return Object.keys(labels).sort().map((k) => ({ label: k, kind: 'key', insertText: k, detail: `${detail} (${labels[k]!.length} values)` }));
}

/** Keys of a label map as completed in YAML: `key: `. */
function mapKeysOf(labels: Record<string, string[]>): AssistItem[] {
  return keysOf(labels, 'label').map((k) => ({ ...k, insertText: `${k.insertText}: ` }));
}

function valuesOf(labels: Record<string, string[]>, key: string): AssistItem[] {
  return (labels[key] ?? []).map((v) => ({ label: v, kind: 'value', insertText: v, detail: `${key}=${v}` }));
}

/** The selector text before the cursor, if the cursor is in a selector field's value. */
function selectorPrefix(before: string): { field: string; text: string; start: number } | null {
  const hit = [...before.matchAll(SELECTOR_FIELD)].pop();
  if (!hit) return null;
  let start = hit.index + hit[0].length;
  const ch = before[start];
  // A Kubernetes namespaceSelector is a map (`{matchLabels: ...}`), not a Calico expression.
  if (ch === '{') return null;
  const quote = ch === '"' || ch === "'" ? ch : '';
  if (quote) start += 1;
  const text = before.slice(start);
  // A flow mapping's value ends at an unquoted `,` or `}`: past it, this is not the selector.
  if (!quote && /[,}]/.test(text)) return null;
  if (quote && text.includes(quote)) return null;
  return { field: hit[1]!, text, start };
}

function inSelector(field: string, text: string, start: number, facts: WorkspaceFacts): AssistResult {
  const labels = field === 'namespaceSelector' ? facts.namespaceLabels : facts.endpointLabels;
  const word = /[\w./-]*$/.exec(text)![0];
  const from = start + text.length - word.length + 1;
  // Inside a string literal: `key == "par|`, `key in { "a", "b|`.
  const literal = /([\w./-]+)\s*(?:==|!=|(?:not\s+)?in\s*\{[^}]*)\s*(["'])([^"']*)$/.exec(text);
  if (literal && (text.split(literal[2]!).length - 1) % 2 === 1) {
    const partial = literal[3]!;
    return { items: valuesOf(labels, literal[1]!), from: start + text.length - partial.length + 1 };
  }
  const rest = text.slice(0, text.length - word.length).trimEnd();
  // After a complete key: the operators.
  const afterKey = /(?:^|[\s(!&|])([\w./-]+)$/.exec(rest);
  if (afterKey && word === '' && text.endsWith(' ') && !/^(has|all|global)$/.test(afterKey[1]!)) {
    return { items: OPERATORS.map((o) => ({ label: o, kind: 'operator', insertText: o === 'in {}' ? 'in { "" }' : o === 'not in {}' ? 'not in { "" }' : o })), from: start + text.length + 1 };
  }
  // Where an expression starts (also inside `has(`): keys and functions.
  if (rest === '' || /(&&|\|\||!|\()$/.test(rest)) {
    const fns: AssistItem[] = [
      { label: 'has(key)', kind: 'function', insertText: 'has()', detail: 'the label is present' },
      { label: 'all()', kind: 'function', insertText: 'all()', detail: 'every endpoint' },
      ...(field === 'namespaceSelector' ? [{ label: 'global()', kind: 'function' as const, insertText: 'global()', detail: 'resources outside any namespace' }] : []),
    ];
    return { items: [...keysOf(labels, field === 'namespaceSelector' ? 'namespace label' : 'label'), ...fns], from };
  }
  return { items: [], from };
}

/** The nearest line above `lineIndex` indented less than `indent`, if it opens a block (`key:`). */
function parentBlock(lines: readonly string[], lineIndex: number, indent: number): { key: string; index: number; indent: number } | null {
  for (let i = lineIndex - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    const ind = l.length - l.trimStart().length;
    if (ind < indent) {
      const m = /^\s*(-\s+)?([\w.-]+)\s*:\s*$/.exec(l);
      // `- key:` opens its block at the key, after the dash.
      return m ? { key: m[2]!, index: i, indent: ind + (m[1]?.length ?? 0) } : null;
    }
  }
  return null;
}

/**
 * What to offer at (line, column) of `lines` (1-based), or null outside every context.
 */
export function assistAt(lines: readonly string[], line: number, column: number, facts: WorkspaceFacts): AssistResult | null {
  const text = lines[line - 1] ?? '';
  const before = text.slice(0, column - 1);
  const sel = selectorPrefix(before);
  if (sel) return inSelector(sel.field, sel.text, sel.start, facts);

  // Flow-style matchLabels: `matchLabels: {app: we|` or `matchLabels: {ap|`.
  const flow = /\bmatchLabels\s*:\s*\{([^}]*)$/.exec(before);
  if (flow) {
    // `namespaceSelector: {matchLabels: {` holds namespace labels.
    const labels = /namespaceSelector\s*:\s*\{\s*$/.test(before.slice(0, flow.index)) ? facts.namespaceLabels : facts.endpointLabels;
    const entry = /(?:^|,)\s*([^,:]*)(?::\s*([^,]*))?$/.exec(flow[1]!)!;
    if (entry[2] !== undefined) {
      const partial = entry[2];
      return { items: valuesOf(labels, entry[1]!.trim()), from: column - partial.length };
    }
    const partial = entry[1]!.trimStart();
    return { items: mapKeysOf(labels), from: column - partial.length };
  }
  // Block-style matchLabels: a line under `matchLabels:` (whose own parent says whose labels).
  const indent = text.length - text.trimStart().length;
  if (/^\s*([\w./-]*|[\w./-]+\s*:\s*[^\s#]*)$/.test(before)) {
    const parent = parentBlock(lines, line - 1, indent);
    if (parent?.key === 'matchLabels') {
      const owner = parentBlock(lines, parent.index, parent.indent);
      const labels = owner?.key === 'namespaceSelector' ? facts.namespaceLabels : facts.endpointLabels;
      const kv = /^\s*([\w./-]+)\s*:\s*(.*)$/.exec(before);
      if (kv) return { items: valuesOf(labels, kv[1]!), from: column - kv[2]!.length };
      const partial = before.trimStart();
      return { items: mapKeysOf(labels), from: column - partial.length };
    }
  }
  const ns = /(?:^|[\s{,])namespace\s*:\s*([\w-]*)$/.exec(before);
  if (ns) return { items: facts.namespaces.map((n) => ({ label: n, kind: 'namespace', insertText: n })), from: column - ns[1]!.length };
  const port = /(?:^|[\s{,])port\s*:\s*([a-z][\w-]*)?$/.exec(before);
  if (port) return { items: facts.namedPorts.map((p) => ({ label: p, kind: 'port', insertText: p, detail: 'named port' })), from: column - (port[1] ?? '').length };
  return null;
}
