/**
 * NCA's own connection notation (np-guard/network-config-analyzer 2.1.0), used by the corpus
 * `nca:` form where the simple grammar cannot say a set (ICMP type/code subsets, protocols
 * without a letter-initial name): `{protocols:ICMP,icmp_type:105,icmp_code:54}`,
 * `{protocols:TCP, UDP,dst_ports:53}`, several cubes joined by `,`, `All but {...}`.
 * Also the structured `conn_struct` of corpus rows, source ports included
 * (`{protocols:TCP,src_ports:1-150,152-65535}`, SPEC §3.2 step 4). L7 dimensions are not
 * modelled: cubes that restrict them are rejected with `unsupported` set.
 */
import {
  ConnSet,
  type ConnSetJSON,
  hasPorts,
  ICMP_CODE_MAX,
  ICMP_TYPE_MAX,
  icmpKey,
  isIcmp,
  PORT_DOMAIN,
  PORT_MAX,
  PORT_MIN,
  PROTO_MAX,
  PROTO_MIN,
  protocolDomain,
} from './connset';
import { IntervalSet } from './interval';

/** A parse failure. `unsupported` is set when the input is valid but needs a dimension this model lacks. */
export interface ConnParseError {
  error: string;
  unsupported?: 'l7';
}

/** One cube of a corpus `conn_struct` (values as NCA prints them). */
export interface NcaCube {
  protocols?: (string | number)[] | string;
  dst_ports?: string;
  src_ports?: string;
  icmp_type?: string;
  icmp_code?: string;
  hosts?: string;
  paths?: string;
  methods?: string;
}

/** A corpus `conn_struct`: the union of the cubes, or everything except it when `negated`. */
export interface NcaConnStruct {
  negated: boolean;
  cubes: NcaCube[];
}

// IANA keywords as NCA's ProtocolNameResolver spells them, for protocols 1..143 ('-' = no name).
// NCA prints these names (e.g. `VRRP` for 112) and the number for anything else.
const NCA_NAMES = (
  'ICMP IGMP GGP IPv4 ST TCP CBT EGP IGP BBNRCCMON NVPII PUP ARGUSdeprecated EMCON XNET CHAOS UDP ' +
  'MUX DCNMEAS HMP PRM XNSIDP TRUNK1 TRUNK2 LEAF1 LEAF2 RDP IRTP ISOTP4 NETBLT MFENSP MERITINP DCCP ' +
  '3PC IDPR XTP DDP IDPRCMTP TP IL IPv6 SDRP IPv6Route IPv6Frag IDRP RSVP GRE DSR BNA ESP AH INLSP ' +
  'SWIPEdeprecated NARP MOBILE TLSP SKIP ICMPv6 IPv6NoNxt IPv6Opts - CFTP - SATEXPAK KRYPTOLAN RVD ' +
  'IPPC - SATMON VISA IPCV CPNX CPHB WSN PVP BRSATMON SUNND WBMON WBEXPAK ISOIP VMTP SECUREVMTP ' +
  'VINES IPTM NSFNETIGP DGP TCF EIGRP OSPFIGP SpriteRPC LARP MTP AX25 IPIP MICPdeprecated SCCSP ' +
  'ETHERIP ENCAP - GMTP IFMP PNNI PIM ARIS SCPS QNX AN IPComp SNP CompaqPeer IPXinIP VRRP PGM - ' +
  'L2TP DDX IATP STP SRP UTI SMP SMdeprecated PTP ISISoverIPv4 FIRE CRTP CRUDP SSCOPMCE IPLT SPS ' +
  'PIPE SCTP FC RSVPE2EIGNORE MobilityHeader UDPLite MPLSinIP manet HIP Shim6 WESP ROHC Ethernet'
).split(' ');

const NCA_NUMBER_BY_LOWER = new Map<string, number>();
NCA_NAMES.forEach((n, i) => {
  if (n !== '-') NCA_NUMBER_BY_LOWER.set(n.toLowerCase(), i + 1);
});
NCA_NUMBER_BY_LOWER.set('ttp', 84); // NCA accepts both TTP and IPTM for 84 and prints IPTM.
NCA_NUMBER_BY_LOWER.set('hopopt', 0); // NCA's universe starts at 0; ours (Calico) at 1.

