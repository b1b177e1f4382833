import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnSet, PROTO } from './connset';
import { type Conventions, formatConnSet, parseConnString, universeOf } from './format';
import { IntervalSet } from './interval';
import { formatNcaRaw, parseNcaRaw } from './ncaform';

const { TCP, UDP, SCTP, ICMP, ICMPv6, UDPLite } = PROTO;
const ports = (p: number, ...rs: [number, number][]) => ConnSet.ports(p, IntervalSet.of(rs));
const port = (p: number, n: number) => ports(p, [n, n]);
const u = (...cs: ConnSet[]) => cs.reduce((a, b) => a.union(b), ConnSet.none());
const all = ConnSet.all();

function parsed(s: string, conv: Conventions, struct?: unknown): ConnSet {
  const r = parseConnString(s, conv, struct);
  if (!(r instanceof ConnSet)) throw new Error(`parse of '${s}' failed: ${r.error}`);
  return r;
}

describe('formatConnSet netpol-analyzer', () => {
  it.each<[string, ConnSet, string]>([
    ['empty', ConnSet.none(), 'No Connections'],
    ['universe', universeOf('netpol-analyzer'), 'All Connections'],
    ['everything (non-TCP/UDP/SCTP dropped)', all, 'All Connections'],
    ['ICMP only is nothing here', ConnSet.protocol(ICMP), 'No Connections'],
    ['one port', port(TCP, 80), 'TCP 80'],
    ['whole TCP', ConnSet.protocol(TCP), 'TCP 1-65535'],
    ['hole', all.subtract(port(TCP, 80)), 'SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535'],
    ['three protocols sorted', u(port(UDP, 5353), port(TCP, 80), port(SCTP, 9003)), 'SCTP 9003,TCP 80,UDP 5353'],
    ['several ranges', u(port(TCP, 8080), ports(UDP, [80, 80], [5000, 6000])), 'TCP 8080,UDP 80,5000-6000'],
    ['merged ranges', u(port(TCP, 80), port(TCP, 81)), 'TCP 80-81'],
    ['SCTP only', u(port(SCTP, 8956), port(SCTP, 9090)), 'SCTP 8956,9090'],
    ['TCP+UDP except UDP 53', u(ConnSet.protocol(TCP), ConnSet.protocol(UDP)).subtract(port(UDP, 53)), 'TCP 1-65535,UDP 1-52,54-65535'],
    // No corpus form (the tool never produces source ports): our readable one.
    ['source ports', u(ConnSet.ports(TCP, IntervalSet.point(80), IntervalSet.range(1, 1023)), port(UDP, 53)), 'TCP 80 from source ports 1-1023,UDP 53'],
  ])('%s', (_n, c, want) => {
    expect(formatConnSet(c, 'netpol-analyzer')).toBe(want);
  });
});

