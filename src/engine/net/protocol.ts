/**
 * The protocol universe of connection sets (SPEC §3.1): protocol numbers and names, which
 * protocols have ports or ICMP type/code, and the whole dimension of each.
 */
import { IntervalSet } from './interval';

/** Protocol numbers that have names in Calico (SPEC §3.1). */
export const PROTO = { TCP: 6, UDP: 17, ICMP: 1, ICMPv6: 58, SCTP: 132, UDPLite: 136 } as const;

/** Lowest protocol number in the universe (SPEC §3.1: Calico accepts 1–255). */
export const PROTO_MIN = 1;
/** Highest protocol number in the universe. */
export const PROTO_MAX = 255;
/** Lowest destination port of TCP, UDP and SCTP. */
export const PORT_MIN = 1;
/** Highest destination port of TCP, UDP and SCTP. */
export const PORT_MAX = 65535;
/**
 * Highest ICMP type. SPEC §3.1: type is 0–254 (255 is reserved and cannot be named in a rule),
 * and NCA uses the same range (`icmp_type:0-203,205-254` in the corpus), so "all of ICMP" is
 * types 0–254 and a packet of type 255 is outside the model.
 */
export const ICMP_TYPE_MAX = 254;
/** Highest ICMP code (SPEC §3.1). */
export const ICMP_CODE_MAX = 255;

const NAME_BY_NUMBER = new Map<number, string>(Object.entries(PROTO).map(([k, v]) => [v, k]));
const NUMBER_BY_LOWER = new Map<string, number>(Object.entries(PROTO).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * Protocol number from a Calico `protocol` value: one of the names of {@link PROTO}
 * (case-insensitive, SPEC §3.1), a decimal string, or a number. Undefined when unknown or
 * outside 1..255.
 */
export function protocolNumber(nameOrNumber: string | number): number | undefined {
  let n: number | undefined;
  if (typeof nameOrNumber === 'number') n = nameOrNumber;
  else {
    const s = nameOrNumber.trim();
    n = /^\d+$/.test(s) ? Number(s) : NUMBER_BY_LOWER.get(s.toLowerCase());
  }
  return n !== undefined && Number.isInteger(n) && n >= PROTO_MIN && n <= PROTO_MAX ? n : undefined;
}

/** `TCP`, `UDP`, `ICMP`, `ICMPv6`, `SCTP`, `UDPLite`, or the number as a string. */
export function protocolName(n: number): string {
  return NAME_BY_NUMBER.get(n) ?? String(n);
}

/** True for the protocols with a destination-port dimension: TCP, UDP, SCTP (SPEC §3.1). */
export function hasPorts(proto: number): boolean {
  return proto === PROTO.TCP || proto === PROTO.UDP || proto === PROTO.SCTP;
}

/** True for ICMP and ICMPv6, whose dimension is (type, code). */
export function isIcmp(proto: number): boolean {
  return proto === PROTO.ICMP || proto === PROTO.ICMPv6;
}

/** Encodes an ICMP (type, code) pair as one integer of the ICMP dimension. */
export function icmpKey(type: number, code: number): number {
  return type * 256 + code;
}

/** Every port of TCP, UDP or SCTP: the whole destination (and source) port dimension. */
export const PORT_DOMAIN = IntervalSet.range(PORT_MIN, PORT_MAX);
/** Every ICMP key (types 0..254, any code): the whole ICMP dimension. */
export const ICMP_DOMAIN = IntervalSet.range(0, icmpKey(ICMP_TYPE_MAX, ICMP_CODE_MAX));
/** All-or-nothing protocols have a one-point dimension, so one code path serves all three kinds. */
const UNIT_DOMAIN = IntervalSet.point(0);

/**
 * The whole dimension of a protocol: ports 1..65535, ICMP keys for types 0..254, or the
 * single point 0 for a protocol without ports.
 */
export function protocolDomain(proto: number): IntervalSet {
  return hasPorts(proto) ? PORT_DOMAIN : isIcmp(proto) ? ICMP_DOMAIN : UNIT_DOMAIN;
}
