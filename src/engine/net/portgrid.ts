/**
 * The (source port × destination port) plane of one port protocol (TCP, UDP, SCTP) when the
 * source port matters (SPEC §3.1/§3.2 step 4: `source.ports` / `source.notPorts`).
 *
 * Representation: the source axis 1..65535 cut into consecutive segments, each with the set
 * of destination ports allowed from every source port of that segment. Canonical: the first
 * segment starts at 1, adjacent segments have different destination sets. A plane whose
 * destination set is the same for every source port is NOT a grid: `PortGrid.make` returns
 * that destination {@link IntervalSet} instead, so the common case (no source-port condition
 * anywhere) stays a plain interval set and costs what it cost before source ports existed.
 */
import { IntervalSet } from './interval';
// Source ports span the same range as destination ports (SPEC §3.1).
import { PORT_DOMAIN as SRC_DOMAIN, PORT_MAX as SRC_MAX, PORT_MIN as SRC_MIN } from './protocol';

/** One protocol's port dimension: destination ports only, or a grid that depends on the source port. */
export type PortPlane = IntervalSet | PortGrid;

/** Plain-data form of a grid: `[srcLo, srcHi, destination ranges]` per segment, ascending. */
export type PortGridJSON = [number, number, [number, number][]][];

export class PortGrid {
  /** `starts[i]`: first source port of segment i (`starts[0] === 1`); the segment ends before `starts[i + 1]` (or at 65535). */
  private readonly starts: readonly number[];
  private readonly dsts: readonly IntervalSet[];

  private constructor(starts: readonly number[], dsts: readonly IntervalSet[]) {
    this.starts = starts;
    this.dsts = dsts;
  }

  /** Canonical plane from segments (`starts[0]` must be 1): merges equal neighbours; one segment → its interval set. */
  private static make(starts: number[], dsts: IntervalSet[]): PortPlane {
    const s: number[] = [];
    const d: IntervalSet[] = [];
    for (let i = 0; i < starts.length; i++) {
      const x = dsts[i]!;
      if (d.length > 0 && d[d.length - 1]!.equals(x)) continue;
      s.push(starts[i]!);
      d.push(x);
    }
    return d.length === 1 ? d[0]! : new PortGrid(s, d);
  }

  /** Destination ports `dst` from source ports `src` (both clipped to 1..65535), nothing from other source ports. */
  static of(src: IntervalSet, dst: IntervalSet): PortPlane {
    const within = src.intersect(SRC_DOMAIN);
    if (within.isEmpty() || dst.isEmpty()) return IntervalSet.empty();
    const starts: number[] = [];
    const dsts: IntervalSet[] = [];
    let next = SRC_MIN; // first source port not yet covered by a segment
    for (const [lo, hi] of within.ranges()) {
      if (lo > next) {
        starts.push(next);
        dsts.push(IntervalSet.empty());
      }
      starts.push(lo);
      dsts.push(dst);
      next = hi + 1;
    }
    if (next <= SRC_MAX) {
      starts.push(next);
      dsts.push(IntervalSet.empty());
    }
    return PortGrid.make(starts, dsts);
  }

  /**
   * Applies a destination-set operation segment by segment. An interval-set operand is the
   * same destination set for every source port. Both interval sets: the plain operation.
   */
  static combine(a: PortPlane, b: PortPlane, op: (x: IntervalSet, y: IntervalSet) => IntervalSet): PortPlane {
    if (a instanceof IntervalSet && b instanceof IntervalSet) return op(a, b);
    const [as, ad] = a instanceof PortGrid ? [a.starts, a.dsts] : [[SRC_MIN], [a]];
    const [bs, bd] = b instanceof PortGrid ? [b.starts, b.dsts] : [[SRC_MIN], [b]];
    const starts: number[] = [];
    const dsts: IntervalSet[] = [];
    let i = 0;
    let j = 0;
    // Walk the union of both boundary lists; each step is a segment where both sides are constant.
    while (i < as.length && j < bs.length) {
      starts.push(Math.max(as[i]!, bs[j]!));
      dsts.push(op(ad[i]!, bd[j]!));
      const ai = i + 1 < as.length ? as[i + 1]! : SRC_MAX + 1;
      const bj = j + 1 < bs.length ? bs[j + 1]! : SRC_MAX + 1;
      if (ai <= bj) i++;
      if (bj <= ai) j++;
    }
    return PortGrid.make(starts, dsts);
  }

