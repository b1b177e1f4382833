// API behaviour beyond the vector tables: K8s LabelSelector conversion (SPEC §3.7), the
// namespace / service-account rewrites (SPEC §3.3), error positions, and evaluation corners.
import { describe, expect, it } from 'vitest';
import {
  andSelectors, canonicalSelector, compileSelector, fromLabelSelector, matchesLabels, MAX_NESTING, parseSelector,
  prefixLabelKeys, replaceAllNode, replaceGlobalNode, selectorLabelKeys, tokenize, type SelectorNode,
} from './index';

function ast(text: string): SelectorNode {
  const p = parseSelector(text);
  if (!p.ok) throw new Error(`${text}: ${p.error.message}`);
  return p.ast;
}

function k8s(sel: Parameters<typeof fromLabelSelector>[0]): SelectorNode {
  const r = fromLabelSelector(sel);
  if (!r.ok) throw new Error(r.error);
  return r.ast;
}

const HAS_NS: SelectorNode = { kind: 'has', label: 'projectcalico.org/namespace' };
const NOT_HAS_NS: SelectorNode = { kind: 'not', expr: HAS_NS };

/** SPEC §3.3 rule namespaceSelector rewrite: pcns. prefix, then all() and global(). */
const nsRewrite = (text: string): SelectorNode =>
  replaceGlobalNode(replaceAllNode(prefixLabelKeys(ast(text), 'pcns.'), HAS_NS), NOT_HAS_NS);

