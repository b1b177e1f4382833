import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnSet, hasPorts, icmpKey, isIcmp, PROTO, protocolName, protocolNumber } from './connset';
import { IntervalSet } from './interval';

const PROTO_POOL = [1, 6, 17, 58, 132, 136, 112, 2, 255];
const arbProto = fc.oneof(fc.constantFrom(...PROTO_POOL), fc.integer({ min: 1, max: 255 }));
// Ports cluster near a few values so that random sets overlap and touch.
const arbPort = fc.oneof(fc.constantFrom(1, 2, 79, 80, 81, 443, 65534, 65535), fc.integer({ min: 1, max: 65535 }));
const arbPortRange = fc.tuple(arbPort, fc.integer({ min: 0, max: 3 })).map(([p, w]): [number, number] => [p, Math.min(65535, p + w)]);
const arbType = fc.oneof(fc.constantFrom(0, 3, 8, 254), fc.integer({ min: 0, max: 254 }));
const arbCode = fc.oneof(fc.constantFrom(0, 1, 255), fc.integer({ min: 0, max: 255 }));

const arbAtom: fc.Arbitrary<ConnSet> = arbProto.chain((p) => {
  if (hasPorts(p)) {
    return fc.oneof(
      fc.constant(ConnSet.protocol(p)),
      fc.array(arbPortRange, { minLength: 1, maxLength: 3 }).map((rs) => ConnSet.ports(p, IntervalSet.of(rs))),
      // Source-port restricted (SPEC §3.2 step 4): a rectangle of the (source, destination) plane.
      fc.tuple(fc.array(arbPortRange, { minLength: 1, maxLength: 2 }), fc.array(arbPortRange, { minLength: 1, maxLength: 2 }))
        .map(([rs, ss]) => ConnSet.ports(p, IntervalSet.of(rs), IntervalSet.of(ss))),
      fc.array(arbPortRange, { minLength: 1, maxLength: 2 }).map((ss) => ConnSet.ports(p, IntervalSet.range(1, 65535), IntervalSet.of(ss))),
    );
  }
  if (isIcmp(p)) {
    return fc.oneof(
      fc.constant(ConnSet.icmp(p)),
      arbType.map((t) => ConnSet.icmp(p, t)),
      fc.tuple(arbType, arbCode).map(([t, c]) => ConnSet.icmp(p, t, c)),
    );
  }
  return fc.constant(ConnSet.protocol(p));
});

// A block of whole protocols, built one by one, pushes sets across the "majority" default.
const arbBlock = fc.option(fc.tuple(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 0, max: 254 })), { nil: undefined });
const block = (b: [number, number] | undefined) => {
  let s = ConnSet.none();
  if (b) for (let p = b[0]; p <= Math.min(255, b[0] + b[1]); p++) s = s.union(ConnSet.protocol(p));
  return s;
};
const arbConn: fc.Arbitrary<ConnSet> = fc
  .tuple(fc.array(arbAtom, { maxLength: 5 }), arbBlock, fc.boolean())
  .map(([atoms, b, neg]) => {
    const u = atoms.reduce((a, x) => a.union(x), block(b));
    return neg ? u.complement() : u;
  });

interface Flow {
  proto: number;
  port: number;
  type: number;
  code: number;
  src: number;
}
const arbFlow: fc.Arbitrary<Flow> = fc.record({ proto: arbProto, port: arbPort, type: arbType, code: arbCode, src: arbPort });
const has = (c: ConnSet, f: Flow) => c.containsFlow(f.proto, f.port, f.type, f.code, f.src);
const flowSet = (f: Flow) =>
  hasPorts(f.proto)
    ? ConnSet.ports(f.proto, IntervalSet.point(f.port), IntervalSet.point(f.src))
    : isIcmp(f.proto)
      ? ConnSet.icmp(f.proto, f.type, f.code)
      : ConnSet.protocol(f.proto);

/** The same set built protocol by protocol from scratch: a different construction path. */
const rebuild = (c: ConnSet) => {
  let s = ConnSet.none();
  for (let p = 1; p <= 255; p++) {
    if (hasPorts(p)) {
      for (const piece of c.sourcePortPieces(p)) s = s.union(ConnSet.ports(p, piece.dst, piece.src));
      continue;
    }
    const d = c.portsOf(p);
    if (d.isEmpty()) continue;
    s = s.union(isIcmp(p) ? ConnSet.icmpKeys(p, d) : ConnSet.protocol(p));
  }
  return s;
};

