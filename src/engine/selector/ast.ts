/**
 * Selector AST and the pure tree rewrites the policy compiler needs (SPEC §2, §3.3).
 * Every function here returns a new tree and never mutates its input: ASTs are shared between
 * policies and used as WeakMap keys by the compiled-selector cache.
 */

/**
 * One node of a parsed Calico selector (SPEC §2.2).
 *
 * - `all` / `global`: always true when evaluated; `global()` only means "non-namespaced" after
 *   the namespaceSelector rewrite (SPEC §3.3).
 * - `has`: label present (any value).
 * - `eq`, `contains`, `startsWith`, `endsWith`, `in`: label present and the value test holds.
 * - `neq`, `notIn`: label absent, or present with a value failing the positive test.
 * - `not`, `and`, `or`: boolean structure. The parser never builds an `and`/`or` with fewer
 *   than two operands and keeps parenthesised groups nested as written (this matters for the
 *   canonical string); hand-built trees may use any arity (`and []` is true, `or []` false).
 *
 * `in`/`notIn` values are kept as written (order, duplicates); the canonical form sorts them.
 */
export type SelectorNode =
  | { kind: 'all' }
  | { kind: 'global' }
  | { kind: 'has'; label: string }
  | { kind: 'eq' | 'neq' | 'contains' | 'startsWith' | 'endsWith'; label: string; value: string }
  | { kind: 'in' | 'notIn'; label: string; values: string[] }
  | { kind: 'not'; expr: SelectorNode }
  | { kind: 'and' | 'or'; exprs: SelectorNode[] };

/**
 * A tokenizer or parser error, positioned for an editor underline.
 * `offset` is the 0-based index (UTF-16 code units, i.e. JS string index) of the offending
 * token in the input; `length` is its length, at least 1 except for an empty input span.
 * `message` is a human sentence that already contains the 1-based column.
 */
export interface SelectorError {
  message: string;
  offset: number;
  length: number;
}

/** Result of {@link parseSelector}: the AST, or the first error found. */
export type ParseResult = { ok: true; ast: SelectorNode } | { ok: false; error: SelectorError };

/** The shared always-true node; callers must treat ASTs as immutable. */
const ALL: SelectorNode = { kind: 'all' };

/** Rebuilds `ast` bottom-up, letting `leaf` replace any non-boolean node. */
function mapLeaves(ast: SelectorNode, leaf: (n: SelectorNode) => SelectorNode): SelectorNode {
  switch (ast.kind) {
    case 'not': {
      const expr = mapLeaves(ast.expr, leaf);
      return expr === ast.expr ? ast : { kind: 'not', expr };
    }
    case 'and':
    case 'or': {
      let changed = false;
      const exprs = ast.exprs.map((e) => {
        const m = mapLeaves(e, leaf);
        if (m !== e) changed = true;
        return m;
      });
      return changed ? { kind: ast.kind, exprs } : ast;
    }
    default:
      return leaf(ast);
  }
}

/**
 * Prefixes every label key in the tree with `prefix` (e.g. `pcns.` for a namespaceSelector,
 * `pcsa.` for a service-account selector, SPEC §2.5 / §3.3). `all()`/`global()` have no key
 * and are left as they are, which is why callers apply this before {@link replaceAllNode}.
 */
export function prefixLabelKeys(ast: SelectorNode, prefix: string): SelectorNode {
  if (prefix === '') return ast;
  return mapLeaves(ast, (n) => {
    switch (n.kind) {
      case 'all':
      case 'global':
        return n;
      case 'has':
        return { kind: 'has', label: prefix + n.label };
      case 'in':
      case 'notIn':
        return { kind: n.kind, label: prefix + n.label, values: n.values };
      case 'eq':
      case 'neq':
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        return { kind: n.kind, label: prefix + n.label, value: n.value };
      default:
        return n;
    }
  });
}

/**
 * Replaces every `all()` node with `replacement`, wherever it sits (also under `!`).
 *
 * SPEC §3.3: Calico does this as a plain string replacement on the canonical text, so
 * `namespaceSelector: "!all()"` becomes `!has(projectcalico.org/namespace)`; replacing the
 * node gives the same result. (One textual corner this deliberately does not copy: Calico's
 * string replace would also rewrite a quoted value spelled `"all()"`.)
 */
export function replaceAllNode(ast: SelectorNode, replacement: SelectorNode): SelectorNode {
  return mapLeaves(ast, (n) => (n.kind === 'all' ? replacement : n));
}

/** Replaces every `global()` node with `replacement` (SPEC §3.3: `global()` → `!has(projectcalico.org/namespace)`). */
export function replaceGlobalNode(ast: SelectorNode, replacement: SelectorNode): SelectorNode {
  return mapLeaves(ast, (n) => (n.kind === 'global' ? replacement : n));
}

/**
 * ANDs the given selectors, skipping `null`/`undefined` and flattening operands that are
 * themselves `and` nodes. No operand gives `all()`, one operand is returned as is.
 *
 * `all()` operands are kept on purpose: the GlobalNetworkPolicy compilation (SPEC §4.3) ANDs
 * first and then replaces every `all()` in the result, so dropping them would change meaning.
 */
export function andSelectors(...nodes: (SelectorNode | null | undefined)[]): SelectorNode {
  const exprs: SelectorNode[] = [];
  for (const n of nodes) {
    if (!n) continue;
    if (n.kind === 'and') exprs.push(...n.exprs);
    else exprs.push(n);
  }
  if (exprs.length === 0) return ALL;
  if (exprs.length === 1) return exprs[0] as SelectorNode;
  return { kind: 'and', exprs };
}

/** Label keys the selector refers to, each once, in order of first appearance. */
export function selectorLabelKeys(ast: SelectorNode): string[] {
  const seen = new Set<string>();
  const walk = (n: SelectorNode): void => {
    switch (n.kind) {
      case 'all':
      case 'global':
        return;
      case 'not':
        walk(n.expr);
        return;
      case 'and':
      case 'or':
        for (const e of n.exprs) walk(e);
        return;
      default:
        seen.add(n.label);
    }
  };
  walk(ast);
  return [...seen];
}
