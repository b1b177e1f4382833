/**
 * Immutable sets of integers stored as sorted, disjoint, inclusive intervals.
 *
 * The connection sets of the evaluator (ports, ICMP type/code pairs) hold a handful of
 * intervals each, so the representation is a flat `[lo0, hi0, lo1, hi1, ...]` array and the
 * operations are linear merges: no trees, no allocation beyond the result.
 *
 * Normal form: intervals are sorted, non-empty, disjoint and never adjacent (`[1,5]` and
 * `[6,9]` are stored as `[1,9]`). Two sets are equal exactly when their arrays are equal.
 */
export class IntervalSet {
  private static readonly EMPTY = new IntervalSet([]);

  /** Flat bounds `[lo0, hi0, lo1, hi1, ...]`, in normal form. */
  private readonly b: readonly number[];
  private cachedRanges: readonly (readonly [number, number])[] | undefined;

  private constructor(bounds: readonly number[]) {
    this.b = bounds;
  }

  /** The empty set. */
  static empty(): IntervalSet {
    return IntervalSet.EMPTY;
  }

  /**
   * The set `{lo, ..., hi}`. Empty when `lo > hi`.
   * @throws RangeError when a bound is not a safe integer.
   */
  static range(lo: number, hi: number): IntervalSet {
    checkInt(lo);
    checkInt(hi);
    return lo > hi ? IntervalSet.EMPTY : new IntervalSet([lo, hi]);
  }

  /** A single integer. */
  static point(x: number): IntervalSet {
    return IntervalSet.range(x, x);
  }

  /**
   * The union of the given inclusive ranges, in any order, overlapping or not.
   * Ranges with `lo > hi` are empty and ignored.
   * @throws RangeError when a bound is not a safe integer.
   */
  static of(ranges: readonly (readonly [number, number])[]): IntervalSet {
    const rs: [number, number][] = [];
    for (const [lo, hi] of ranges) {
      checkInt(lo);
      checkInt(hi);
      if (lo <= hi) rs.push([lo, hi]);
    }
    if (rs.length === 0) return IntervalSet.EMPTY;
    rs.sort((x, y) => x[0] - y[0]);
    const out: number[] = [];
    for (const [lo, hi] of rs) {
      const n = out.length;
      // Merge overlapping and adjacent ranges (hi + 1 === lo) to keep the normal form.
      if (n > 0 && lo <= (out[n - 1] as number) + 1) {
        if (hi > (out[n - 1] as number)) out[n - 1] = hi;
      } else {
        out.push(lo, hi);
      }
    }
    return new IntervalSet(out);
  }

  /** Elements in either set. */
  union(o: IntervalSet): IntervalSet {
    if (this.b.length === 0) return o;
    if (o.b.length === 0) return this;
    const a = this.b;
    const c = o.b;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < c.length) {
      let lo: number;
      let hi: number;
      if (j >= c.length || (i < a.length && (a[i] as number) <= (c[j] as number))) {
        lo = a[i] as number;
        hi = a[i + 1] as number;
        i += 2;
      } else {
        lo = c[j] as number;
        hi = c[j + 1] as number;
        j += 2;
      }
      const n = out.length;
      if (n > 0 && lo <= (out[n - 1] as number) + 1) {
        if (hi > (out[n - 1] as number)) out[n - 1] = hi;
      } else {
        out.push(lo, hi);
      }
    }
    return IntervalSet.wrap(out, this, o);
  }

  /** Elements in both sets. */
  intersect(o: IntervalSet): IntervalSet {
    const a = this.b;
    const c = o.b;
    if (a.length === 0 || c.length === 0) return IntervalSet.EMPTY;
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < c.length) {
      const lo = Math.max(a[i] as number, c[j] as number);
      const ahi = a[i + 1] as number;
      const chi = c[j + 1] as number;
      const hi = Math.min(ahi, chi);
      if (lo <= hi) out.push(lo, hi);
      // Advance whichever interval ends first; the other may still meet the next one.
      if (ahi < chi) i += 2;
      else j += 2;
    }
    return IntervalSet.wrap(out, this, o);
  }

  /** Elements of this set that are not in `o`. */
  subtract(o: IntervalSet): IntervalSet {
    const a = this.b;
    const c = o.b;
    if (a.length === 0 || c.length === 0) return this;
    const out: number[] = [];
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      let lo = a[i] as number;
      const hi = a[i + 1] as number;
      // Skip holes that end before this interval starts.
      while (j < c.length && (c[j + 1] as number) < lo) j += 2;
      let k = j;
      while (k < c.length && (c[k] as number) <= hi && lo <= hi) {
        const clo = c[k] as number;
        const chi = c[k + 1] as number;
        if (clo > lo) out.push(lo, clo - 1);
        lo = chi + 1;
        k += 2;
      }
      if (lo <= hi) out.push(lo, hi);
    }
    return IntervalSet.wrap(out, this, o);
  }

  /** True when the set has no element. */
  isEmpty(): boolean {
    return this.b.length === 0;
  }

  /** Value equality (the normal form makes this a plain array comparison). */
  equals(o: IntervalSet): boolean {
    if (this === o) return true;
    const a = this.b;
    const c = o.b;
    if (a.length !== c.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== c[i]) return false;
    return true;
  }

  /** True when every element of this set is in `o`. */
  isSubsetOf(o: IntervalSet): boolean {
    return this.subtract(o).isEmpty();
  }

  /** Membership test (binary search over the intervals). */
  contains(x: number): boolean {
    const a = this.b;
    let lo = 0;
    let hi = a.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (x < (a[2 * mid] as number)) hi = mid - 1;
      else if (x > (a[2 * mid + 1] as number)) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** The intervals, sorted, disjoint and non-adjacent. */
  ranges(): readonly (readonly [number, number])[] {
    if (this.cachedRanges === undefined) {
      const rs: (readonly [number, number])[] = [];
      for (let i = 0; i < this.b.length; i += 2) rs.push([this.b[i] as number, this.b[i + 1] as number]);
      this.cachedRanges = Object.freeze(rs);
    }
    return this.cachedRanges;
  }

  /** Number of intervals. */
  rangeCount(): number {
    return this.b.length / 2;
  }

  /** Number of integers in the set. */
  size(): number {
    let n = 0;
    for (let i = 0; i < this.b.length; i += 2) n += (this.b[i + 1] as number) - (this.b[i] as number) + 1;
    return n;
  }

  /** Smallest element, or undefined when empty. */
  min(): number | undefined {
    return this.b[0];
  }

  /** `1-79,81-65535` style text; `80` for a single point; empty string for the empty set. */
  toString(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.b.length; i += 2) {
      const lo = this.b[i] as number;
      const hi = this.b[i + 1] as number;
      parts.push(lo === hi ? String(lo) : `${lo}-${hi}`);
    }
    return parts.join(',');
  }

  /** Reuse an operand when the result equals it, so identity checks stay cheap. */
  private static wrap(out: number[], x: IntervalSet, y: IntervalSet): IntervalSet {
    if (out.length === 0) return IntervalSet.EMPTY;
    const r = new IntervalSet(out);
    if (r.equals(x)) return x;
    if (r.equals(y)) return y;
    return r;
  }
}

function checkInt(x: number): void {
  if (!Number.isSafeInteger(x)) throw new RangeError(`interval bound ${String(x)} is not a safe integer`);
}