const eq = (a: ConnSet, b: ConnSet) => expect(a.equals(b), `${a.toString()} vs ${b.toString()}`).toBe(true);

describe('ConnSet algebra laws (fast-check)', () => {
  it('union and intersect: commutative, associative, idempotent, distributive', () => {
    fc.assert(
      fc.property(arbConn, arbConn, arbConn, (a, b, c) => {
        eq(a.union(b), b.union(a));
        eq(a.intersect(b), b.intersect(a));
        eq(a.union(b).union(c), a.union(b.union(c)));
        eq(a.intersect(b).intersect(c), a.intersect(b.intersect(c)));
        eq(a.union(a), a);
        eq(a.intersect(a), a);
        eq(a.intersect(b.union(c)), a.intersect(b).union(a.intersect(c)));
        eq(a.union(b.intersect(c)), a.union(b).intersect(a.union(c)));
      }),
    );
  });

  it('identities, complement and De Morgan', () => {
    fc.assert(
      fc.property(arbConn, arbConn, (a, b) => {
        eq(a.union(ConnSet.none()), a);
        eq(a.intersect(ConnSet.all()), a);
        expect(a.union(ConnSet.all()).isAll()).toBe(true);
        expect(a.intersect(ConnSet.none()).isEmpty()).toBe(true);
        eq(a.complement().complement(), a);
        expect(a.union(a.complement()).isAll()).toBe(true);
        expect(a.intersect(a.complement()).isEmpty()).toBe(true);
        eq(a.union(b).complement(), a.complement().intersect(b.complement()));
        eq(a.intersect(b).complement(), a.complement().union(b.complement()));
      }),
    );
  });

  it('subtraction', () => {
    fc.assert(
      fc.property(arbConn, arbConn, (a, b) => {
        expect(a.subtract(b).intersect(b).isEmpty()).toBe(true);
        eq(a.subtract(b), a.intersect(b.complement()));
        eq(a.subtract(b).union(a.intersect(b)), a);
        eq(ConnSet.all().subtract(a), a.complement());
        expect(a.subtract(a).isEmpty()).toBe(true);
        expect(a.subtract(b).isSubsetOf(a)).toBe(true);
      }),
    );
  });

  it('containsFlow agrees with the algebra on random flows', () => {
    fc.assert(
      fc.property(arbConn, arbConn, arbFlow, (a, b, f) => {
        expect(has(a.union(b), f)).toBe(has(a, f) || has(b, f));
        expect(has(a.intersect(b), f)).toBe(has(a, f) && has(b, f));
        expect(has(a.subtract(b), f)).toBe(has(a, f) && !has(b, f));
        expect(has(a.complement(), f)).toBe(!has(a, f));
        expect(has(a, f)).toBe(flowSet(f).isSubsetOf(a));
        expect(has(flowSet(f), f)).toBe(true);
      }),
    );
  });

  it('JSON round trip (structuredClone) and keys', () => {
    fc.assert(
      fc.property(arbConn, arbConn, (a, b) => {
        const back = ConnSet.fromJSON(structuredClone(a.toJSON()));
        eq(back, a);
        eq(ConnSet.fromJSON(JSON.parse(JSON.stringify(a)) as ReturnType<ConnSet['toJSON']>), a);
        expect(a.key() === b.key()).toBe(a.equals(b));
        // Canonical form: another construction path gives a structurally equal set.
        expect(rebuild(a).key()).toBe(a.key());
      }),
    );
  });
});

