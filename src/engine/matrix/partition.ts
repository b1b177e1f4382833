/**
 * Partition refinement over peer classes and the member lists of class bit sets, for
 * ./evaluation.ts: a direction program is run once per cell of the partition its rules' class
 * sets induce. Kept apart because it is plain bit-set bookkeeping, independent of policies.
 */

/**
 * Partition refinement over peer classes: `cellOf[c]` is the cell of class `c`; classes of one
 * cell have so far been treated alike by every rule seen. Splitting by a set moves its members
 * (or, when cheaper, the members of its complement) to a twin of their cell, which costs the
 * size of the smaller side, not the number of classes.
 */
export class Partition {
  readonly cellOf: Int32Array;
  cells = 1;
  /** Per cell: the twin made for it in the round `stamp` says (cell ids only grow). */
  private readonly twin: number[] = [0];
  private readonly stamp: number[] = [0];
  private round = 0;

  constructor(n: number) {
    this.cellOf = new Int32Array(n);
  }

  private moveTo(m: number, round: number): void {
    const c = this.cellOf[m]!;
    if (this.stamp[c] !== round) {
      this.stamp[c] = round;
      this.twin[c] = this.cells;
      this.twin.push(0);
      this.stamp.push(0);
      this.cells++;
    }
    this.cellOf[m] = this.twin[c]!;
  }

  /** Splits every cell by membership in a set, given the members of the set or of its complement. */
  split(members: Int32Array): void {
    const round = ++this.round;
    for (let i = 0; i < members.length; i++) this.moveTo(members[i]!, round);
  }

  /** Splits the members of `members` by their key (members with equal keys stay together). */
  splitBy(members: Int32Array, key: (m: number) => number): void {
    const rounds = new Map<number, number>();
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      const k = key(m);
      let round = rounds.get(k);
      if (round === undefined) {
        round = ++this.round;
        rounds.set(k, round);
      }
      this.moveTo(m, round);
    }
  }
}

/** The members of a bit set (`complement`: of its complement within 0..n-1), ascending. */
function bitsToList(b: Uint32Array, n: number, complement: boolean, size: number): Int32Array {
  const out = new Int32Array(size);
  let k = 0;
  for (let w = 0; w < b.length; w++) {
    let x = complement ? ~b[w]! : b[w]!;
    if (complement && w === b.length - 1 && (n & 31) !== 0) x &= (1 << (n & 31)) - 1;
    while (x !== 0) {
      const low = x & -x;
      out[k++] = (w << 5) + 31 - Math.clz32(low);
      x ^= low;
    }
  }
  return out;
}

function popcount(b: Uint32Array): number {
  let c = 0;
  for (let w = 0; w < b.length; w++) {
    let x = b[w]! - ((b[w]! >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    c += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return c;
}

/** The members of a class set, or of its complement when that is smaller (either splits the same). */
const splitLists = new WeakMap<Uint32Array, Int32Array | null>();
export function splitList(b: Uint32Array, n: number): Int32Array | null {
  let list = splitLists.get(b);
  if (list === undefined) {
    const size = popcount(b);
    // A set holding every class or none splits nothing.
    list = size === 0 || size === n ? null : size <= n - size ? bitsToList(b, n, false, size) : bitsToList(b, n, true, n - size);
    splitLists.set(b, list);
  }
  return list;
}

/** The members of a class set, ascending (cached per set). */
const memberLists = new WeakMap<Uint32Array, Int32Array>();
export function memberList(b: Uint32Array, n: number): Int32Array {
  let list = memberLists.get(b);
  if (!list) {
    list = bitsToList(b, n, false, popcount(b));
    memberLists.set(b, list);
  }
  return list;
}
