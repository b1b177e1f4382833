/**
 * The symbolic connection set: which (protocol, destination port) and (ICMP protocol, type,
 * code) combinations are allowed between two endpoints. Exact, immutable, with set algebra.
 *
 * Model (SPEC §3.1, §4.1): protocols are the numbers 1..255. TCP, UDP and SCTP have two more
 * dimensions, the source and the destination port 1..65535; while no source-port condition is
 * involved their set is a plain destination-port interval set, otherwise a {@link PortGrid}
 * (SPEC §3.2 step 4). ICMP and ICMPv6 have (type 0..254, code 0..255), encoded as one integer
 * `type * 256 + code` so that "type 8, any code" is a single interval. Every other protocol is
 * all-or-nothing.
 */
import { IntervalSet } from './interval';
import { PortGrid, type PortGridJSON, type PortPlane } from './portgrid';

export * from './protocol';
import { hasPorts, ICMP_CODE_MAX, ICMP_DOMAIN, ICMP_TYPE_MAX, icmpKey, isIcmp, PORT_DOMAIN, PORT_MAX, PORT_MIN, PROTO_MAX, PROTO_MIN, protocolDomain, protocolName } from './protocol';

/** Plain-data form of a {@link ConnSet}: survives JSON, postMessage and structuredClone. */
export interface ConnSetJSON {
  /** Whether protocols not listed in `entries` or `bySource` are wholly included (true) or absent (false). */
  rest: boolean;
  /** Protocols whose set differs from `rest`, ascending: [protocol, inclusive ranges of its dimension]. */
  entries: [number, [number, number][]][];
  /** Port protocols whose set depends on the source port, ascending (absent when none): [protocol, segments]. */
  bySource?: [number, PortGridJSON][];
}

/** True when a plane is empty (a grid never is: it would have been one empty interval set). */
function planeEmpty(s: PortPlane): boolean {
  return s instanceof IntervalSet && s.isEmpty();
}

/** True when a plane is the whole dimension of its protocol (a grid never is). */
function planeWhole(p: number, s: PortPlane): boolean {
  return s instanceof IntervalSet && s.equals(protocolDomain(p));
}

function planeEquals(a: PortPlane, b: PortPlane): boolean {
  if (a instanceof IntervalSet) return b instanceof IntervalSet && a.equals(b);
  return b instanceof PortGrid && a.equals(b);
}

function checkProto(proto: number): void {
  if (!Number.isInteger(proto) || proto < PROTO_MIN || proto > PROTO_MAX) {
    throw new RangeError(`protocol ${String(proto)} is not in ${PROTO_MIN}..${PROTO_MAX}`);
  }
}

/**
 * An immutable set of connections. Representation: a default for "every other protocol"
 * (`rest`: all or nothing) plus the protocols whose set differs from that default. This keeps
 * both "TCP 80" and "everything except TCP 80" small, and makes complement O(entries).
 * The form is canonical (the default is the majority; an entry never equals it), so
 * equality is structural.
 */
export class ConnSet {
  private static readonly NONE = new ConnSet(false, new Map());
  private static readonly ALL = new ConnSet(true, new Map());

  private readonly rest: boolean;
  private readonly entries: ReadonlyMap<number, PortPlane>;

  private constructor(rest: boolean, entries: ReadonlyMap<number, PortPlane>) {
    this.rest = rest;
    this.entries = entries;
  }

  /**
   * Builds the canonical set. `rest` must be a function of the set, not of how it was built,
   * or "TCP, UDP, ... one by one" and "all but X" would differ structurally: it is the
   * majority among the protocols that are whole or absent (ties: absent). Entries equal to
   * the default are dropped.
   */
  private static make(rest: boolean, entries: Map<number, PortPlane>): ConnSet {
    let whole = 0;
    let empty = 0;
    for (const [p, s] of entries) {
      const isWhole = planeWhole(p, s);
      const isEmpty = planeEmpty(s);
      if (rest ? isWhole : isEmpty) entries.delete(p);
      else if (isWhole) whole++;
      else if (isEmpty) empty++;
    }
    const defaults = PROTO_MAX - PROTO_MIN + 1 - entries.size;
    if (rest) whole += defaults;
    else empty += defaults;
    const wantRest = whole > empty;
    if (wantRest !== rest) {
      // Flip the default: materialise the old default for unlisted protocols, drop the new one.
      for (let p = PROTO_MIN; p <= PROTO_MAX; p++) {
        const s = entries.get(p) ?? (rest ? protocolDomain(p) : IntervalSet.empty());
        if (wantRest ? planeWhole(p, s) : planeEmpty(s)) entries.delete(p);
        else entries.set(p, s);
      }
      rest = wantRest;
    }
    if (entries.size === 0) return rest ? ConnSet.ALL : ConnSet.NONE;
    return new ConnSet(rest, entries);
  }

