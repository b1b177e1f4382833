// SPEC §2.6, rows 1–72, typed in as data: each row parses (or fails to) and matches as listed.
import { describe, expect, it } from 'vitest';
import { canonicalSelector, matchesLabels, parseSelector } from './index';

type Row =
  | { row: number; selector: string; labels: Record<string, string>; expect: 'M' | 'N' }
  | { row: number; selector: string; expect: 'ERR' };

const L513 = 'a'.repeat(513);
const L512 = 'a'.repeat(512);

const ROWS: Row[] = [
  { row: 1, selector: 'a == "b"', labels: { a: 'b' }, expect: 'M' },
  { row: 2, selector: 'a == "b"', labels: { a: 'b', c: 'd' }, expect: 'M' },
  { row: 3, selector: 'a == "b"', labels: {}, expect: 'N' },
  { row: 4, selector: 'a == "b"', labels: { a: 'c' }, expect: 'N' },
  { row: 5, selector: 'a == "b"', labels: { c: 'd' }, expect: 'N' },
  { row: 6, selector: 'a == "b" && c == "d"', labels: { a: 'b', c: 'd' }, expect: 'M' },
  { row: 7, selector: 'a == "b" && c == "d"', labels: { a: 'b', c: 'e' }, expect: 'N' },
  { row: 8, selector: 'a == "b" && c == "d"', labels: { a: 'b' }, expect: 'N' },
  { row: 9, selector: 'a == "b" || c == "d"', labels: { c: 'd' }, expect: 'M' },
  { row: 10, selector: 'a == "b" || c == "d"', labels: { a: 'e', c: 'e' }, expect: 'N' },
  { row: 11, selector: `a in {"'", '"', "c"}`, labels: { a: 'c' }, expect: 'M' },
  { row: 12, selector: `a in {"'", '"', "c"}`, labels: { a: '"' }, expect: 'M' },
  { row: 13, selector: `a in {"'", '"', "c"}`, labels: { a: "'" }, expect: 'M' },
  { row: 14, selector: `a in {"'", '"', "c"}`, labels: {}, expect: 'N' },
  { row: 15, selector: `a not in {"'", '"', "c"}`, labels: {}, expect: 'M' },
  { row: 16, selector: `a not in {"'", '"', "c"}`, labels: { a: 'e' }, expect: 'M' },
  { row: 17, selector: `a not in {"'", '"', "c"}`, labels: { a: 'c' }, expect: 'N' },
  { row: 18, selector: 'a != "b"', labels: { a: 'a' }, expect: 'M' },
  { row: 19, selector: 'a != "a"', labels: {}, expect: 'M' },
  { row: 20, selector: "a != 'a'", labels: { a: 'a' }, expect: 'N' },
  { row: 21, selector: 'a contains "a"', labels: { a: 'bab' }, expect: 'M' },
  { row: 22, selector: 'a contains "a"', labels: { b: 'aaa' }, expect: 'N' },
  { row: 23, selector: 'a contains "a"', labels: { a: 'b' }, expect: 'N' },
  { row: 24, selector: 'a starts with "a"', labels: { a: 'abb' }, expect: 'M' },
  { row: 25, selector: 'a starts with "a"', labels: { a: 'baa' }, expect: 'N' },
  { row: 26, selector: 'a ends with "a"', labels: { a: 'bba' }, expect: 'M' },
  { row: 27, selector: 'a ends with "a"', labels: { a: 'aab' }, expect: 'N' },
  { row: 28, selector: '!a in {"a"}', labels: { a: 'b' }, expect: 'M' },
  { row: 29, selector: 'a not in {"d", "e"}', labels: { a: 'a' }, expect: 'M' },
  { row: 30, selector: 'a in {"a", "b"}', labels: { a: 'c' }, expect: 'N' },
  { row: 31, selector: 'has(a)', labels: { a: 'b' }, expect: 'M' },
  { row: 32, selector: 'has(b)', labels: { a: 'b' }, expect: 'N' },
  { row: 33, selector: '!has(a)', labels: { b: 'b' }, expect: 'M' },
  { row: 34, selector: '! has(a)', labels: { a: 'b' }, expect: 'N' },
  { row: 35, selector: '!!has(b)', labels: { a: 'b' }, expect: 'N' },
  { row: 36, selector: '!! ! has(a)', labels: { a: 'b' }, expect: 'N' },
  { row: 37, selector: '', labels: {}, expect: 'M' },
  { row: 38, selector: ' ', labels: {}, expect: 'M' },
  { row: 39, selector: '', labels: { a: 'b' }, expect: 'M' },
  { row: 40, selector: ' all()', labels: { a: 'b' }, expect: 'M' },
  { row: 41, selector: ' global()', labels: { a: 'b' }, expect: 'M' },
  { row: 42, selector: "a == 'a1' && b != 'b1'", labels: { a: 'a1', b: 'b1' }, expect: 'N' },
  { row: 43, selector: "!a == 'a1' && b == 'b1'", labels: { a: 'a1', b: 'b1' }, expect: 'N' },
  { row: 44, selector: 'has(a) && !has(b)', labels: { a: 'a' }, expect: 'M' },
  { row: 45, selector: '!(!has(a) || has(b))', labels: { a: 'a' }, expect: 'M' },
  { row: 46, selector: "a == 'a1' || b != 'b1'", labels: { a: 'a1', b: 'b1' }, expect: 'M' },
  { row: 47, selector: "a != 'a1' || b != 'b1'", labels: { a: 'a1', b: 'b1' }, expect: 'N' },
  { row: 48, selector: "! a == 'a1' || ! b == 'b1'", labels: { a: 'a1', b: 'b1' }, expect: 'N' },
  { row: 49, selector: "a != 'a1' && b == 'b1'", labels: { a: 'a1', b: 'b1' }, expect: 'N' },
  { row: 50, selector: 'b == b', expect: 'ERR' },
  { row: 51, selector: 'b contains b', expect: 'ERR' },
  { row: 52, selector: "'b1' == b", expect: 'ERR' },
  { row: 53, selector: 'b', expect: 'ERR' },
  { row: 54, selector: 'a b', expect: 'ERR' },
  { row: 55, selector: '!', expect: 'ERR' },
  { row: 56, selector: 'foo == "bar" &', expect: 'ERR' },
  { row: 57, selector: 'foo in {"", ||', expect: 'ERR' },
  { row: 58, selector: 'foo in ""', expect: 'ERR' },
  { row: 59, selector: '"FOO', expect: 'ERR' },
  { row: 59, selector: "'FOO", expect: 'ERR' },
  { row: 59, selector: `"FOO'`, expect: 'ERR' },
  { row: 60, selector: '(a == "foo"', expect: 'ERR' },
  { row: 60, selector: ')', expect: 'ERR' },
  { row: 60, selector: '()', expect: 'ERR' },
  { row: 61, selector: 'a == "b" && %', expect: 'ERR' },
  { row: 62, selector: 'has(foo) &&', expect: 'ERR' },
  { row: 63, selector: 'label = "value"', expect: 'ERR' },
  { row: 64, selector: 'has()', expect: 'ERR' },
  { row: 64, selector: 'has(foo', expect: 'ERR' },
  { row: 64, selector: 'has( foo ', expect: 'ERR' },
  { row: 64, selector: 'all(', expect: 'ERR' },
  { row: 64, selector: 'global(', expect: 'ERR' },
  { row: 65, selector: 'label starts foo "value"', expect: 'ERR' },
  { row: 65, selector: 'label ends withs "value"', expect: 'ERR' },
  { row: 65, selector: 'label inf "value"', expect: 'ERR' },
  { row: 66, selector: `${L513} == "value"`, expect: 'ERR' },
  { row: 66, selector: `${L512} == "value"`, labels: { [L512]: 'value' }, expect: 'M' },
  { row: 67, selector: 'contains contains "contains"', labels: { contains: 'xcontainsx' }, expect: 'M' },
  { row: 68, selector: `a startswith '"'`, labels: { a: '"x' }, expect: 'M' },
  { row: 69, selector: 'a in {}', labels: { a: '' }, expect: 'N' },
  { row: 70, selector: 'a not in {}', labels: {}, expect: 'M' },
  { row: 71, selector: 'a == ""', labels: { a: '' }, expect: 'M' },
  { row: 72, selector: 'a == "b"\n', expect: 'ERR' },
];