describe('formatConnSet nca', () => {
  it.each<[string, ConnSet, string]>([
    ['empty', ConnSet.none(), 'No Connections'],
    ['all', all, 'All Connections'],
    ['whole TCP', ConnSet.protocol(TCP), 'TCP 1-65535'],
    ['ICMP', ConnSet.protocol(ICMP), 'ICMP'],
    ['ICMP and VRRP (112, named as NCA names it)', u(ConnSet.protocol(ICMP), ConnSet.protocol(112)), 'ICMP,VRRP'],
    ['ICMP and TCP', u(ConnSet.protocol(ICMP), ConnSet.protocol(TCP)), 'ICMP,TCP 1-65535'],
    ['ICMP and ICMPv6', u(ConnSet.protocol(ICMP), ConnSet.protocol(ICMPv6)), 'ICMP,ICMPv6'],
    ['TCP 53,UDP 53', u(port(TCP, 53), port(UDP, 53)), 'TCP 53,UDP 53'],
    ['all three whole', u(ConnSet.protocol(TCP), ConnSet.protocol(UDP), ConnSet.protocol(SCTP)), 'SCTP 1-65535,TCP 1-65535,UDP 1-65535'],
    ['all but UDP', ConnSet.protocol(UDP).complement(), 'All Connections except UDP 1-65535'],
    ['all but UDPLite', ConnSet.protocol(UDPLite).complement(), 'All Connections except UDPLite'],
    ['all but TCP 80', all.subtract(port(TCP, 80)), 'All Connections except TCP 80'],
    ['all but TCP and UDP', all.subtract(u(ConnSet.protocol(TCP), ConnSet.protocol(UDP))), 'All Connections except TCP 1-65535,UDP 1-65535'],
    ['ICMP type and code', ConnSet.icmp(ICMP, 105, 54), 'nca:{protocols:ICMP,icmp_type:105,icmp_code:54}'],
    ['ICMP all types but one', ConnSet.protocol(ICMP).subtract(ConnSet.icmp(ICMP, 204)), 'nca:{protocols:ICMP,icmp_type:0-203,205-254}'],
    ['ICMP one type all codes but one', ConnSet.icmp(ICMP, 204).subtract(ConnSet.icmp(ICMP, 204, 54)), 'nca:{protocols:ICMP,icmp_type:204,icmp_code:0-53,55-255}'],
    ['ICMP two types two code sets', u(ConnSet.icmp(ICMP, 8), ConnSet.icmp(ICMP, 3, 1)), 'nca:{protocols:ICMP,icmp_type:3,icmp_code:1},{protocols:ICMP,icmp_type:8}'],
    ['partial ICMP with ports', u(ConnSet.icmp(ICMP, 8), port(TCP, 53), port(UDP, 53)), 'nca:{protocols:ICMP,icmp_type:8},{protocols:TCP, UDP,dst_ports:53}'],
    ['unnamed protocol number', ConnSet.protocol(200), 'nca:{protocols:200}'],
    ['name starting with a digit', ConnSet.protocol(34), 'nca:{protocols:3PC}'],
    ['port and number', u(port(TCP, 80), ConnSet.protocol(200)), 'nca:{protocols:TCP,dst_ports:80},{protocols:200}'],
    ['all but a number', ConnSet.protocol(200).complement(), 'nca:All but {protocols:200}'],
    ['all but ICMP echo', all.subtract(ConnSet.icmp(ICMP, 8)), 'nca:All but {protocols:ICMP,icmp_type:8}'],
    ['TCP from all source ports but one', ConnSet.ports(TCP, IntervalSet.range(1, 65535), IntervalSet.of([[1, 150], [152, 65535]])), 'TCP 1-65535 from source ports 1-150,152-65535'],
    ['two source-port pieces', u(ConnSet.ports(TCP, IntervalSet.point(80), IntervalSet.range(1, 1023)), ConnSet.ports(TCP, IntervalSet.point(443), IntervalSet.range(2000, 3000))), 'TCP 80 from source ports 1-1023,TCP 443 from source ports 2000-3000'],
    ['all but TCP 80 from low source ports', all.subtract(ConnSet.ports(TCP, IntervalSet.point(80), IntervalSet.range(1, 1023))), 'All Connections except TCP 80 from source ports 1-1023'],
  ])('%s', (_n, c, want) => {
    expect(formatConnSet(c, 'nca', true)).toBe(want);
    expect(parsed(want, 'nca').equals(c)).toBe(true);
    // Without `readable`, a set that depends on source ports takes NCA's own notation (the corpus form).
    expect(formatConnSet(c, 'nca')).toBe(c.constrainsSourcePorts() ? `nca:${formatNcaRaw(c)}` : want);
  });

  it('NCA raw text', () => {
    expect(formatNcaRaw(u(ConnSet.protocol(TCP), ConnSet.protocol(UDP)))).toBe('{protocols:TCP, UDP}');
    expect(formatNcaRaw(ConnSet.protocol(UDP).complement())).toBe('All but {protocols:UDP}');
    expect(formatNcaRaw(u(ConnSet.protocol(ICMP), ConnSet.protocol(112)))).toBe('{protocols:ICMP, VRRP}');
    // A protocol list longer than its complement is written "all but".
    const most = all.subtract(ConnSet.protocol(TCP)).subtract(ConnSet.icmp(ICMP, 8)).subtract(ConnSet.protocol(ICMPv6));
    expect(formatNcaRaw(most.complement())).toBe('{protocols:ICMP,icmp_type:8},{protocols:TCP, ICMPv6}');
    expect(parseNcaRaw('{protocols:all but TCP}')).toEqual(ConnSet.protocol(TCP).complement());
    const no151 = ConnSet.ports(TCP, IntervalSet.range(1, 65535), IntervalSet.of([[1, 150], [152, 65535]]));
    expect(formatNcaRaw(no151)).toBe('{protocols:TCP,src_ports:1-150,152-65535}');
    expect(formatNcaRaw(ConnSet.ports(UDP, IntervalSet.point(53), IntervalSet.range(10, 20)))).toBe('{protocols:UDP,src_ports:10-20,dst_ports:53}');
    expect((parseNcaRaw(formatNcaRaw(no151)) as ConnSet).equals(no151)).toBe(true);
  });
});

