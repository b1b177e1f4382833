/**
 * Printing and parsing connection sets in the corpus grammar
 * (shared/corpus/README.md, "Connection strings (conn)"):
 *
 * ```
 * conn  := "All Connections" | "No Connections" | "All Connections except " items | items | "nca:" raw
 * items := item ("," item)*            sorted alphabetically by protocol name
 * item  := PROTO " " ports | PROTO     ports only (and always) for TCP, UDP, SCTP
 * ```
 *
 * Sets whose destination ports depend on the source port (SPEC §3.2 step 4) have no simple
 * form: NCA writes `nca:{protocols:TCP,src_ports:...}` (printed for the nca conventions, and
 * read), netpol-analyzer never produces them. Our own output (`readable`, and always under the
 * netpol-analyzer conventions) says them with one item per group of source ports,
 * `TCP 80 from source ports 1-1023`, which is read back too.
 *
 * Two conventions give the words different meanings. Under `netpol-analyzer` the universe is
 * TCP + UDP + SCTP (the only protocols that tool models): "All Connections" is all ports of the
 * three, anything else is dropped before printing, and the tool never prints an `except` form.
 * Under `nca` the universe is every protocol; NCA prints the complement (`All but`) when that
 * is shorter, and the corpus renders it as `All Connections except ...`; sets the simple grammar
 * cannot say (partial ICMP, protocols whose NCA name is a number) use `nca:` + NCA's text.
 */
import { ConnSet, hasPorts, PORT_DOMAIN, PORT_MAX, PORT_MIN, PROTO, protocolName } from './connset';
import { IntervalSet } from './interval';
import {
  type ConnParseError,
  formatNcaRaw,
  ncaProtocolName,
  ncaProtocolNumber,
  ncaStructToConnSet,
  parseNcaRaw,
  parseRanges,
} from './ncaform';

/** Which tool's meaning of the connection strings applies (case.json `conventions`). */
export type Conventions = 'nca' | 'netpol-analyzer';

const ALL = 'All Connections';
const NONE = 'No Connections';
const EXCEPT = 'All Connections except ';
const NCA_PREFIX = 'nca:';
const FROM = ' from source ports ';

/** The netpol-analyzer universe: every port of TCP, UDP and SCTP. */
const NPA_UNIVERSE = ConnSet.ports(PROTO.TCP, PORT_DOMAIN)
  .union(ConnSet.ports(PROTO.UDP, PORT_DOMAIN))
  .union(ConnSet.ports(PROTO.SCTP, PORT_DOMAIN));

/** The set that "All Connections" denotes under a convention. */
export function universeOf(conv: Conventions): ConnSet {
  return conv === 'nca' ? ConnSet.all() : NPA_UNIVERSE;
}

/**
 * The `items` text of a set, or undefined when the simple grammar cannot say it: a partial
 * ICMP set, or a protocol without ports whose printed name does not start with a letter
 * (the grammar starts an item at a letter; digits after it are ports).
 */
function simpleItems(c: ConnSet, conv: Conventions): string | undefined {
  const items: { name: string; text: string }[] = [];
  for (const p of c.protocols()) {
    if (hasPorts(p)) {
      const name = protocolName(p);
      if (!c.dependsOnSourcePort(p)) {
        items.push({ name, text: `${name} ${c.portsOf(p).toString()}` });
        continue;
      }
      for (const piece of c.sourcePortPieces(p)) items.push({ name, text: `${name} ${piece.dst.toString()}${FROM}${piece.src.toString()}` });
      continue;
    }
    if (!c.hasWholeProtocol(p)) return undefined;
    const name = conv === 'nca' ? ncaProtocolName(p) : protocolName(p);
    if (!/^[A-Za-z]/.test(name)) return undefined;
    items.push({ name, text: name });
  }
  // Code-unit order, as the corpus builder sorted (Python's sorted()); stable, so the source-port
  // pieces of one protocol stay in ascending order of their lowest source port.
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return items.map((i) => i.text).join(',');
}

/**
 * Formats a set as the corpus `conn` string of one convention.
 *
 * - `netpol-analyzer`: restricted to TCP/UDP/SCTP; `All Connections` when all three are whole,
 *   else `SCTP 1-65535,TCP 80,UDP 53` style (the tool never prints `except`).
 * - `nca`: `All Connections`; the shorter of the direct items and `All Connections except`
 *   the complement (ties: direct, as NCA); else `nca:` + NCA's notation, which is also the
 *   form of a set that depends on source ports unless `readable` asks for our item form.
 */
export function formatConnSet(c: ConnSet, conv: Conventions, readable = false): string {
  if (conv === 'netpol-analyzer') {
    const r = c.intersect(NPA_UNIVERSE);
    if (r.isEmpty()) return NONE;
    if (r.equals(NPA_UNIVERSE)) return ALL;
    return simpleItems(r, conv) as string; // TCP/UDP/SCTP only: always expressible
  }
  if (c.isEmpty()) return NONE;
  if (c.isAll()) return ALL;
  if (!readable && c.constrainsSourcePorts()) return NCA_PREFIX + formatNcaRaw(c);
  const direct = simpleItems(c, conv);
  const except = simpleItems(c.complement(), conv);
  if (direct !== undefined && (except === undefined || direct.length <= except.length)) return direct;
  if (except !== undefined) return EXCEPT + except;
  return NCA_PREFIX + formatNcaRaw(c);
}

