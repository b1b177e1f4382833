/**
 * Canonical selector text (SPEC §2.4), identical to Calico's `Selector.String()` for every
 * tree the parser builds, so it can serve as a cache / equality key and be shown to users.
 */
import type { SelectorNode } from './ast';

/**
 * Orders strings by Unicode code point, which is the byte order of their UTF-8 encoding and
 * therefore Go's `sort.Strings` order. (Plain `<` on JS strings compares UTF-16 units and
 * disagrees for characters above U+FFFF versus U+E000–U+FFFF.)
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when both units are in the surrogate/private-use range can UTF-16 order mislead.
    if (x >= 0xd800 && y >= 0xd800) {
      const cx = a.codePointAt(i) as number;
      const cy = b.codePointAt(i) as number;
      if (cx !== cy) return cx < cy ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Sorted, de-duplicated copy of a set's members (SPEC §2.4: `{"z","z","x","a"}` → `{"a", "x", "z"}`). */
export function canonicalSetValues(values: readonly string[]): string[] {
  const sorted = [...values].sort(compareCodePoints);
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

/**
 * SPEC §2.4: `"` quotes unless the value contains `"`, then `'`. A value holding both quote
 * characters cannot be written in the selector language at all; it is printed with `'` as
 * Calico does, and that text will not re-parse.
 */
function quote(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

const VALUE_OP = {
  eq: ' == ', neq: ' != ', contains: ' contains ', startsWith: ' starts with ', endsWith: ' ends with ',
} as const;

function render(n: SelectorNode, out: string[]): void {
  switch (n.kind) {
    case 'all':
      out.push('all()');
      return;
    case 'global':
      out.push('global()');
      return;
    case 'has':
      out.push('has(', n.label, ')');
      return;
    case 'eq':
    case 'neq':
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      out.push(n.label, VALUE_OP[n.kind], quote(n.value));
      return;
    case 'in':
    case 'notIn':
      out.push(n.label, n.kind === 'in' ? ' in {' : ' not in {', canonicalSetValues(n.values).map(quote).join(', '), '}');
      return;
    case 'not':
      out.push('!'); // SPEC §2.4: no space after '!'
      render(n.expr, out);
      return;
    case 'and':
    case 'or': {
      // Hand-built trees only: the parser never makes a group of fewer than two.
      if (n.exprs.length === 0) {
        out.push(n.kind === 'and' ? 'all()' : '!all()');
        return;
      }
      if (n.exprs.length === 1) {
        render(n.exprs[0] as SelectorNode, out);
        return;
      }
      const sep = n.kind === 'and' ? ' && ' : ' || ';
      out.push('(');
      n.exprs.forEach((e, i) => {
        if (i > 0) out.push(sep);
        render(e, out);
      });
      out.push(')');
    }
  }
}

/**
 * Renders the canonical form of a selector (SPEC §2.4): `all()` for the empty selector,
 * every `&&`/`||` group in parentheses, `!` without a space, `starts with`/`ends with`
 * spelled out, `"` quotes unless the value contains `"`, set members sorted and de-duplicated.
 * Re-parsing the result gives a selector that matches exactly the same label sets.
 */
export function canonicalSelector(ast: SelectorNode): string {
  const out: string[] = [];
  render(ast, out);
  return out.join('');
}