describe('parseConnString', () => {
  it.each<[string, Conventions, ConnSet]>([
    ['All Connections', 'nca', all],
    ['All Connections', 'netpol-analyzer', universeOf('netpol-analyzer')],
    ['No Connections', 'netpol-analyzer', ConnSet.none()],
    ['All Connections except UDP 1-65535', 'netpol-analyzer', u(ConnSet.protocol(TCP), ConnSet.protocol(SCTP))],
    ['All Connections except UDP 1-65535', 'nca', ConnSet.protocol(UDP).complement()],
    ['TCP 1-8079,8081-65535', 'netpol-analyzer', ConnSet.protocol(TCP).subtract(port(TCP, 8080))],
    ['TCP 8080,9090,UDP 8080', 'netpol-analyzer', u(port(TCP, 8080), port(TCP, 9090), port(UDP, 8080))],
    ['tcp 80, udp 53', 'nca', u(port(TCP, 80), port(UDP, 53))],
    ['TCP', 'nca', ConnSet.protocol(TCP)],
    ['ICMP,VRRP', 'nca', u(ConnSet.protocol(ICMP), ConnSet.protocol(112))],
    ['nca:{protocols:TCP, UDP,dst_ports:53}', 'nca', u(port(TCP, 53), port(UDP, 53))],
    ['nca:All but {protocols:TCP}', 'nca', ConnSet.protocol(TCP).complement()],
    ['nca:{protocols:TCP,src_ports:1-65535}', 'nca', ConnSet.protocol(TCP)],
    // Source ports (SPEC §3.2 step 4): NCA's cubes, and our readable form.
    ['nca:{protocols:TCP,src_ports:1-150,152-65535}', 'nca', ConnSet.ports(TCP, IntervalSet.range(1, 65535), IntervalSet.of([[1, 150], [152, 65535]]))],
    ['nca:{protocols:TCP,src_ports:10-20,dst_ports:80}', 'nca', ConnSet.ports(TCP, IntervalSet.point(80), IntervalSet.range(10, 20))],
    ['TCP 80,443 from source ports 1-1023,2000,UDP 53', 'nca', u(ConnSet.ports(TCP, IntervalSet.of([[80, 80], [443, 443]]), IntervalSet.of([[1, 1023], [2000, 2000]])), port(UDP, 53))],
    ['TCP 80 from source ports 1-1023,TCP 443', 'netpol-analyzer', u(ConnSet.ports(TCP, IntervalSet.point(80), IntervalSet.range(1, 1023)), port(TCP, 443))],
    ['nca:{protocols:ICMP,icmp_code:0}', 'nca', u(...Array.from({ length: 255 }, (_, t) => ConnSet.icmp(ICMP, t, 0)))],
    ['nca:{protocols:ICMP,icmp_type:8},{protocols:UDP,dst_ports:53}', 'nca', u(ConnSet.icmp(ICMP, 8), port(UDP, 53))],
    ['nca:All connections', 'nca', all],
  ])('%s (%s)', (s, conv, want) => {
    expect(parsed(s, conv).equals(want)).toBe(true);
  });

  it('uses conn_struct for nca: strings', () => {
    const struct = { negated: false, cubes: [{ protocols: ['ICMP'], icmp_type: '105', icmp_code: '54' }] };
    expect(parsed('nca:{protocols:ICMP,icmp_type:105,icmp_code:54}', 'nca', struct).equals(ConnSet.icmp(ICMP, 105, 54))).toBe(true);
    expect(parsed('nca:ignored', 'nca', { negated: true, cubes: [{ protocols: ['UDPLite'] }] }).equals(ConnSet.protocol(UDPLite).complement())).toBe(true);
  });

  it.each<[string, Conventions, string, string | undefined]>([
    ['ICMP 80', 'nca', 'has no ports', undefined],
    ['FOO', 'nca', 'unknown protocol', undefined],
    ['ICMP', 'netpol-analyzer', 'unknown protocol', undefined],
    ['80', 'nca', 'does not follow', undefined],
    ['TCP 0', 'nca', 'outside', undefined],
    ['TCP 70000', 'nca', 'outside', undefined],
    ['TCP 5-3', 'nca', 'outside', undefined],
    ['TCP 80,,UDP 53', 'nca', 'empty item', undefined],
    ['TCP x', 'nca', 'bad port', undefined],
    ['nca:{protocols:TCP}', 'netpol-analyzer', 'only occurs', undefined],
    ['nca:{protocols:ICMP,src_ports:1-150}', 'nca', 'has no ports', undefined],
    ['TCP 80 from source ports 1-10,20 from source ports 5', 'nca', 'after source ports', undefined],
    ['nca:{protocols:TCP,dst_ports:80,hosts:demo.localdev.me}', 'nca', 'L7', 'l7'],
    ['nca:{dst_ports:9080,paths:/details(/*)?}', 'nca', 'L7', 'l7'],
    ['nca:{methods:GET}', 'nca', 'L7', 'l7'],
    ['nca:{protocols:ICMP,icmp_type:255}', 'nca', 'outside', undefined],
    ['nca:{protocols:TCP,icmp_type:3}', 'nca', 'non-ICMP', undefined],
    ['nca:{protocols:ICMP,dst_ports:80}', 'nca', 'has no ports', undefined],
    ['nca:{protocols:TCP', 'nca', 'unterminated', undefined],
    ['nca:protocols:TCP', 'nca', "expected '{'", undefined],
  ])('rejects %s (%s)', (s, conv, msg, unsupported) => {
    const r = parseConnString(s, conv);
    expect(r).not.toBeInstanceOf(ConnSet);
    if (r instanceof ConnSet) return;
    expect(r.error).toContain(msg);
    expect(r.unsupported).toBe(unsupported);
  });
});

