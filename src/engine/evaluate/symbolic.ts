import type { Profile } from '../model/endpoint';
import type { Direction, EntityMatch, PortMatch, Rule } from '../model/policy';
import { ConnSet, hasPorts, IntervalSet } from '../net';
import type { ApplicableTiers } from './order';
import { namedPortEndpoint, peerIpVersion, servicePorts, sideMatchesPeer, type Peer } from './peer';

const MAX_PORT = 65535;

const ALL_PORTS = IntervalSet.range(1, MAX_PORT);

/**
 * Ports of one side as a connection set: destination ports for the destination side, source
 * ports (every destination port) for the source side (SPEC §3.2 steps 4-5). Named ports
 * resolve on the endpoint at that side (SPEC §3.5).
 */
function portsToSet(ports: readonly PortMatch[], rule: Rule, peer: Peer, positive: EntityMatch['positive'], source: boolean): ConnSet {
  const set = (proto: number, ps: IntervalSet) => (source ? ConnSet.ports(proto, ALL_PORTS, ps) : ConnSet.ports(proto, ps));
  let out = ConnSet.none();
  for (const p of ports) {
    if (p.kind === 'range') {
      // Validation guarantees a port protocol here (SPEC §3.1); port 0 is not a connection port.
      if (rule.protocol === undefined || !hasPorts(rule.protocol)) continue;
      const lo = Math.max(1, p.lo);
      if (lo > p.hi) continue;
      out = out.union(set(rule.protocol, IntervalSet.range(lo, Math.min(MAX_PORT, p.hi))));
      continue;
    }
    // SPEC §3.5 / §6.9: only endpoints declare named ports, and only an endpoint that itself
    // matches the side's positive selector; with a rule protocol, only declarations of that
    // protocol count, otherwise each declaration's own protocol. Source-side names resolve
    // on the source endpoint against the source port.
    const ep = namedPortEndpoint(peer);
    if (!ep) continue;
    if (positive && !positive.match(ep.labels)) continue;
    for (const np of ep.namedPorts) {
      if (np.name !== p.name) continue;
      if (rule.protocol !== undefined && rule.protocol !== np.protocol) continue;
      out = out.union(set(np.protocol, IntervalSet.range(np.port, np.port)));
    }
  }
  return out;
}

function sidePortSet(side: EntityMatch, rule: Rule, peer: Peer, source: boolean): ConnSet {
  let set = side.ports ? portsToSet(side.ports, rule, peer, side.positive, source) : ConnSet.all();
  if (side.notPorts) set = set.subtract(portsToSet(side.notPorts, rule, peer, side.positive, source));
  return set;
}

/** The protocol / ICMP part of a rule as a connection set (SPEC §3.2 steps 2-3). */
export function protocolSet(rule: Rule): ConnSet {
  let set = rule.protocol === undefined ? ConnSet.all() : ConnSet.protocol(rule.protocol);
  if (rule.notProtocol !== undefined) set = set.subtract(ConnSet.protocol(rule.notProtocol));
  if (rule.protocol !== undefined && rule.icmp && rule.icmp.type !== undefined) {
    set = set.intersect(ConnSet.icmp(rule.protocol, rule.icmp.type, rule.icmp.code));
  }
  if (rule.protocol !== undefined && rule.notIcmp && rule.notIcmp.type !== undefined) {
    set = set.subtract(ConnSet.icmp(rule.protocol, rule.notIcmp.type, rule.notIcmp.code));
  }
  return set;
}

/** True when a side lists a named port (its port set then depends on the endpoint at that side). */
export function hasNamedPorts(side: EntityMatch): boolean {
  return (side.ports?.some((p) => p.kind === 'named') ?? false) || (side.notPorts?.some((p) => p.kind === 'named') ?? false);
}

/** True when a side restricts ports at all (numeric or named). */
function hasPortCondition(side: EntityMatch): boolean {
  return side.ports !== undefined || side.notPorts !== undefined;
}

/** True when a rule's connections depend on the destination peer: named ports or a destination services match (SPEC §3.5, §3.6). */
export function dependsOnDestination(rule: Rule): boolean {
  return hasNamedPorts(rule.destination) || rule.destination.services !== undefined;
}

/**
 * The protocol and port part of a rule (SPEC §3.2 steps 2-3 and the port criteria of steps
 * 4-5, and a destination services match, SPEC §3.6): what `ruleMatchSet` returns once both
 * sides match. It depends on `src` only through source-side named ports and on `dst` only
 * through destination-side named ports and services.
 */
export function ruleConnections(rule: Rule, src: Peer, dst: Peer): ConnSet {
  let set = protocolSet(rule);
  if (hasPortCondition(rule.source)) set = set.intersect(sidePortSet(rule.source, rule, src, true));
  if (hasPortCondition(rule.destination)) set = set.intersect(sidePortSet(rule.destination, rule, dst, false));
  // SPEC §3.6: a destination services match is a set of (backend address, protocol, port) tuples.
  const svc = servicePorts(rule.destination, dst);
  return svc ? set.intersect(svc) : set;
}

/**
 * Every connection (protocol, source and destination port / ICMP type+code) from `src` to
 * `dst` that the rule matches.
 */
export function ruleMatchSet(rule: Rule, src: Peer, dst: Peer): ConnSet {
  if (rule.ipVersion !== undefined) {
    const v = peerIpVersion(src) ?? peerIpVersion(dst);
    if (v !== undefined && v !== rule.ipVersion) return ConnSet.none();
  }
  if (!sideMatchesPeer(rule.source, src) || !sideMatchesPeer(rule.destination, dst)) return ConnSet.none();
  return ruleConnections(rule, src, dst);
}

/**
 * SPEC §4.5, for every connection at once: walks the applicable tiers, carrying the set of
 * connections not yet decided. Allow adds to the result, Deny removes, Pass skips the rest of
 * the tier for the matched connections, Log changes nothing; at the end of a tier the
 * undecided connections are denied unless the tier's default action is Pass. Whatever falls
 * through every tier reaches the endpoint's profiles in order (a pod's `kns.<ns>` allows
 * everything, SPEC §1.8); what no profile allows is dropped.
 */
export function allowedInDirection(tiers: ApplicableTiers, profiles: readonly Profile[], dir: Direction, src: Peer, dst: Peer): ConnSet {
  let remaining = ConnSet.all();
  let allowed = ConnSet.none();
  for (const { tier, policies } of tiers) {
    let undecided = remaining;
    let passed = ConnSet.none();
    for (const policy of policies) {
      for (const rule of policy[dir]) {
        if (undecided.isEmpty()) break;
        if (rule.action === 'Log') continue;
        const hit = ruleMatchSet(rule, src, dst).intersect(undecided);
        if (hit.isEmpty()) continue;
        undecided = undecided.subtract(hit);
        if (rule.action === 'Allow') allowed = allowed.union(hit);
        else if (rule.action === 'Pass') passed = passed.union(hit);
      }
    }
    remaining = tier.defaultAction === 'Pass' ? passed.union(undecided) : passed;
    if (remaining.isEmpty()) return allowed;
  }
  // SPEC §4.5: profiles; a Deny or Pass rule in a profile drops (Appendix B.7).
  for (const profile of profiles) {
    for (const rule of profile[dir]) {
      if (remaining.isEmpty()) return allowed;
      if (rule.action === 'Log') continue;
      const hit = ruleMatchSet(rule, src, dst).intersect(remaining);
      if (hit.isEmpty()) continue;
      remaining = remaining.subtract(hit);
      if (rule.action === 'Allow') allowed = allowed.union(hit);
    }
  }
  return allowed;
}