function isError(x: ConnSet | ConnParseError): x is ConnParseError {
  return !(x instanceof ConnSet);
}

/** Parses `items` (see the module comment, readable source-port items included) into a set. */
function parseItems(text: string, conv: Conventions): ConnSet | ConnParseError {
  let out = ConnSet.none();
  // The item being read: a port protocol collects destination ports, then (after "from source
  // ports") source ports; the following digit tokens extend whichever list is open.
  let cur: { proto: number; dst: IntervalSet; src?: IntervalSet } | undefined;
  const flush = () => {
    if (cur) out = out.union(ConnSet.ports(cur.proto, cur.dst, cur.src));
    cur = undefined;
  };
  const addSourcePorts = (t: string): ConnParseError | undefined => {
    const r = parseRanges(t, PORT_MIN, PORT_MAX, 'source port');
    if (!(r instanceof IntervalSet)) return r;
    cur!.src = (cur!.src ?? IntervalSet.empty()).union(r);
    return undefined;
  };
  const addPorts = (t: string): ConnParseError | undefined => {
    const at = t.indexOf(FROM.trim());
    // A continuation of the source-port list: `TCP 80 from source ports 1-150,152-200`.
    if (at < 0 && cur!.src !== undefined) return addSourcePorts(t);
    const dstText = at < 0 ? t : t.slice(0, at).trim();
    if (dstText !== '') {
      if (cur!.src !== undefined) return { error: `destination ports '${dstText}' after source ports in '${text}'` };
      const r = parseRanges(dstText, PORT_MIN, PORT_MAX, 'port');
      if (!(r instanceof IntervalSet)) return r;
      cur!.dst = cur!.dst.union(r);
    }
    if (at < 0) return undefined;
    return addSourcePorts(t.slice(at + FROM.trim().length).trim());
  };
  for (const raw of text.split(',')) {
    const tok = raw.trim();
    if (tok === '') return { error: `empty item in '${text}'` };
    if (/^\d/.test(tok)) {
      if (cur === undefined) return { error: `port '${tok}' does not follow a TCP, UDP or SCTP item` };
      const e = addPorts(tok);
      if (e) return e;
      continue;
    }
    flush();
    const m = /^([A-Za-z][A-Za-z0-9]*)(?:\s+(.*))?$/.exec(tok);
    if (!m) return { error: `bad item '${tok}'` };
    const name = m[1] as string;
    const p = conv === 'nca' ? ncaProtocolNumber(name) : npaProtocol(name);
    if (p === undefined || p === 0) {
      return { error: `unknown protocol '${name}'${conv === 'netpol-analyzer' ? ' (netpol-analyzer models TCP, UDP, SCTP)' : ''}` };
    }
    if (m[2] === undefined) {
      // A bare port protocol is read as all its ports (NCA's `{protocols:TCP}`); the corpus writes `TCP 1-65535`.
      out = out.union(ConnSet.protocol(p));
      if (hasPorts(p)) cur = { proto: p, dst: IntervalSet.empty() };
      continue;
    }
    if (!hasPorts(p)) return { error: `protocol ${name} has no ports` };
    cur = { proto: p, dst: IntervalSet.empty() };
    const e = addPorts(m[2]);
    if (e) return e;
  }
  flush();
  return out;
}

function npaProtocol(name: string): number | undefined {
  const u = name.toUpperCase();
  return u === 'TCP' ? PROTO.TCP : u === 'UDP' ? PROTO.UDP : u === 'SCTP' ? PROTO.SCTP : undefined;
}

/**
 * Parses a corpus `conn` string under a convention. For `nca:` strings the row's
 * `conn_struct` is used when given (it is the structured form of the same text), else the NCA
 * text itself. Returns `{error, unsupported?}` on failure; `unsupported` says the string is
 * valid but needs source ports or L7 (hosts/paths/methods), which this model does not have.
 */
export function parseConnString(s: string, conv: Conventions, connStruct?: unknown): ConnSet | ConnParseError {
  const t = s.trim();
  if (t.startsWith(NCA_PREFIX)) {
    if (conv !== 'nca') return { error: "the 'nca:' form only occurs under the nca conventions" };
    return connStruct !== undefined && connStruct !== null ? ncaStructToConnSet(connStruct) : parseNcaRaw(t.slice(NCA_PREFIX.length));
  }
  const universe = universeOf(conv);
  if (t.toLowerCase() === ALL.toLowerCase()) return universe;
  if (t.toLowerCase() === NONE.toLowerCase()) return ConnSet.none();
  if (t.toLowerCase().startsWith(EXCEPT.toLowerCase())) {
    const r = parseItems(t.slice(EXCEPT.length), conv);
    return isError(r) ? r : universe.subtract(r);
  }
  return parseItems(t, conv);
}
