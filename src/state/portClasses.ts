import { ASSUMED_SOURCE_PORT, connSetFromJSON, protocolName, type ConnSet, type EdgeData } from '../engine';

/**
 * An edge's allowed connections cut into classes the inspector lists (issue 4: "verdict per
 * port class"), each with a probe inside it, so a click explains that class. Pure; the sets
 * are the engine's own (`connSetFromJSON`), never recomputed here.
 */
export interface PortClass {
  /** `all`: every member pair of the two nodes allows it (`allowed`); `some`: only some do (`someAllowed` minus `allowed`). */
  members: 'all' | 'some';
  /** `ports`: TCP/UDP/SCTP destination ports; `icmp`: ICMP/ICMPv6 keys (`type * 256 + code`); `others`: protocol numbers. */
  kind: 'ports' | 'icmp' | 'others';
  /** The protocol (the first one of `others`). */
  protocol: number;
  /** `TCP`, `ICMPv6`, …; `other` for the others. */
  protocolName: string;
  /** Inclusive ranges of the class's dimension (see `kind`). */
  ranges: [number, number][];
  /** Ports only, when the destination ports depend on the source port: from these source ports. */
  srcPorts?: [number, number][];
  /** A flow of the class, as the probe picker and `parseProbe` write it (`TCP/80`, `ICMP/8/0`, `TCP/80 from 1024`, `47`). */
  probe: string;
}

const PORT_PROTOCOLS = [6, 17, 132]; // TCP, UDP, SCTP (SPEC §3.1)
const ICMP_PROTOCOLS = [1, 58]; // ICMP, ICMPv6
const ICMP_WHOLE = 254 * 256 + 255; // types 0..254, any code (engine net/protocol.ts ICMP_DOMAIN)

const copy = (rs: readonly (readonly [number, number])[]): [number, number][] => rs.map(([a, b]) => [a, b]);

/** Integers as inclusive ranges (sorted input). */
function toRanges(xs: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const x of xs) {
    const last = out[out.length - 1];
    if (last && x === last[1] + 1) last[1] = x;
    else out.push([x, x]);
  }
  return out;
}

function classesOf(set: ConnSet, members: PortClass['members']): PortClass[] {
  const out: PortClass[] = [];
  for (const p of PORT_PROTOCOLS) {
    for (const { src, dst } of set.sourcePortPieces(p)) {
      const whole = src.ranges().length === 1 && src.ranges()[0]![0] === 1 && src.ranges()[0]![1] === 65535;
      const port = dst.ranges()[0]![0];
      // A probe without source port is explained from the assumed ephemeral one: name another only when needed.
      const from = src.contains(ASSUMED_SOURCE_PORT) ? undefined : src.ranges()[0]![0];
      out.push({
        members, kind: 'ports', protocol: p, protocolName: protocolName(p), ranges: copy(dst.ranges()),
        ...(whole ? {} : { srcPorts: copy(src.ranges()) }),
        probe: `${protocolName(p)}/${port}${from === undefined ? '' : ` from ${from}`}`,
      });
    }
  }
  for (const p of ICMP_PROTOCOLS) {
    const keys = set.portsOf(p).ranges();
    if (keys.length === 0) continue;
    const whole = keys.length === 1 && keys[0]![0] === 0 && keys[0]![1] === ICMP_WHOLE;
    const first = keys[0]![0];
    // The whole protocol: the picker's plain `ICMP` (an echo request) is in it.
    const probe = whole ? protocolName(p) : `${protocolName(p)}/${Math.floor(first / 256)}/${first % 256}`;
    out.push({ members, kind: 'icmp', protocol: p, protocolName: protocolName(p), ranges: copy(keys), probe });
  }
  const others = set.protocols().filter((p) => !PORT_PROTOCOLS.includes(p) && !ICMP_PROTOCOLS.includes(p));
  if (others.length > 0) {
    out.push({ members, kind: 'others', protocol: others[0]!, protocolName: 'other', ranges: toRanges(others), probe: String(others[0]) });
  }
  return out;
}

/**
 * The classes of an edge: what all member pairs allow (`allowed`), then, on a mixed edge, what
 * only some allow (`someAllowed` minus `allowed`). Empty when nothing is allowed.
 */
export function portClasses(edge: Pick<EdgeData, 'allowed' | 'mixed' | 'someAllowed'>): PortClass[] {
  const all = connSetFromJSON(edge.allowed);
  const out = classesOf(all, 'all');
  if (edge.mixed && edge.someAllowed) out.push(...classesOf(connSetFromJSON(edge.someAllowed).subtract(all), 'some'));
  return out;
}
