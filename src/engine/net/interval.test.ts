import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntervalSet } from './interval';

type R = [number, number][];
const S = (rs: R) => IntervalSet.of(rs);
const flat = (s: IntervalSet) => s.ranges().map(([a, b]) => [a, b]);

describe('IntervalSet normal form', () => {
  it.each<[string, R, R]>([
    ['empty input', [], []],
    ['inverted range is empty', [[5, 3]], []],
    ['single point', [[7, 7]], [[7, 7]]],
    ['sorted', [[10, 12], [1, 3]], [[1, 3], [10, 12]]],
    ['overlapping merge', [[1, 5], [3, 9]], [[1, 9]]],
    ['adjacent merge', [[1, 5], [6, 9]], [[1, 9]]],
    ['contained', [[1, 10], [3, 4]], [[1, 10]]],
    ['gap of one kept', [[1, 5], [7, 9]], [[1, 5], [7, 9]]],
    ['chain', [[5, 6], [1, 2], [3, 4], [8, 8]], [[1, 6], [8, 8]]],
  ])('%s', (_n, input, want) => {
    expect(flat(S(input))).toEqual(want);
  });

  it('range and empty', () => {
    expect(flat(IntervalSet.range(1, 65535))).toEqual([[1, 65535]]);
    expect(IntervalSet.range(2, 1).isEmpty()).toBe(true);
    expect(IntervalSet.empty().isEmpty()).toBe(true);
    expect(IntervalSet.point(80).toString()).toBe('80');
  });

  it('rejects non-integers', () => {
    expect(() => IntervalSet.range(1.5, 3)).toThrow(RangeError);
    expect(() => IntervalSet.of([[0, Number.NaN]])).toThrow(RangeError);
  });
});

describe('IntervalSet algebra tables', () => {
  // [a, b, a ∪ b, a ∩ b, a \ b]
  it.each<[R, R, R, R, R]>([
    [[], [], [], [], []],
    [[[1, 10]], [], [[1, 10]], [], [[1, 10]]],
    [[], [[1, 10]], [[1, 10]], [], []],
    [[[1, 10]], [[1, 10]], [[1, 10]], [[1, 10]], []],
    [[[1, 10]], [[5, 20]], [[1, 20]], [[5, 10]], [[1, 4]]],
    [[[1, 10]], [[11, 20]], [[1, 20]], [], [[1, 10]]],
    [[[1, 10]], [[3, 4]], [[1, 10]], [[3, 4]], [[1, 2], [5, 10]]],
    [[[1, 10]], [[1, 1], [10, 10]], [[1, 10]], [[1, 1], [10, 10]], [[2, 9]]],
    [[[1, 3], [7, 9]], [[2, 8]], [[1, 9]], [[2, 3], [7, 8]], [[1, 1], [9, 9]]],
    [[[1, 65535]], [[80, 80]], [[1, 65535]], [[80, 80]], [[1, 79], [81, 65535]]],
    [[[1, 2], [5, 6], [9, 10]], [[2, 5], [10, 12]], [[1, 6], [9, 12]], [[2, 2], [5, 5], [10, 10]], [[1, 1], [6, 6], [9, 9]]],
    [[[5, 5]], [[1, 4], [6, 9]], [[1, 9]], [], [[5, 5]]],
  ])('%j op %j', (a, b, u, i, d) => {
    expect(flat(S(a).union(S(b)))).toEqual(u);
    expect(flat(S(a).intersect(S(b)))).toEqual(i);
    expect(flat(S(a).subtract(S(b)))).toEqual(d);
  });

  it.each<[R, number, boolean]>([
    [[], 0, false],
    [[[1, 3], [7, 9]], 0, false],
    [[[1, 3], [7, 9]], 1, true],
    [[[1, 3], [7, 9]], 3, true],
    [[[1, 3], [7, 9]], 5, false],
    [[[1, 3], [7, 9]], 9, true],
    [[[1, 3], [7, 9]], 10, false],
  ])('%j contains %d = %s', (rs, x, want) => {
    expect(S(rs).contains(x)).toBe(want);
  });

  it('equality, size, text', () => {
    expect(S([[1, 5], [6, 9]]).equals(S([[1, 9]]))).toBe(true);
    expect(S([[1, 5]]).equals(S([[1, 6]]))).toBe(false);
    expect(S([[1, 79], [81, 65535]]).toString()).toBe('1-79,81-65535');
    expect(S([[1, 3], [7, 9]]).size()).toBe(6);
    expect(S([[1, 3], [7, 9]]).rangeCount()).toBe(2);
    expect(S([[4, 9]]).min()).toBe(4);
  });
});

describe('IntervalSet agrees with a naive bitset', () => {
  const arbSet = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 8 })), { maxLength: 6 })
    .map((xs) => xs.map(([lo, w]): [number, number] => [lo, lo + w]));
  const members = (rs: [number, number][]) => {
    const m = new Set<number>();
    for (const [lo, hi] of rs) for (let x = lo; x <= hi; x++) m.add(x);
    return m;
  };
  const check = (s: IntervalSet, want: (x: number) => boolean) => {
    for (let x = -1; x <= 50; x++) expect(s.contains(x)).toBe(want(x));
    // normal form: sorted, non-adjacent
    const rs = s.ranges();
    for (let k = 1; k < rs.length; k++) expect((rs[k] as [number, number])[0]).toBeGreaterThan((rs[k - 1] as [number, number])[1] + 1);
  };

  it('union / intersect / subtract', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        const ma = members(a);
        const mb = members(b);
        check(S(a).union(S(b)), (x) => ma.has(x) || mb.has(x));
        check(S(a).intersect(S(b)), (x) => ma.has(x) && mb.has(x));
        check(S(a).subtract(S(b)), (x) => ma.has(x) && !mb.has(x));
        expect(S(a).equals(S([...a].reverse()))).toBe(true);
      }),
    );
  });
});
