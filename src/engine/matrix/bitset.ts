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

/** Adds `i`. */
export function setBit(b: Uint32Array, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}
