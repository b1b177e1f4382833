/** Fixed-size bit sets over small integers (peer class ids), as 32-bit words. */

/** An empty set able to hold 0..n-1. */
export function emptyBits(n: number): Uint32Array {
  return new Uint32Array((n + 31) >>> 5);
}

/** The set {0..n-1}. */
export function fullBits(n: number): Uint32Array {
  const b = emptyBits(n);
  b.fill(0xffffffff);
  const rest = n & 31;
  if (rest !== 0) b[b.length - 1] = (1 << rest) - 1;
  return b;
}

/** True when `i` is in the set. */
export function hasBit(b: Uint32Array, i: number): boolean {
  return ((b[i >>> 5]! >>> (i & 31)) & 1) === 1;
}

/** Adds `i`. */
export function setBit(b: Uint32Array, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}

/** The members in ascending order. */
export function bitMembers(b: Uint32Array): number[] {
  const out: number[] = [];
  for (let w = 0; w < b.length; w++) {
    let x = b[w]!;
    while (x !== 0) {
      const low = x & -x;
      out.push((w << 5) + 31 - Math.clz32(low));
      x ^= low;
    }
  }
  return out;
}

/** The smallest member, or -1. */
export function firstBit(b: Uint32Array): number {
  for (let w = 0; w < b.length; w++) {
    const x = b[w]!;
    if (x !== 0) return (w << 5) + 31 - Math.clz32(x & -x);
  }
  return -1;
}

/** True when `a` and `b` hold the same members. */
export function sameBits(a: Uint32Array, b: Uint32Array): boolean {
  if (a === b) return true;
  for (let w = 0; w < a.length; w++) if (a[w] !== b[w]) return false;
  return true;
}