describe('fromLabelSelector (SPEC §3.7)', () => {
  it('matchLabels sorted by key, then matchExpressions in order', () => {
    const a = k8s({
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zone', operator: 'NotIn', values: ['x'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    });
    expect(canonicalSelector(a)).toBe(
      '(app == "shop" && tier == "web" && env in {"dev", "prod"} && zone not in {"x"} && has(team) && !has(legacy))',
    );
    const base = { app: 'shop', tier: 'web', env: 'prod', team: 't' };
    expect(matchesLabels(a, base)).toBe(true);
    expect(matchesLabels(a, { ...base, env: 'qa' })).toBe(false);
    expect(matchesLabels(a, { ...base, zone: 'x' })).toBe(false);
    expect(matchesLabels(a, { ...base, legacy: '' })).toBe(false);
    const { team: _t, ...noTeam } = base;
    expect(matchesLabels(a, noTeam)).toBe(false);
  });

  it('each operator alone', () => {
    expect(k8s({ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] })).toEqual({ kind: 'in', label: 'k', values: ['v'] });
    expect(k8s({ matchExpressions: [{ key: 'k', operator: 'NotIn', values: ['v'] }] })).toEqual({ kind: 'notIn', label: 'k', values: ['v'] });
    expect(k8s({ matchExpressions: [{ key: 'k', operator: 'Exists' }] })).toEqual({ kind: 'has', label: 'k' });
    expect(k8s({ matchExpressions: [{ key: 'k', operator: 'DoesNotExist', values: null }] })).toEqual(NOT_HAS(k8sKey('k')));
    expect(k8s({ matchLabels: { 'app.kubernetes.io/name': 'x' } })).toEqual({ kind: 'eq', label: 'app.kubernetes.io/name', value: 'x' });
  });

  it('NotIn and DoesNotExist match an object without the key', () => {
    expect(matchesLabels(k8s({ matchExpressions: [{ key: 'k', operator: 'NotIn', values: ['v'] }] }), {})).toBe(true);
    expect(matchesLabels(k8s({ matchExpressions: [{ key: 'k', operator: 'DoesNotExist' }] }), {})).toBe(true);
    expect(matchesLabels(k8s({ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }), {})).toBe(false);
  });

  it('an empty selector matches everything', () => {
    for (const s of [{}, { matchLabels: {} }, { matchLabels: null, matchExpressions: null }, { matchExpressions: [] }]) {
      expect(k8s(s)).toEqual({ kind: 'all' });
    }
  });

  it('rejects what the API server rejects, naming the field', () => {
    const err = (sel: unknown): string => {
      const r = fromLabelSelector(sel as Parameters<typeof fromLabelSelector>[0]);
      return r.ok ? 'ok' : r.error;
    };
    expect(err({ matchExpressions: [{ key: 'k', operator: 'Equals', values: ['v'] }] })).toMatch(/^matchExpressions\[0\]\.operator: unknown operator 'Equals'/);
    expect(err({ matchExpressions: [{ key: 'k', operator: 'In', values: [] }] })).toMatch(/^matchExpressions\[0\]\.values: must be non-empty when operator is In/);
    expect(err({ matchExpressions: [{ key: 'k', operator: 'Exists' }, { key: 'k', operator: 'NotIn' }] })).toMatch(/^matchExpressions\[1\]\.values: must be non-empty/);
    expect(err({ matchExpressions: [{ key: 'k', operator: 'Exists', values: ['v'] }] })).toMatch(/^matchExpressions\[0\]\.values: must be empty/);
    expect(err({ matchExpressions: [{ key: 'k' }] })).toMatch(/^matchExpressions\[0\]\.operator: missing/);
    expect(err({ matchExpressions: [{ key: 'k', operator: 'In', values: [1] }] })).toMatch(/^matchExpressions\[0\]\.values\[0\]: must be a string/);
    expect(err({ matchLabels: { version: 1 } })).toMatch(/^matchLabels\["version"\]: the value must be a string/);
    expect(err({ matchLabels: { 'bad key': 'v' } })).toMatch(/^matchLabels\["bad key"\]: the label key 'bad key'/);
    expect(err({ matchLabels: { k: `a'b"c` } })).toMatch(/both ' and " quotes/);
    expect(err({ matchLabels: ['x'] })).toMatch(/^matchLabels: must be a mapping/);
    expect(err({ matchExpressions: { key: 'k' } })).toMatch(/^matchExpressions: must be a list/);
  });
});

function k8sKey(k: string): SelectorNode {
  return { kind: 'has', label: k };
}
function NOT_HAS(n: SelectorNode): SelectorNode {
  return { kind: 'not', expr: n };
}

describe('namespace / service-account rewrites (SPEC §3.3)', () => {
  it('prefixes every label key and nothing else', () => {
    const a = prefixLabelKeys(ast('a == "x" && (has(b) || c in {"1"} || !d != "y") && e contains "z" && f starts with "" && g ends with "q" && h not in {} && all()'), 'pcns.');
    expect(canonicalSelector(a)).toBe(
      '(pcns.a == "x" && (has(pcns.b) || pcns.c in {"1"} || !pcns.d != "y") && pcns.e contains "z" && pcns.f starts with "" && pcns.g ends with "q" && pcns.h not in {} && all())',
    );
    expect(selectorLabelKeys(a)).toEqual(['pcns.a', 'pcns.b', 'pcns.c', 'pcns.d', 'pcns.e', 'pcns.f', 'pcns.g', 'pcns.h']);
  });

  it('does not mutate its input', () => {
    const a = ast('!has(a) && b == "c"');
    const before = JSON.stringify(a);
    prefixLabelKeys(a, 'pcsa.');
    replaceAllNode(a, HAS_NS);
    expect(JSON.stringify(a)).toBe(before);
  });

  it.each([
    ['all()', 'has(projectcalico.org/namespace)'],
    ['global()', '!has(projectcalico.org/namespace)'],
    ['!all()', '!has(projectcalico.org/namespace)'], // the textual-rewrite quirk: behaves like global()
    ["projectcalico.org/name == 'prod'", 'pcns.projectcalico.org/name == "prod"'],
    ["team == 'a' || all()", '(pcns.team == "a" || has(projectcalico.org/namespace))'],
  ])('namespaceSelector %s → %s', (input, expected) => {
    expect(canonicalSelector(nsRewrite(input))).toBe(expected);
  });

  it('the rewritten namespaceSelector matches namespaced and non-namespaced entities as SPEC §3.3 says', () => {
    const pod = { 'projectcalico.org/namespace': 'prod', 'pcns.team': 'a', 'pcns.projectcalico.org/name': 'prod' };
    const hep = { role: 'gw' };
    expect([matchesLabels(nsRewrite('all()'), pod), matchesLabels(nsRewrite('all()'), hep)]).toEqual([true, false]);
    expect([matchesLabels(nsRewrite('global()'), pod), matchesLabels(nsRewrite('global()'), hep)]).toEqual([false, true]);
    expect([matchesLabels(nsRewrite('!all()'), pod), matchesLabels(nsRewrite('!all()'), hep)]).toEqual([false, true]);
    expect(matchesLabels(nsRewrite("projectcalico.org/name == 'prod'"), pod)).toBe(true);
    expect(matchesLabels(nsRewrite("team == 'b'"), pod)).toBe(false);
  });

  it('serviceAccounts.selector gets pcsa.', () => {
    const sa = prefixLabelKeys(ast("projectcalico.org/name == 'sa1' || role in {'db'}"), 'pcsa.');
    expect(canonicalSelector(sa)).toBe('(pcsa.projectcalico.org/name == "sa1" || pcsa.role in {"db"})');
    expect(matchesLabels(sa, { 'pcsa.projectcalico.org/name': 'sa1' })).toBe(true);
    expect(matchesLabels(sa, { 'projectcalico.org/name': 'sa1' })).toBe(false);
  });
});

describe('andSelectors / selectorLabelKeys', () => {
  it('flattens, skips null/undefined, keeps all() so a later replaceAllNode still sees it', () => {
    const a = ast('a == "1" && b == "2"');
    const r = andSelectors(a, null, undefined, { kind: 'all' }, ast('has(c)'));
    expect(canonicalSelector(r)).toBe('(a == "1" && b == "2" && all() && has(c))');
    expect(canonicalSelector(replaceAllNode(r, HAS_NS))).toContain('has(projectcalico.org/namespace)');
    expect(andSelectors()).toEqual({ kind: 'all' });
    expect(andSelectors(null, a)).toEqual(a);
    const h = ast('has(x)');
    expect(andSelectors(undefined, h, null)).toBe(h);
  });

  it('lists keys once in order of appearance', () => {
    expect(selectorLabelKeys(ast('b == "1" || (a in {} && !has(b)) || all() || global()'))).toEqual(['b', 'a']);
    expect(selectorLabelKeys(ast(''))).toEqual([]);
  });
});

describe('error positions', () => {
  it.each([
    // [input, offset, length, message fragment]
    ['b == b', 5, 1, "expected a quoted string (labels can't be compared with labels) after '==', found label 'b' at column 6"],
    ['app == ', 4, 2, "after '==' at column 5, but the selector ended"],
    ["'b1' == b", 0, 4, 'a comparison starts with the label'],
    ['a == "b" c == "d"', 9, 8, 'unexpected content at end of selector'],
    ['foo in ""', 7, 2, 'expected a set of quoted strings'],
    ['foo in {"", ||', 12, 2, "expected a quoted string or '}' after ','"],
    ['a in {"x" "y"}', 10, 3, "expected ',' or '}'"],
    ['(a == "foo"', 0, 1, "missing ')' to close the '(' at column 1"],
    ['(a == "foo" }', 12, 1, "expected ')' to close the '(' at column 1, found '}' at column 13"],
    ['()', 0, 2, "empty parentheses '()'"],
    ['has(foo) &&', 9, 2, "after '&&' at column 10, but the selector ended"],
    ['x == "y" ||   ', 9, 2, "after '||'"],
    ['"FOO', 0, 4, 'unterminated string starting at column 1'],
    ['a == "b" && %', 12, 1, "unexpected character '%' at column 13"],
    ['label = "value"', 6, 1, "a single '=' at column 7"],
    ['has()', 4, 1, "expected a label name inside 'has('"],
    ['has( foo ', 0, 8, "missing ')' to close 'has('"],
    ['has(a b)', 6, 1, "expected ')' after the label in 'has(' at column 7"],
    ['all(x)', 4, 1, "'all()' takes no arguments"],
    ['label starts foo "value"', 13, 3, "expected 'with' after 'starts' at column 14"],
    ['label inf "value"', 6, 3, "expected an operator after label 'label'"],
    ['label ends withs "value"', 6, 10, "expected an operator after label 'label'"],
    ['a not', 2, 3, "expected 'in' after 'not'"],
    ['a == "b"\n', 8, 1, 'line break at column 9'],
    ['a == "b"\r\n', 8, 1, 'line break'],
    ['x == "😀" && 😀', 13, 2, "unexpected character '😀' at column 14"],
    [`${'k'.repeat(513)} == "v"`, 0, 513, 'is 513 characters long; the maximum is 512'],
    ['b', 0, 1, "label 'b' at column 1 needs a comparison"],
    ['!', 0, 1, "after '!' at column 1, but the selector ended"],
    [')', 0, 1, "unexpected ')' at column 1"],
  ])('%j → offset %i length %i', (input, offset, length, fragment) => {
    const p = parseSelector(input);
    if (p.ok) throw new Error('expected an error');
    expect(p.error.message).toContain(fragment);
    expect([p.error.offset, p.error.length]).toEqual([offset, length]);
  });

  it('limits nesting instead of overflowing the stack', () => {
    const ok = `${'('.repeat(MAX_NESTING)}has(a)${')'.repeat(MAX_NESTING)}`;
    expect(parseSelector(ok).ok).toBe(true);
    const deep = `${'('.repeat(MAX_NESTING + 1)}has(a)${')'.repeat(MAX_NESTING + 1)}`;
    const p = parseSelector(deep);
    expect(!p.ok && p.error.offset).toBe(MAX_NESTING);
  });

  it('tokens carry exact spans', () => {
    const r = tokenize('  a  not\tin {"x",\'y\'} || has( b )');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.tokens.map((t) => [t.kind, t.offset, t.length])).toEqual([
      ['label', 2, 1], ['notIn', 5, 6], ['lbrace', 12, 1], ['string', 13, 3], ['comma', 16, 1], ['string', 17, 3],
      ['rbrace', 20, 1], ['or', 22, 2], ['has', 25, 8], ['eof', 33, 0],
    ]);
  });
});

describe('evaluation corners (SPEC §2.3)', () => {
  it('only own properties are labels', () => {
    expect(matchesLabels(ast('has(constructor)'), {})).toBe(false);
    expect(matchesLabels(ast('has(__proto__)'), {})).toBe(false);
    expect(matchesLabels(ast('toString != "x"'), {})).toBe(true);
    expect(matchesLabels(ast('constructor == "c"'), { constructor: 'c' })).toBe(true);
  });

  it('string tests need the label; contains "" is true for any present key', () => {
    for (const op of ['contains', 'starts with', 'ends with']) {
      expect(matchesLabels(ast(`a ${op} ""`), { a: '' })).toBe(true);
      expect(matchesLabels(ast(`a ${op} ""`), {})).toBe(false);
    }
    expect(matchesLabels(ast('a == "B"'), { a: 'b' })).toBe(false);
  });

  it('hand-built trees of any arity evaluate sensibly', () => {
    const f = (n: SelectorNode): boolean => compileSelector(n)(() => undefined);
    expect(f({ kind: 'and', exprs: [] })).toBe(true);
    expect(f({ kind: 'or', exprs: [] })).toBe(false);
    expect(f({ kind: 'not', expr: { kind: 'not', expr: { kind: 'has', label: 'a' } } })).toBe(false);
    expect(f({ kind: 'or', exprs: [{ kind: 'has', label: 'a' }, { kind: 'not', expr: { kind: 'all' } }, { kind: 'global' }] })).toBe(true);
    expect(canonicalSelector({ kind: 'and', exprs: [{ kind: 'has', label: 'a' }] })).toBe('has(a)');
  });
});
