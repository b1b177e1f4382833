import { PROTO, protocolNumber } from '../net';
import type { Flow } from '../evaluate/trace';

/**
 * Parses a probe as users and the scripting API write it: `TCP/80`, `udp/53`, `ICMP`,
 * `ICMP/8/0` (type/code), `SCTP/9000`, and with a source port `TCP/80 from 1234` (or
 * `TCP/80/from/1234`). An ICMP probe without type means an echo request; a port probe
 * without source port is explained with an assumed ephemeral one (see `ASSUMED_SOURCE_PORT`).
 */
export function parseProbe(text: string): Flow | { error: string } {
  const parts = text.trim().split(/[/\s:]+/).filter((p) => p !== '');
  const proto = parts[0] ? protocolNumber(parts[0]) : undefined;
  if (proto === undefined) return { error: `unknown protocol in probe '${text}' (try TCP/80, UDP/53, ICMP)` };
  if (proto === PROTO.ICMP || proto === PROTO.ICMPv6) {
    const echo = proto === PROTO.ICMP ? 8 : 128;
    const type = parts[1] !== undefined ? Number(parts[1]) : echo;
    const code = parts[2] !== undefined ? Number(parts[2]) : 0;
    if (!Number.isInteger(type) || type < 0 || type > 255 || !Number.isInteger(code) || code < 0 || code > 255) {
      return { error: `bad ICMP type/code in probe '${text}'` };
    }
    return { protocol: proto, icmpType: type, icmpCode: code };
  }
  if (proto === PROTO.TCP || proto === PROTO.UDP || proto === PROTO.SCTP) {
    const port = Number(parts[1]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: `probe '${text}' needs a port 1-65535, e.g. TCP/80` };
    if (parts.length === 2) return { protocol: proto, port };
    const srcPort = Number(parts[3]);
    if (parts.length !== 4 || parts[2]!.toLowerCase() !== 'from' || !Number.isInteger(srcPort) || srcPort < 1 || srcPort > 65535) {
      return { error: `probe '${text}': a source port is written 'TCP/80 from 1234' (1-65535)` };
    }
    return { protocol: proto, port, srcPort };
  }
  return { protocol: proto };
}