  /** No connection at all. */
  static none(): ConnSet {
    return ConnSet.NONE;
  }

  /** Every protocol 1..255 with every port / ICMP type and code. */
  static all(): ConnSet {
    return ConnSet.ALL;
  }

  /** All of one protocol. @throws RangeError when `proto` is not in 1..255. */
  static protocol(proto: number): ConnSet {
    checkProto(proto);
    return ConnSet.make(false, new Map([[proto, protocolDomain(proto)]]));
  }

  /**
   * Some destination ports of TCP, UDP or SCTP, from every source port or only from
   * `srcPorts`; ports outside 1..65535 are dropped.
   * @throws RangeError when the protocol has no ports.
   */
  static ports(proto: number, ports: IntervalSet, srcPorts?: IntervalSet): ConnSet {
    checkProto(proto);
    if (!hasPorts(proto)) throw new RangeError(`protocol ${protocolName(proto)} has no ports (SPEC §3.1)`);
    const dst = ports.intersect(PORT_DOMAIN);
    return ConnSet.make(false, new Map([[proto, srcPorts === undefined ? dst : PortGrid.of(srcPorts, dst)]]));
  }

  /**
   * ICMP or ICMPv6: the whole protocol (no type), every code of one type, or one (type, code).
   * @throws RangeError for a non-ICMP protocol, a type outside 0..254, a code outside 0..255,
   *   or a code without a type (SPEC §3.1: `code` requires `type`).
   */
  static icmp(proto: number, type?: number, code?: number): ConnSet {
    checkProto(proto);
    if (!isIcmp(proto)) throw new RangeError(`protocol ${protocolName(proto)} is not ICMP or ICMPv6`);
    if (type === undefined) {
      if (code !== undefined) throw new RangeError('an ICMP code requires a type (SPEC §3.1)');
      return ConnSet.protocol(proto);
    }
    return ConnSet.make(false, new Map([[proto, icmpSet(type, code)]]));
  }

  /**
   * ICMP or ICMPv6 restricted to a set of encoded `type * 256 + code` keys (see {@link icmpKey});
   * keys outside the domain are dropped. For parsers that build type/code products.
   */
  static icmpKeys(proto: number, keys: IntervalSet): ConnSet {
    checkProto(proto);
    if (!isIcmp(proto)) throw new RangeError(`protocol ${protocolName(proto)} is not ICMP or ICMPv6`);
    return ConnSet.make(false, new Map([[proto, keys.intersect(ICMP_DOMAIN)]]));
  }

  private get(p: number): PortPlane {
    return this.entries.get(p) ?? (this.rest ? protocolDomain(p) : IntervalSet.empty());
  }

  /** Applies a per-protocol operation (segment-wise on grids); `rest` combines the defaults the same way. */
  private combine(o: ConnSet, rest: boolean, op: (a: IntervalSet, b: IntervalSet) => IntervalSet): ConnSet {
    const out = new Map<number, PortPlane>();
    for (const p of this.entries.keys()) out.set(p, PortGrid.combine(this.get(p), o.get(p), op));
    for (const p of o.entries.keys()) if (!out.has(p)) out.set(p, PortGrid.combine(this.get(p), o.get(p), op));
    return ConnSet.make(rest, out);
  }

  /** Connections in either set. */
  union(o: ConnSet): ConnSet {
    if (this.isEmpty() || o.isAll()) return o;
    if (o.isEmpty() || this.isAll()) return this;
    return this.combine(o, this.rest || o.rest, (a, b) => a.union(b));
  }

  /** Connections in both sets. */
  intersect(o: ConnSet): ConnSet {
    if (this.isEmpty() || o.isAll()) return this;
    if (o.isEmpty() || this.isAll()) return o;
    return this.combine(o, this.rest && o.rest, (a, b) => a.intersect(b));
  }

  /** Connections of this set that are not in `o`. */
  subtract(o: ConnSet): ConnSet {
    if (this.isEmpty() || o.isEmpty()) return this;
    if (o.isAll()) return ConnSet.NONE;
    return this.combine(o, this.rest && !o.rest, (a, b) => a.subtract(b));
  }

