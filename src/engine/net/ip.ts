import ipaddr from 'ipaddr.js';

/** An inclusive range of addresses of one IP version, as integers (bigint covers IPv6). */
export interface IpRange {
  v: 4 | 6;
  lo: bigint;
  hi: bigint;
}

const BITS = { 4: 32n, 6: 128n } as const;

function toBigInt(bytes: number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/**
 * Parses `10.0.0.0/8`, `fd00::/64`, or a bare address (a /32 or /128, as Calico's converter
 * accepts). Host bits are masked off, as Calico normalises CIDRs.
 */
export function parseCidr(text: string): IpRange | { error: string } {
  const s = text.trim();
  try {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    let bits: number;
    if (s.includes('/')) {
      if (!ipaddr.isValidCIDR(s)) return { error: `'${text}' is not a valid CIDR` };
      [addr, bits] = ipaddr.parseCIDR(s);
    } else {
      if (!ipaddr.isValid(s)) return { error: `'${text}' is not a valid IP address or CIDR` };
      addr = ipaddr.parse(s);
      bits = addr.kind() === 'ipv4' ? 32 : 128;
    }
    const v: 4 | 6 = addr.kind() === 'ipv4' ? 4 : 6;
    const width = BITS[v];
    const host = width - BigInt(bits);
    const value = toBigInt(addr.toByteArray());
    const lo = (value >> host) << host;
    const hi = lo + (1n << host) - 1n;
    return { v, lo, hi };
  } catch {
    return { error: `'${text}' is not a valid CIDR` };
  }
}

/** The whole address space of one IP version. */
export function fullRange(v: 4 | 6): IpRange {
  return { v, lo: 0n, hi: (1n << BITS[v]) - 1n };
}

/** True when `inner` lies entirely inside `outer`. */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.v === inner.v && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

/** True when the two ranges share an address. */
export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.v === b.v && a.lo <= b.hi && b.lo <= a.hi;
}

function formatAddress(v: 4 | 6, n: bigint): string {
  const bytes: number[] = [];
  const count = v === 4 ? 4 : 16;
  for (let i = count - 1; i >= 0; i--) bytes.push(Number((n >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** `a.b.c.d-e.f.g.h` (the corpus' range spelling). */
export function formatRange(r: IpRange): string {
  return `${formatAddress(r.v, r.lo)}-${formatAddress(r.v, r.hi)}`;
}

/**
 * `10.0.0.0/8`, `fd00::/64`: the canonical CIDR of a range that is one aligned prefix block
 * (every range {@link parseCidr} returns); any other range in {@link formatRange}'s spelling.
 */
export function formatCidr(r: IpRange): string {
  const size = r.hi - r.lo + 1n;
  let host = 0n;
  while (1n << host < size) host++;
  if (1n << host !== size || (r.lo >> host) << host !== r.lo) return formatRange(r);
  return `${formatAddress(r.v, r.lo)}/${BITS[r.v] - host}`;
}

/**
 * Splits the address space of each version into disjoint blocks at every boundary of the given
 * ranges, so that each block is either wholly inside or wholly outside every given range
 * (SPEC §4.8 / corpus README: every address in a block behaves the same).
 */
export function splitAddressSpace(ranges: readonly IpRange[], versions: readonly (4 | 6)[] = [4]): IpRange[] {
  const out: IpRange[] = [];
  for (const v of versions) {
    const full = fullRange(v);
    const cuts = new Set<bigint>([full.lo, full.hi + 1n]);
    for (const r of ranges) {
      if (r.v !== v) continue;
      cuts.add(r.lo);
      cuts.add(r.hi + 1n);
    }
    const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i + 1 < sorted.length; i++) {
      const lo = sorted[i]!;
      const next = sorted[i + 1]!;
      out.push({ v, lo, hi: next - 1n });
    }
  }
  return out;
}