describe('ConnSet basics', () => {
  it('protocol names and numbers (SPEC §3.1)', () => {
    expect(protocolNumber('tcp')).toBe(6);
    expect(protocolNumber('ICMPv6')).toBe(58);
    expect(protocolNumber('icmpv6')).toBe(58);
    expect(protocolNumber('UDPLite')).toBe(136);
    expect(protocolNumber('6')).toBe(6);
    expect(protocolNumber(132)).toBe(132);
    expect(protocolNumber(0)).toBeUndefined();
    expect(protocolNumber(256)).toBeUndefined();
    expect(protocolNumber('256')).toBeUndefined();
    expect(protocolNumber('VRRP')).toBeUndefined(); // Calico has no such name: use 112
    expect(protocolNumber(6.5)).toBeUndefined();
    expect(protocolName(17)).toBe('UDP');
    expect(protocolName(112)).toBe('112');
    expect(PROTO.SCTP).toBe(132);
  });

  it('constructors validate', () => {
    expect(() => ConnSet.ports(PROTO.ICMP, IntervalSet.point(80))).toThrow(RangeError);
    expect(() => ConnSet.icmp(PROTO.TCP)).toThrow(RangeError);
    expect(() => ConnSet.icmp(PROTO.ICMP, 255)).toThrow(RangeError);
    expect(() => ConnSet.icmp(PROTO.ICMP, 8, 256)).toThrow(RangeError);
    expect(() => ConnSet.icmp(PROTO.ICMP, undefined, 0)).toThrow(RangeError);
    expect(() => ConnSet.protocol(0)).toThrow(RangeError);
    expect(ConnSet.ports(PROTO.TCP, IntervalSet.range(0, 70000)).equals(ConnSet.protocol(PROTO.TCP))).toBe(true);
    expect(ConnSet.ports(PROTO.TCP, IntervalSet.empty()).isEmpty()).toBe(true);
  });

  it('containsFlow with omitted dimensions means "all of it"', () => {
    const tcp80 = ConnSet.ports(PROTO.TCP, IntervalSet.point(80));
    expect(tcp80.containsFlow(PROTO.TCP, 80)).toBe(true);
    expect(tcp80.containsFlow(PROTO.TCP, 81)).toBe(false);
    expect(tcp80.containsFlow(PROTO.TCP)).toBe(false);
    expect(ConnSet.protocol(PROTO.TCP).containsFlow(PROTO.TCP)).toBe(true);
    const echo = ConnSet.icmp(PROTO.ICMP, 8);
    expect(echo.containsFlow(PROTO.ICMP, undefined, 8)).toBe(true);
    expect(echo.containsFlow(PROTO.ICMP, undefined, 8, 0)).toBe(true);
    expect(echo.containsFlow(PROTO.ICMP, undefined, 0, 0)).toBe(false);
    expect(echo.containsFlow(PROTO.ICMP)).toBe(false);
    expect(ConnSet.icmp(PROTO.ICMP, 8, 0).containsFlow(PROTO.ICMP, undefined, 8)).toBe(false);
    expect(ConnSet.all().containsFlow(PROTO.ICMP, undefined, 255)).toBe(false); // type 255 is outside the model
    expect(ConnSet.all().containsFlow(0)).toBe(false);
    expect(ConnSet.protocol(112).containsFlow(112)).toBe(true);
    expect(ConnSet.protocol(112).containsFlow(112, 80)).toBe(true); // port ignored for protocols without ports
  });

  it('protocols(), portsOf(), toJSON shape', () => {
    const c = ConnSet.ports(PROTO.UDP, IntervalSet.point(53)).union(ConnSet.icmp(PROTO.ICMP, 8)).union(ConnSet.protocol(112));
    expect(c.protocols()).toEqual([1, 17, 112]);
    expect(c.portsOf(PROTO.UDP).toString()).toBe('53');
    expect(c.portsOf(PROTO.ICMP).toString()).toBe(`${icmpKey(8, 0)}-${icmpKey(8, 255)}`);
    expect(c.portsOf(112).toString()).toBe('0');
    expect(c.portsOf(PROTO.TCP).isEmpty()).toBe(true);
    expect(c.toJSON()).toEqual({ rest: false, entries: [[1, [[2048, 2303]]], [17, [[53, 53]]], [112, [[0, 0]]]] });
    const notTcp = ConnSet.protocol(PROTO.TCP).complement();
    expect(notTcp.toJSON()).toEqual({ rest: true, entries: [[6, []]] });
    expect(notTcp.protocols().length).toBe(254);
    expect(ConnSet.all().protocols().length).toBe(255);
    expect(() => ConnSet.fromJSON({ rest: false, entries: [[6, [[0, 5]]]] })).toThrow(RangeError);
    expect(() => ConnSet.fromJSON({ rest: false, entries: [[300, []]] })).toThrow(RangeError);
  });

  it('source ports (SPEC §3.2 step 4): rectangles of the (source, destination) plane', () => {
    const all = IntervalSet.range(1, 65535);
    const mid = IntervalSet.range(100, 300);
    const out = all.subtract(mid);
    const tcp = (dst: IntervalSet, src?: IntervalSet) => ConnSet.ports(PROTO.TCP, dst, src);
    // NCA's "rectangle" games (testcase15): notPorts×notPorts ∪ ports×ports leaves two off-diagonal blocks.
    const diag = tcp(out, out).union(tcp(mid, mid));
    expect(diag.dependsOnSourcePort(PROTO.TCP)).toBe(true);
    expect(diag.equals(ConnSet.protocol(PROTO.TCP))).toBe(false);
    expect(diag.containsFlow(PROTO.TCP, 80, undefined, undefined, 80)).toBe(true);
    expect(diag.containsFlow(PROTO.TCP, 80, undefined, undefined, 150)).toBe(false);
    expect(diag.containsFlow(PROTO.TCP, 80)).toBe(false); // omitted source port: every source port
    expect(diag.portsOf(PROTO.TCP).isEmpty()).toBe(true);
    // Adding both strips fills the plane: back to the plain (source-independent) form.
    const full = diag.union(tcp(all, mid)).union(tcp(mid, all));
    expect(full.equals(ConnSet.protocol(PROTO.TCP))).toBe(true);
    expect(full.constrainsSourcePorts()).toBe(false);
    expect(full.toJSON()).toEqual({ rest: false, entries: [[6, [[1, 65535]]]] });
    // Everything but source port 151, any destination.
    const no151 = tcp(all, all.subtract(IntervalSet.point(151)));
    expect(no151.sourcePortPieces(PROTO.TCP).map((p) => `${p.src.toString()}>${p.dst.toString()}`)).toEqual(['1-150,152-65535>1-65535']);
    expect(no151.toJSON()).toEqual({ rest: false, entries: [], bySource: [[6, [[1, 150, [[1, 65535]]], [151, 151, []], [152, 65535, [[1, 65535]]]]]] });
    expect(ConnSet.fromJSON(no151.toJSON()).equals(no151)).toBe(true);
    expect(no151.complement().equals(tcp(all, IntervalSet.point(151)).union(ConnSet.protocol(PROTO.TCP).complement()))).toBe(true);
    expect(() => ConnSet.fromJSON({ rest: false, entries: [], bySource: [[6, [[1, 150, []]]]] })).toThrow(RangeError);
    expect(() => ConnSet.fromJSON({ rest: false, entries: [], bySource: [[1, [[1, 65535, []]]]] })).toThrow(RangeError);
    expect(tcp(all, IntervalSet.empty()).isEmpty()).toBe(true);
    expect(tcp(all, all).isAll()).toBe(false);
    expect(tcp(all, all).equals(ConnSet.protocol(PROTO.TCP))).toBe(true);
  });

  it('canonical form: building the same set two ways gives equal sets', () => {
    const a = ConnSet.all().subtract(ConnSet.protocol(PROTO.TCP)).union(ConnSet.ports(PROTO.TCP, IntervalSet.range(1, 65535)));
    expect(a.isAll()).toBe(true);
    const b = ConnSet.ports(PROTO.TCP, IntervalSet.range(1, 100)).union(ConnSet.ports(PROTO.TCP, IntervalSet.range(101, 65535)));
    expect(b.equals(ConnSet.protocol(PROTO.TCP))).toBe(true);
    let each = ConnSet.none();
    for (let p = 1; p <= 255; p++) if (p !== 6) each = each.union(ConnSet.protocol(p));
    expect(each.equals(ConnSet.protocol(PROTO.TCP).complement())).toBe(true);
    expect(each.toJSON()).toEqual({ rest: true, entries: [[6, []]] });
    expect(each.union(ConnSet.protocol(PROTO.TCP)).isAll()).toBe(true);
    let icmp = ConnSet.none();
    for (let t = 0; t <= 254; t++) icmp = icmp.union(ConnSet.icmp(PROTO.ICMP, t));
    expect(icmp.equals(ConnSet.icmp(PROTO.ICMP))).toBe(true);
  });
});