  /** Every connection (of the 1..255 universe) that is not in this set. */
  complement(): ConnSet {
    const out = new Map<number, PortPlane>();
    for (const [p, s] of this.entries) out.set(p, PortGrid.combine(protocolDomain(p), s, (a, b) => a.subtract(b)));
    return ConnSet.make(!this.rest, out);
  }

  /** True when no connection is allowed. */
  isEmpty(): boolean {
    return !this.rest && this.entries.size === 0;
  }

  /** True when every connection of the 1..255 universe is allowed. */
  isAll(): boolean {
    return this.rest && this.entries.size === 0;
  }

  /** Value equality. */
  equals(o: ConnSet): boolean {
    if (this === o) return true;
    if (this.rest !== o.rest || this.entries.size !== o.entries.size) return false;
    for (const [p, s] of this.entries) {
      const t = o.entries.get(p);
      if (t === undefined || !planeEquals(s, t)) return false;
    }
    return true;
  }

  /** True when every connection of this set is in `o`. */
  isSubsetOf(o: ConnSet): boolean {
    return this.subtract(o).isEmpty();
  }

  /**
   * True when the flow is allowed. An omitted dimension means "all of it": `containsFlow(6)`
   * asks whether every TCP port is allowed from every source port, `containsFlow(6, 80)`
   * whether port 80 is allowed from every source port, `containsFlow(1, 8)` whether every
   * code of ICMP type 8 is; i.e. the answer equals `flowSet ⊆ this`. Values out of range, and
   * an ICMP code without a type (SPEC §3.1: `code` requires `type`), give false. The ports are
   * ignored for protocols without ports, the ICMP fields for non-ICMP protocols.
   */
  containsFlow(proto: number, port?: number, icmpType?: number, icmpCode?: number, srcPort?: number): boolean {
    if (!Number.isInteger(proto) || proto < PROTO_MIN || proto > PROTO_MAX) return false;
    const plane = this.get(proto);
    if (hasPorts(proto)) {
      if (srcPort !== undefined && !(Number.isInteger(srcPort) && srcPort >= PORT_MIN && srcPort <= PORT_MAX)) return false;
      const s = plane instanceof PortGrid ? (srcPort === undefined ? plane.everywhere() : plane.at(srcPort)) : plane;
      if (port === undefined) return s.equals(PORT_DOMAIN);
      return s.contains(port);
    }
    const s = plane as IntervalSet; // only port protocols have grids
    if (isIcmp(proto)) {
      if (icmpType === undefined) return icmpCode === undefined && s.equals(ICMP_DOMAIN);
      if (!validIcmp(icmpType, icmpCode)) return false;
      return icmpCode === undefined ? icmpSet(icmpType).isSubsetOf(s) : s.contains(icmpKey(icmpType, icmpCode));
    }
    return !s.isEmpty();
  }

  /** The protocols with at least one allowed connection, ascending. */
  protocols(): number[] {
    const out: number[] = [];
    if (this.rest) {
      for (let p = PROTO_MIN; p <= PROTO_MAX; p++) if (!planeEmpty(this.get(p))) out.push(p);
    } else {
      for (const p of this.entries.keys()) out.push(p);
      out.sort((a, b) => a - b);
    }
    return out;
  }

  /**
   * The allowed values of one protocol's dimension: destination ports for TCP/UDP/SCTP (those
   * allowed from every source port, see {@link sourcePortPieces}), encoded `type * 256 + code`
   * keys for ICMP/ICMPv6, and `{0}` (allowed) or empty for the rest.
   */
  portsOf(proto: number): IntervalSet {
    if (!Number.isInteger(proto) || proto < PROTO_MIN || proto > PROTO_MAX) return IntervalSet.empty();
    const s = this.get(proto);
    return s instanceof PortGrid ? s.everywhere() : s;
  }

  /** True when the allowed destination ports of `proto` depend on the source port (SPEC §3.2 step 4). */
  dependsOnSourcePort(proto: number): boolean {
    return Number.isInteger(proto) && proto >= PROTO_MIN && proto <= PROTO_MAX && this.get(proto) instanceof PortGrid;
  }

  /** True when some protocol's allowed destination ports depend on the source port. */
  constrainsSourcePorts(): boolean {
    for (const s of this.entries.values()) if (s instanceof PortGrid) return true;
    return false;
  }