const show = (s: string): string => (s.length > 60 ? `${JSON.stringify(s.slice(0, 24))}…(${s.length} chars)` : JSON.stringify(s));

describe('SPEC §2.6 test vectors', () => {
  it('covers every row 1–72', () => {
    expect(new Set(ROWS.map((r) => r.row)).size).toBe(72);
  });

  for (const r of ROWS) {
    it(`row ${r.row}: ${show(r.selector)} → ${r.expect}`, () => {
      const parsed = parseSelector(r.selector);
      if (r.expect === 'ERR') {
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) {
          expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
          expect(parsed.error.offset + parsed.error.length).toBeLessThanOrEqual(r.selector.length);
          expect(parsed.error.length).toBeGreaterThanOrEqual(1);
        }
        return;
      }
      if (!parsed.ok) throw new Error(`unexpected parse error: ${parsed.error.message}`);
      expect(matchesLabels(parsed.ast, r.labels)).toBe(r.expect === 'M');
      // The canonical text must mean the same thing.
      const again = parseSelector(canonicalSelector(parsed.ast));
      expect(again.ok && matchesLabels(again.ast, r.labels)).toBe(r.expect === 'M');
    });
  }

  it('row 68: `startswith` prints as `starts with`, quoted with \' because the value has "', () => {
    const p = parseSelector(`a startswith '"'`);
    expect(p.ok && canonicalSelector(p.ast)).toBe(`a starts with '"'`);
  });
});