describe('format then parse round-trips (fast-check)', () => {
  const arbProto = fc.constantFrom(1, 6, 17, 58, 132, 136, 112, 34, 200, 2);
  const arbAtom = arbProto.chain((p): fc.Arbitrary<ConnSet> => {
    if (p === TCP || p === UDP || p === SCTP) {
      return fc.oneof(
        fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 70000 })).map(([lo, w]) => ports(p, [lo, Math.min(65535, lo + w)])),
        // Source-port pieces (SPEC §3.2 step 4) print in our readable form and read back.
        fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 70000 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 3000 }))
          .map(([lo, w, slo, sw]) => ConnSet.ports(p, IntervalSet.range(lo, Math.min(65535, lo + w)), IntervalSet.range(slo, slo + sw))),
      );
    }
    if (p === ICMP || p === ICMPv6) {
      return fc.oneof(
        fc.constant(ConnSet.protocol(p)),
        fc.integer({ min: 0, max: 254 }).map((t) => ConnSet.icmp(p, t)),
        fc.tuple(fc.integer({ min: 0, max: 254 }), fc.integer({ min: 0, max: 255 })).map(([t, c]) => ConnSet.icmp(p, t, c)),
      );
    }
    return fc.constant(ConnSet.protocol(p));
  });
  const arbConn = fc.tuple(fc.array(arbAtom, { maxLength: 4 }), fc.boolean()).map(([xs, neg]) => {
    const s = u(...xs);
    return neg ? s.complement() : s;
  });

  it.each<Conventions>(['nca', 'netpol-analyzer'])('%s', (conv) => {
    fc.assert(
      fc.property(arbConn, fc.boolean(), (c, readable) => {
        const text = formatConnSet(c, conv, readable);
        const back = parsed(text, conv);
        expect(back.equals(c.intersect(universeOf(conv))), text).toBe(true);
        expect(formatConnSet(back, conv, readable)).toBe(text);
      }),
    );
  });
});
