// Properties over random selector trees: the canonical text re-parses to an equivalent
// selector; compiled evaluation equals a naive reading of SPEC §2.3; the parser never throws.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSelector, matchesLabels, parseSelector, selectorUniqueId, type SelectorNode } from './index';

// Keyword-like keys exercise SPEC §2.1's "operators only after a label, functions only not after one".
const KEYS = ['a', 'b', 'c.d/e-f_1', 'in', 'not', 'notin', 'has', 'contains', 'all', 'global', 'starts', 'with', 'endswith', '0'];
// No value holds both quote characters: the language cannot write one (SPEC §2.1).
const VALUES = ['', 'x', 'y', 'xy', "'", '"', `x"y`, "x'y", 'a b', 'all()', '&& ||', 'é', '😀', '\t', '\n'];

const key = fc.constantFrom(...KEYS);
const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.string({ unit: 'grapheme', maxLength: 6 }).filter((s) => !(s.includes('"') && s.includes("'"))),
);

const { tree } = fc.letrec<{ tree: SelectorNode; leaf: SelectorNode; node: SelectorNode }>((tie) => ({
  leaf: fc.oneof(
    fc.constant<SelectorNode>({ kind: 'all' }),
    fc.constant<SelectorNode>({ kind: 'global' }),
    key.map((label): SelectorNode => ({ kind: 'has', label })),
    fc.record({ kind: fc.constantFrom('eq', 'neq', 'contains', 'startsWith', 'endsWith' as const), label: key, value }),
    fc.record({ kind: fc.constantFrom('in', 'notIn' as const), label: key, values: fc.array(value, { maxLength: 4 }) }),
  ),
  node: fc.oneof(
    tie('tree').map((expr): SelectorNode => ({ kind: 'not', expr })),
    fc.record({ kind: fc.constantFrom('and', 'or' as const), exprs: fc.array(tie('tree'), { maxLength: 4 }) }),
  ),
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('node')),
}));

const labelMap = fc.dictionary(key, fc.constantFrom(...VALUES, 'z'), { maxKeys: 6 });

/** SPEC §2.3 read literally, as the reference for the compiled closures. */
function naive(n: SelectorNode, l: Record<string, string>): boolean {
  const has = (k: string): boolean => Object.hasOwn(l, k);
  switch (n.kind) {
    case 'all':
    case 'global': return true;
    case 'has': return has(n.label);
    case 'eq': return has(n.label) && l[n.label] === n.value;
    case 'neq': return !has(n.label) || l[n.label] !== n.value;
    case 'contains': return has(n.label) && (l[n.label] as string).includes(n.value);
    case 'startsWith': return has(n.label) && (l[n.label] as string).startsWith(n.value);
    case 'endsWith': return has(n.label) && (l[n.label] as string).endsWith(n.value);
    case 'in': return has(n.label) && n.values.includes(l[n.label] as string);
    case 'notIn': return !has(n.label) || !n.values.includes(l[n.label] as string);
    case 'not': return !naive(n.expr, l);
    case 'and': return n.exprs.every((e) => naive(e, l));
    case 'or': return n.exprs.some((e) => naive(e, l));
  }
}

describe('selector properties', () => {
  it('canonicalSelector(ast) re-parses to a selector matching the same label maps', () => {
    fc.assert(
      fc.property(tree, fc.array(labelMap, { minLength: 1, maxLength: 12 }), (ast, maps) => {
        const text = canonicalSelector(ast);
        const p = parseSelector(text);
        if (!p.ok) throw new Error(`${text}: ${p.error.message}`);
        for (const m of maps) expect(matchesLabels(p.ast, m)).toBe(matchesLabels(ast, m));
        // After one round trip the canonical text is a fixed point.
        const c2 = canonicalSelector(p.ast);
        const p2 = parseSelector(c2);
        expect(p2.ok && canonicalSelector(p2.ast)).toBe(c2);
      }),
      { numRuns: 2000 },
    );
  });

  it('compiled evaluation equals the naive reading of SPEC §2.3', () => {
    fc.assert(
      fc.property(tree, fc.array(labelMap, { minLength: 1, maxLength: 12 }), (ast, maps) => {
        for (const m of maps) expect(matchesLabels(ast, m)).toBe(naive(ast, m));
      }),
      { numRuns: 2000 },
    );
  });

  it('the parser never throws, and error spans lie inside the input', () => {
    const alphabet = fc.constantFrom(...'ab ()!=&|{},"\'\thas(all(global(in not contains starts with ends with\n%é😀'.split(''));
    const noisy = fc.oneof(
      fc.string({ unit: alphabet, maxLength: 30 }),
      tree.map(canonicalSelector).chain((t) => fc.nat(t.length).map((cut) => t.slice(0, cut))),
    );
    fc.assert(
      fc.property(noisy, (text) => {
        const p = parseSelector(text);
        if (!p.ok) {
          expect(p.error.offset).toBeGreaterThanOrEqual(0);
          expect(p.error.offset + p.error.length).toBeLessThanOrEqual(text.length);
          expect(p.error.length >= 1 || text.length === 0).toBe(true);
          expect(p.error.message).toMatch(/column \d+/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('selectorUniqueId agrees with node:crypto SHA-224 on any canonical text', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        const expected = `s:${createHash('sha224').update(`s:${canonicalSelector(ast)}`, 'utf8').digest('base64url')}`;
        expect(selectorUniqueId(ast)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