  /**
   * A port protocol's set as pieces "from these source ports, these destination ports" with
   * disjoint source sets (destination sets differ between pieces); one piece with every source
   * port when the source port does not matter; none when nothing of `proto` is allowed.
   */
  sourcePortPieces(proto: number): { src: IntervalSet; dst: IntervalSet }[] {
    const s = this.get(proto);
    if (s instanceof PortGrid) return s.pieces();
    return s.isEmpty() ? [] : [{ src: PORT_DOMAIN, dst: s }];
  }

  /** True when the whole of `proto` is allowed. */
  hasWholeProtocol(proto: number): boolean {
    return this.portsOf(proto).equals(protocolDomain(proto));
  }

  /** Plain data (see {@link ConnSetJSON}); `JSON.stringify` uses it too. */
  toJSON(): ConnSetJSON {
    const keys = [...this.entries.keys()].sort((a, b) => a - b);
    const entries: ConnSetJSON['entries'] = [];
    const bySource: [number, PortGridJSON][] = [];
    for (const p of keys) {
      const s = this.get(p);
      if (s instanceof PortGrid) bySource.push([p, s.toJSON()]);
      else entries.push([p, s.ranges().map(([lo, hi]): [number, number] => [lo, hi])]);
    }
    return bySource.length === 0 ? { rest: this.rest, entries } : { rest: this.rest, entries, bySource };
  }

  /**
   * Rebuilds a set from {@link toJSON} output (any non-canonical but valid input is normalised).
   * @throws RangeError / TypeError on malformed data.
   */
  static fromJSON(j: ConnSetJSON): ConnSet {
    if (typeof j !== 'object' || j === null || typeof j.rest !== 'boolean' || !Array.isArray(j.entries)
      || (j.bySource !== undefined && !Array.isArray(j.bySource))) {
      throw new TypeError('not a ConnSetJSON');
    }
    const out = new Map<number, PortPlane>();
    const lists: [readonly [number, unknown[]][], boolean][] = [[j.entries, true], [j.bySource ?? [], false]];
    for (const [list, plain] of lists) {
      for (const e of list) {
        if (!Array.isArray(e) || !Array.isArray(e[1])) throw new TypeError('not a ConnSetJSON entry');
        const p = e[0];
        checkProto(p);
        if (out.has(p)) throw new RangeError(`protocol ${p} listed twice`);
        out.set(p, readPlane(p, e[1], plain));
      }
    }
    return ConnSet.make(j.rest, out);
  }

  /** A canonical string, usable as a map key (equal sets give equal keys). */
  key(): string {
    return JSON.stringify(this.toJSON());
  }

  /** Debug text, e.g. `TCP 80,ICMP 8:*` (not the corpus grammar: use `formatConnSet`). */
  toString(): string {
    if (this.isAll()) return 'all';
    if (this.isEmpty()) return 'none';
    const head = this.rest ? 'all except ' : '';
    const body = [...this.entries.keys()].sort((a, b) => a - b).map((p) => {
      const plane = this.get(p);
      const s = this.rest ? PortGrid.combine(protocolDomain(p), plane, (a, b) => a.subtract(b)) : plane;
      if (planeWhole(p, s)) return protocolName(p);
      return `${protocolName(p)} ${s.toString()}`;
    });
    return head + body.join(',');
  }
}

/** One `entries` (plain ranges) or `bySource` (grid segments) value of {@link ConnSetJSON}. */
function readPlane(p: number, data: unknown[], plain: boolean): PortPlane {
  if (plain) {
    const s = IntervalSet.of(data as [number, number][]);
    if (!s.isSubsetOf(protocolDomain(p))) throw new RangeError(`values out of range for protocol ${p}`);
    return s;
  }
  if (!hasPorts(p)) throw new RangeError(`protocol ${p} has no source ports`);
  return PortGrid.fromJSON(data as PortGridJSON, PORT_DOMAIN);
}

function validIcmp(type: number, code: number | undefined): boolean {
  const okType = Number.isInteger(type) && type >= 0 && type <= ICMP_TYPE_MAX;
  const okCode = code === undefined || (Number.isInteger(code) && code >= 0 && code <= ICMP_CODE_MAX);
  return okType && okCode;
}

/** The ICMP keys of one type (all codes) or one (type, code). */
function icmpSet(type: number, code?: number): IntervalSet {
  if (!validIcmp(type, code)) {
    throw new RangeError(`ICMP type ${type} / code ${String(code)} out of range (type 0-254, code 0-255; SPEC §3.1)`);
  }
  return code === undefined
    ? IntervalSet.range(icmpKey(type, 0), icmpKey(type, ICMP_CODE_MAX))
    : IntervalSet.point(icmpKey(type, code));
}