  /** Value equality (both canonical). */
  equals(o: PortGrid): boolean {
    if (this === o) return true;
    if (this.starts.length !== o.starts.length) return false;
    for (let i = 0; i < this.starts.length; i++) {
      if (this.starts[i] !== o.starts[i] || !this.dsts[i]!.equals(o.dsts[i]!)) return false;
    }
    return true;
  }

  /** The destination ports allowed from one source port (empty outside 1..65535). */
  at(src: number): IntervalSet {
    if (!Number.isInteger(src) || src < SRC_MIN || src > SRC_MAX) return IntervalSet.empty();
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= src) lo = mid;
      else hi = mid - 1;
    }
    return this.dsts[lo]!;
  }

  /** Destination ports allowed from every source port. */
  everywhere(): IntervalSet {
    return this.dsts.reduce((acc, d) => acc.intersect(d));
  }

  /** Destination ports allowed from some source port. */
  somewhere(): IntervalSet {
    return this.dsts.reduce((acc, d) => acc.union(d));
  }

  /**
   * The grid as pieces "these source ports → these destination ports", grouping the segments
   * with equal destination sets; empty destination sets are left out. Ordered by lowest source port.
   */
  pieces(): { src: IntervalSet; dst: IntervalSet }[] {
    const out: { src: IntervalSet; dst: IntervalSet; ranges: [number, number][] }[] = [];
    for (let i = 0; i < this.starts.length; i++) {
      const d = this.dsts[i]!;
      if (d.isEmpty()) continue;
      const r: [number, number] = [this.starts[i]!, i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : SRC_MAX];
      const same = out.find((p) => p.dst.equals(d));
      if (same) same.ranges.push(r);
      else out.push({ src: IntervalSet.empty(), dst: d, ranges: [r] });
    }
    return out.map((p) => ({ src: IntervalSet.of(p.ranges), dst: p.dst }));
  }

  /** Plain data (see {@link PortGridJSON}). */
  toJSON(): PortGridJSON {
    return this.starts.map((s, i) => [s, i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : SRC_MAX,
      this.dsts[i]!.ranges().map(([lo, hi]): [number, number] => [lo, hi])]);
  }

  /**
   * Rebuilds a plane from {@link toJSON} output: the segments must cover 1..65535 in order;
   * destination ranges are normalised. @throws RangeError / TypeError on malformed data.
   */
  static fromJSON(j: PortGridJSON, dstDomain: IntervalSet): PortPlane {
    if (!Array.isArray(j) || j.length === 0) throw new TypeError('not a PortGridJSON');
    const starts: number[] = [];
    const dsts: IntervalSet[] = [];
    let next = SRC_MIN;
    for (const seg of j) {
      if (!Array.isArray(seg) || seg.length !== 3 || !Array.isArray(seg[2])) throw new TypeError('not a PortGridJSON segment');
      const [lo, hi, rs] = seg;
      if (lo !== next || !Number.isInteger(hi) || hi < lo || hi > SRC_MAX) throw new RangeError(`source segment ${String(lo)}-${String(hi)} does not continue at ${next}`);
      const d = IntervalSet.of(rs);
      if (!d.isSubsetOf(dstDomain)) throw new RangeError('destination ports out of range');
      starts.push(lo);
      dsts.push(d);
      next = hi + 1;
    }
    if (next !== SRC_MAX + 1) throw new RangeError('source segments do not reach 65535');
    return PortGrid.make(starts, dsts);
  }

  /** Debug text: `{src 1-150: 1-65535; src 151: 101-104}`. */
  toString(): string {
    return `{${this.pieces().map((p) => `src ${p.src.toString()}: ${p.dst.toString()}`).join('; ')}}`;
  }
}