/** The name NCA prints for a protocol number (`VRRP` for 112, `200` for an unnamed one). */
export function ncaProtocolName(n: number): string {
  const name = NCA_NAMES[n - 1];
  return name !== undefined && name !== '-' ? name : String(n);
}

/** A protocol number from an NCA name (case-insensitive) or decimal string; undefined if unknown. */
export function ncaProtocolNumber(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n <= PROTO_MAX ? n : undefined;
  }
  return NCA_NUMBER_BY_LOWER.get(t.toLowerCase());
}

/** Parses `1-79,81-65535` within [min, max]. */
export function parseRanges(text: string, min: number, max: number, what: string): IntervalSet | ConnParseError {
  const rs: [number, number][] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) return { error: `bad ${what} range '${part.trim()}'` };
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < min || hi > max || lo > hi) return { error: `${what} range '${part.trim()}' is outside ${min}-${max}` };
    rs.push([lo, hi]);
  }
  return IntervalSet.of(rs);
}

function isError(x: unknown): x is ConnParseError {
  return typeof x === 'object' && x !== null && 'error' in x;
}

const ALL_PROTOS = IntervalSet.range(PROTO_MIN, PROTO_MAX);

/** Protocol list → set of numbers; `all but X, Y` is the complement within 1..255. */
function parseProtocols(v: (string | number)[] | string): IntervalSet | ConnParseError {
  let items: (string | number)[];
  let negated = false;
  if (typeof v === 'string') {
    let t = v.trim();
    if (/^all but\s/i.test(t)) {
      negated = true;
      t = t.slice(7);
    }
    items = t.split(',');
  } else items = v;
  let set = IntervalSet.empty();
  for (const it of items) {
    const n = typeof it === 'number' ? it : ncaProtocolNumber(it);
    if (n === undefined || !Number.isInteger(n) || n < 0 || n > PROTO_MAX) return { error: `unknown protocol '${it}'` };
    // Protocol 0 (HOPOPT) exists in NCA's universe but cannot occur in a Calico rule: ignore it.
    if (n >= PROTO_MIN) set = set.union(IntervalSet.point(n));
  }
  return negated ? ALL_PROTOS.subtract(set) : set;
}

/** One cube → the connections it denotes. */
export function ncaCubeToConnSet(cube: NcaCube): ConnSet | ConnParseError {
  const c = cube as Record<string, unknown>;
  for (const [k, v] of Object.entries(c)) {
    if (v === undefined || v === null) continue;
    if (k === 'hosts' || k === 'paths' || k === 'methods') {
      return { error: `L7 dimension '${k}' (hosts/paths/methods) is not modelled`, unsupported: 'l7' };
    }
    if (!['protocols', 'dst_ports', 'src_ports', 'icmp_type', 'icmp_code'].includes(k)) {
      return { error: `unknown cube dimension '${k}'` };
    }
    if (k !== 'protocols' && typeof v !== 'string') return { error: `cube dimension '${k}' must be a string` };
  }
  let srcPorts: IntervalSet | undefined;
  if (cube.src_ports !== undefined) {
    const sp = parseRanges(cube.src_ports, PORT_MIN, PORT_MAX, 'source port');
    if (isError(sp)) return sp;
    if (!sp.equals(PORT_DOMAIN)) srcPorts = sp;
  }
  const protos = cube.protocols === undefined ? ALL_PROTOS : parseProtocols(cube.protocols);
  if (isError(protos)) return protos;
  let ports: IntervalSet | undefined;
  if (cube.dst_ports !== undefined) {
    const p = parseRanges(cube.dst_ports, PORT_MIN, PORT_MAX, 'port');
    if (isError(p)) return p;
    ports = p;
  }
  let icmp: IntervalSet | undefined;
  if (cube.icmp_type !== undefined || cube.icmp_code !== undefined) {
    const types = cube.icmp_type === undefined ? IntervalSet.range(0, ICMP_TYPE_MAX) : parseRanges(cube.icmp_type, 0, ICMP_TYPE_MAX, 'ICMP type');
    if (isError(types)) return types;
    const codes = cube.icmp_code === undefined ? IntervalSet.range(0, ICMP_CODE_MAX) : parseRanges(cube.icmp_code, 0, ICMP_CODE_MAX, 'ICMP code');
    if (isError(codes)) return codes;
    icmp = icmpProduct(types, codes);
  }
  if (srcPorts !== undefined) {
    // Only port protocols have source ports: a cube restricting them lists TCP/UDP/SCTP only.
    let out = ConnSet.none();
    for (const [lo, hi] of protos.ranges()) {
      for (let p = lo; p <= hi; p++) {
        if (!hasPorts(p)) return { error: `src_ports given for protocol ${ncaProtocolName(p)}, which has no ports` };
        out = out.union(ConnSet.ports(p, ports ?? PORT_DOMAIN, srcPorts));
      }
    }
    return out;
  }
  // Built in one go through the plain-data form: a cube may list up to 255 protocols.
  const entries: ConnSetJSON['entries'] = [];
  for (const [lo, hi] of protos.ranges()) {
    for (let p = lo; p <= hi; p++) {
      // A port or ICMP restriction only makes sense for protocols that have that dimension.
      if (ports !== undefined && !hasPorts(p)) return { error: `dst_ports given for protocol ${ncaProtocolName(p)}, which has no ports` };
      if (icmp !== undefined && !isIcmp(p)) return { error: `icmp_type/icmp_code given for non-ICMP protocol ${ncaProtocolName(p)}` };
      const values = ports ?? icmp ?? protocolDomain(p);
      entries.push([p, values.ranges().map(([a, b]): [number, number] => [a, b])]);
    }
  }
  return ConnSet.fromJSON({ rest: false, entries });
}

