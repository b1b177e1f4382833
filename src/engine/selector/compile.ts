/**
 * Selector evaluation (SPEC §2.3). A tree is compiled once into nested closures, so the hot
 * path (every endpoint × every policy and rule selector) does no tree walking, switching or
 * allocation per call.
 */
import type { SelectorNode } from './ast';

/** Returns the value of a label, or `undefined` when the endpoint does not have it. */
export type LabelLookup = (key: string) => string | undefined;

/** A compiled selector: true iff the labels seen through the lookup match. */
export type CompiledSelector = (labels: LabelLookup) => boolean;

const always: CompiledSelector = () => true;
const never: CompiledSelector = () => false;

/**
 * Compiles a selector into a predicate over a label lookup (SPEC §2.3):
 * `all()`/`global()` always match; `has`, `==`, `in`, `contains`, `starts with`, `ends with`
 * need the label present; `!=` and `not in` also match when the label is absent; `in {}`
 * never matches and `not in {}` always does; comparisons are exact and case-sensitive.
 */
export function compileSelector(ast: SelectorNode): CompiledSelector {
  switch (ast.kind) {
    case 'all':
    case 'global':
      return always;
    case 'has': {
      const k = ast.label;
      return (l) => l(k) !== undefined;
    }
    case 'eq': {
      const k = ast.label;
      const v = ast.value;
      return (l) => l(k) === v;
    }
    case 'neq': {
      const k = ast.label;
      const v = ast.value;
      // SPEC §2.3: an absent label (undefined) also differs from v.
      return (l) => l(k) !== v;
    }
    case 'contains': {
      const k = ast.label;
      const v = ast.value;
      return (l) => {
        const x = l(k);
        return x !== undefined && x.includes(v);
      };
    }
    case 'startsWith': {
      const k = ast.label;
      const v = ast.value;
      return (l) => {
        const x = l(k);
        return x !== undefined && x.startsWith(v);
      };
    }
    case 'endsWith': {
      const k = ast.label;
      const v = ast.value;
      return (l) => {
        const x = l(k);
        return x !== undefined && x.endsWith(v);
      };
    }
    case 'in': {
      const k = ast.label;
      if (ast.values.length === 0) return never; // SPEC §2.3: `in {}` is always false
      if (ast.values.length === 1) {
        const v = ast.values[0] as string;
        return (l) => l(k) === v;
      }
      const set = new Set(ast.values);
      return (l) => {
        const x = l(k);
        return x !== undefined && set.has(x);
      };
    }
    case 'notIn': {
      const k = ast.label;
      if (ast.values.length === 0) return always; // SPEC §2.3: `not in {}` is always true
      const set = new Set(ast.values);
      return (l) => {
        const x = l(k);
        return x === undefined || !set.has(x);
      };
    }
    case 'not': {
      const inner = compileSelector(ast.expr);
      if (inner === always) return never;
      if (inner === never) return always;
      return (l) => !inner(l);
    }
    case 'and':
      return compileAnd(ast.exprs.map(compileSelector).filter((f) => f !== always));
    case 'or':
      return compileOr(ast.exprs.map(compileSelector).filter((f) => f !== never));
  }
}

function compileAnd(fs: CompiledSelector[]): CompiledSelector {
  if (fs.includes(never)) return never;
  const [a, b] = fs;
  if (!a) return always;
  if (!b) return a;
  if (fs.length === 2) return (l) => a(l) && b(l);
  return (l) => {
    for (const f of fs) if (!f(l)) return false;
    return true;
  };
}

function compileOr(fs: CompiledSelector[]): CompiledSelector {
  if (fs.includes(always)) return always;
  const [a, b] = fs;
  if (!a) return never;
  if (!b) return a;
  if (fs.length === 2) return (l) => a(l) || b(l);
  return (l) => {
    for (const f of fs) if (f(l)) return true;
    return false;
  };
}

const cache = new WeakMap<SelectorNode, CompiledSelector>();

/**
 * Convenience: does `ast` match a plain label map? Only own properties count as labels, so
 * keys such as `constructor` or `__proto__` behave like any other label. The compiled form is
 * cached per AST object.
 */
export function matchesLabels(ast: SelectorNode, labels: Readonly<Record<string, string>>): boolean {
  let f = cache.get(ast);
  if (!f) {
    f = compileSelector(ast);
    cache.set(ast, f);
  }
  return f((k) => (Object.hasOwn(labels, k) ? labels[k] : undefined));
}