/** The encoded keys of types × codes. */
function icmpProduct(types: IntervalSet, codes: IntervalSet): IntervalSet {
  const rs: [number, number][] = [];
  for (const [tlo, thi] of types.ranges()) {
    if (codes.equals(IntervalSet.range(0, ICMP_CODE_MAX))) {
      rs.push([icmpKey(tlo, 0), icmpKey(thi, ICMP_CODE_MAX)]);
      continue;
    }
    for (let t = tlo; t <= thi; t++) for (const [clo, chi] of codes.ranges()) rs.push([icmpKey(t, clo), icmpKey(t, chi)]);
  }
  return IntervalSet.of(rs);
}

/** A corpus `conn_struct` (untrusted data) → connections. */
export function ncaStructToConnSet(struct: unknown): ConnSet | ConnParseError {
  if (typeof struct !== 'object' || struct === null) return { error: 'conn_struct is not an object' };
  const s = struct as { negated?: unknown; cubes?: unknown };
  if (!Array.isArray(s.cubes)) return { error: 'conn_struct.cubes is not a list' };
  let out = ConnSet.none();
  for (const cube of s.cubes) {
    if (typeof cube !== 'object' || cube === null) return { error: 'conn_struct cube is not an object' };
    const c = ncaCubeToConnSet(cube as NcaCube);
    if (isError(c)) return c;
    out = out.union(c);
  }
  return s.negated === true ? out.complement() : out;
}

const DIMS = ['protocols', 'src_ports', 'dst_ports', 'icmp_type', 'icmp_code', 'hosts', 'paths', 'methods', 'src_peers', 'dst_peers'];
const DIM_SPLIT = new RegExp(`(?:^|,)\\s*(${DIMS.join('|')}):`, 'g');

/** Parses NCA's raw text: `All connections`, `No connections`, `[All but ]{k:v,...},{...}`. */
export function parseNcaRaw(text: string): ConnSet | ConnParseError {
  let t = text.trim();
  if (/^all connections$/i.test(t)) return ConnSet.all();
  if (/^no connections$/i.test(t)) return ConnSet.none();
  let negated = false;
  if (/^all but\s/i.test(t)) {
    negated = true;
    t = t.slice(7).trim();
  }
  const cubes: NcaCube[] = [];
  while (t.length > 0) {
    if (!t.startsWith('{')) return { error: `expected '{' in NCA connection string at '${t}'` };
    const end = t.indexOf('}');
    if (end < 0) return { error: "unterminated '{' in NCA connection string" };
    const body = t.slice(1, end);
    const cube: Record<string, string> = {};
    const keys = [...body.matchAll(DIM_SPLIT)];
    if (keys.length === 0 || (keys[0]?.index ?? -1) !== 0) return { error: `bad NCA cube '{${body}}'` };
    keys.forEach((m, i) => {
      const next = keys[i + 1];
      const start = (m.index ?? 0) + m[0].length;
      cube[m[1] as string] = body.slice(start, next === undefined ? body.length : next.index).trim();
    });
    cubes.push(cube as NcaCube);
    t = t.slice(end + 1).trim();
    if (t.startsWith(',')) t = t.slice(1).trim();
  }
  if (cubes.length === 0) return { error: 'empty NCA connection string' };
  return ncaStructToConnSet({ negated, cubes });
}

/** NCA's protocol list: names in numeric order, or `all but ...` when the complement is shorter. */
function protocolList(protos: number[]): string {
  const inSet = new Set(protos);
  const compl: number[] = [];
  for (let p = PROTO_MIN; p <= PROTO_MAX; p++) if (!inSet.has(p)) compl.push(p);
  const names = (ps: number[]) => ps.map(ncaProtocolName).join(', ');
  return compl.length < protos.length ? `all but ${names(compl)}` : names(protos);
}

/** The cubes of a set, NCA style (protocols with equal properties share a cube). */
function cubesOf(c: ConnSet): { first: number; text: string }[] {
  const groups = new Map<string, { protos: number[]; dims: string[] }>();
  for (const p of c.protocols()) {
    const s = c.portsOf(p);
    let dimTexts: string[];
    if (c.hasWholeProtocol(p)) dimTexts = [''];
    else if (hasPorts(p) && c.dependsOnSourcePort(p)) dimTexts = c.sourcePortPieces(p).map(portCube);
    else if (hasPorts(p)) dimTexts = [`dst_ports:${s.toString()}`];
    else dimTexts = icmpCubes(s);
    const key = dimTexts.join('|');
    const g = groups.get(key) ?? { protos: [], dims: dimTexts };
    g.protos.push(p);
    groups.set(key, g);
  }
  const out: { first: number; text: string }[] = [];
  for (const g of groups.values()) {
    const pl = `protocols:${protocolList(g.protos)}`;
    for (const d of g.dims) out.push({ first: g.protos[0] as number, text: `{${d === '' ? pl : `${pl},${d}`}}` });
  }
  // Stable order: by lowest protocol, then as generated (ICMP cubes by lowest type).
  return out.map((x, i) => ({ ...x, i })).sort((a, b) => a.first - b.first || a.i - b.i);
}

/** `src_ports:..,dst_ports:..` of one source-port piece (a whole dimension is left out, as NCA does). */
function portCube(piece: { src: IntervalSet; dst: IntervalSet }): string {
  const dims: string[] = [];
  if (!piece.src.equals(PORT_DOMAIN)) dims.push(`src_ports:${piece.src.toString()}`);
  if (!piece.dst.equals(PORT_DOMAIN)) dims.push(`dst_ports:${piece.dst.toString()}`);
  return dims.join(',');
}

/** `icmp_type:..,icmp_code:..` texts for a partial ICMP key set: types with equal code sets share a cube. */
function icmpCubes(keys: IntervalSet): string[] {
  const byCodes = new Map<string, number[]>();
  for (let t = 0; t <= ICMP_TYPE_MAX; t++) {
    const codes = keys.intersect(IntervalSet.range(icmpKey(t, 0), icmpKey(t, ICMP_CODE_MAX)));
    if (codes.isEmpty()) continue;
    const rel = IntervalSet.of(codes.ranges().map(([lo, hi]): [number, number] => [lo - icmpKey(t, 0), hi - icmpKey(t, 0)]));
    const k = rel.equals(IntervalSet.range(0, ICMP_CODE_MAX)) ? '' : rel.toString();
    const list = byCodes.get(k) ?? [];
    list.push(t);
    byCodes.set(k, list);
  }
  const out: string[] = [];
  for (const [codes, types] of byCodes) {
    const ts = IntervalSet.of(types.map((t): [number, number] => [t, t])).toString();
    out.push(codes === '' ? `icmp_type:${ts}` : `icmp_type:${ts},icmp_code:${codes}`);
  }
  return out;
}

/** NCA's text for a set, without the `All but` choice. */
function rawDirect(c: ConnSet): string {
  if (c.isAll()) return 'All connections';
  if (c.isEmpty()) return 'No connections';
  return cubesOf(c).map((x) => x.text).join(',');
}

/**
 * NCA's text for a set: the direct cubes, or `All but <complement>` when that is shorter
 * (the same choice NCA makes in its txt output).
 */
export function formatNcaRaw(c: ConnSet): string {
  const direct = rawDirect(c);
  if (c.isAll() || c.isEmpty()) return direct;
  const compl = rawDirect(c.complement());
  return compl.length < direct.length ? `All but ${compl}` : direct;
}
