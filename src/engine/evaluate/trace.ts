import type { Profile } from '../model/endpoint';
import type { Direction, EntityMatch, PolicyId, PortMatch, Rule } from '../model/policy';
import type { SourceRange } from '../model/source';
import { hasPorts, isIcmp } from '../net';
import type { ApplicableTiers } from './order';
import { namedPortEndpoint, peerIpVersion, servicePorts, sideMatchesPeer, type Peer } from './peer';

/**
 * One concrete connection attempt (the first packet). ICMP flows carry type and code; TCP,
 * UDP and SCTP flows a destination `port` and optionally a source port (SPEC §4.1).
 */
export interface Flow {
  protocol: number;
  port?: number;
  /** Source port; when absent the trace assumes {@link ASSUMED_SOURCE_PORT}. */
  srcPort?: number;
  icmpType?: number;
  icmpCode?: number;
}

/**
 * The source port a flow without one is evaluated with: the first port of Linux's default
 * ephemeral range (`ip_local_port_range` 32768-60999), what a client's connection normally
 * comes from. It only matters to rules with `source.ports` / `source.notPorts`; an
 * explanation that consulted such a rule says it assumed this port.
 */
export const ASSUMED_SOURCE_PORT = 32768;

/** One hit in the evaluation sequence of a direction (SPEC §4.10). */
export type TraceStep =
  /** `range`: the rule as written; `policyRange`: the whole policy document. */
  | { kind: 'rule'; tier: string; policy: PolicyId; ruleIndex: number; action: 'allow' | 'deny' | 'pass' | 'log'; staged: boolean; range: SourceRange; policyRange: SourceRange }
  | { kind: 'end-of-tier'; tier: string; policy: PolicyId; action: 'deny' | 'pass'; range: SourceRange }
  /** A profile rule decided; `profile: null, ruleIndex: -1`: no profile allowed, dropped. */
  | { kind: 'profile'; profile: string | null; ruleIndex: number; action: 'allow' | 'deny' }
  /** SPEC §6.34: the source is the destination pod's own node: ingress allowed, no policy consulted. */
  | { kind: 'own-node'; node?: string; action: 'allow' };

/** The verdict of one side of a connection, with how it was reached. */
export interface DirectionDecision {
  direction: Direction;
  /** False when that end is not a workload endpoint (e.g. the internet): nothing is enforced there. */
  enforced: boolean;
  allowed: boolean;
  steps: TraceStep[];
  /** Set when the flow had no source port and a rule with a source-port condition was consulted. */
  assumedSourcePort?: number;
}

/** SPEC §3.5: does `port` (the flow's destination or source port) match one of `ports` on the endpoint `peer` of that side? */
function portMatches(ports: readonly PortMatch[], rule: Rule, peer: Peer, flow: Flow, port: number | undefined, positive: EntityMatch['positive']): boolean {
  if (port === undefined) return false;
  return ports.some((p) => {
    if (p.kind === 'range') return rule.protocol === flow.protocol && p.lo <= port && port <= p.hi;
    const ep = namedPortEndpoint(peer); // SPEC §6.9, §1.7: no named ports outside endpoints with addresses
    if (!ep) return false;
    if (positive && !positive.match(ep.labels)) return false;
    return ep.namedPorts.some((np) => np.name === p.name && np.protocol === flow.protocol && np.port === port
      && (rule.protocol === undefined || rule.protocol === np.protocol));
  });
}

/** The port criteria of one side (SPEC §3.2 steps 4-5). */
function sidePortsMatch(side: EntityMatch, rule: Rule, peer: Peer, flow: Flow, port: number | undefined): boolean {
  if (side.ports && !portMatches(side.ports, rule, peer, flow, port, side.positive)) return false;
  if (side.notPorts && portMatches(side.notPorts, rule, peer, flow, port, side.positive)) return false;
  return true;
}

/** The source port a flow is evaluated with (only flows of port protocols have one). */
function sourcePortOf(flow: Flow): number | undefined {
  return hasPorts(flow.protocol) ? flow.srcPort ?? ASSUMED_SOURCE_PORT : undefined;
}

/** True when a rule's outcome for a flow without source port depended on the assumption. */
function usesAssumedSourcePort(rule: Rule, flow: Flow): boolean {
  return flow.srcPort === undefined && hasPorts(flow.protocol) && (rule.source.ports !== undefined || rule.source.notPorts !== undefined);
}

function icmpMatches(want: { type?: number; code?: number }, flow: Flow): boolean {
  if (want.type === undefined) return true;
  if (flow.icmpType !== want.type) return false;
  return want.code === undefined || flow.icmpCode === want.code;
}

/** SPEC §3.2 for one flow: every criterion that is set must match. */
export function ruleMatchesFlow(rule: Rule, src: Peer, dst: Peer, flow: Flow): boolean {
  if (rule.ipVersion !== undefined) {
    const v = peerIpVersion(src) ?? peerIpVersion(dst);
    if (v !== undefined && v !== rule.ipVersion) return false;
  }
  if (rule.protocol !== undefined && rule.protocol !== flow.protocol) return false;
  if (rule.notProtocol !== undefined && rule.notProtocol === flow.protocol) return false;
  if (rule.icmp && (!isIcmp(flow.protocol) || !icmpMatches(rule.icmp, flow))) return false;
  if (rule.notIcmp && rule.notIcmp.type !== undefined && isIcmp(flow.protocol) && icmpMatches(rule.notIcmp, flow)) return false;
  if (!sideMatchesPeer(rule.source, src) || !sideMatchesPeer(rule.destination, dst)) return false;
  if (!sidePortsMatch(rule.source, rule, src, flow, sourcePortOf(flow))) return false;
  if (!sidePortsMatch(rule.destination, rule, dst, flow, flow.port)) return false;
  // SPEC §3.6: a destination services match is a set of (backend address, protocol, port) tuples.
  const svc = servicePorts(rule.destination, dst);
  return !svc || svc.containsFlow(flow.protocol, flow.port, flow.icmpType, flow.icmpCode);
}

/** SPEC §4.5 for one flow, recording every Pass hop, the deciding rule, end-of-tier or profile. */
export function decideDirection(tiers: ApplicableTiers, profiles: readonly Profile[], dir: Direction, src: Peer, dst: Peer, flow: Flow): DirectionDecision {
  let assumed = false;
  const matches = (rule: Rule) => {
    if (usesAssumedSourcePort(rule, flow)) assumed = true;
    return ruleMatchesFlow(rule, src, dst, flow);
  };
  const d = decideSteps(tiers, profiles, dir, matches);
  return assumed ? { ...d, assumedSourcePort: ASSUMED_SOURCE_PORT } : d;
}

function decideSteps(tiers: ApplicableTiers, profiles: readonly Profile[], dir: Direction, matches: (rule: Rule) => boolean): DirectionDecision {
  const steps: TraceStep[] = [];
  for (const { tier, policies } of tiers) {
    let passed = false;
    outer: for (const policy of policies) {
      for (const rule of policy[dir]) {
        if (!matches(rule)) continue;
        const base = { tier: tier.name, policy: policy.id, ruleIndex: rule.index, staged: policy.staged, range: rule.range, policyRange: policy.range } as const;
        if (rule.action === 'Log') {
          steps.push({ kind: 'rule', ...base, action: 'log' });
          continue;
        }
        if (rule.action === 'Allow') {
          steps.push({ kind: 'rule', ...base, action: 'allow' });
          return { direction: dir, enforced: true, allowed: true, steps };
        }
        if (rule.action === 'Deny') {
          steps.push({ kind: 'rule', ...base, action: 'deny' });
          return { direction: dir, enforced: true, allowed: false, steps };
        }
        steps.push({ kind: 'rule', ...base, action: 'pass' });
        passed = true;
        break outer;
      }
    }
    if (!passed) {
      // SPEC §4.10: the policy named on an end-of-tier hit is arbitrary; we name the first that applied.
      const first = policies[0]!;
      steps.push({ kind: 'end-of-tier', tier: tier.name, policy: first.id, action: tier.defaultAction === 'Pass' ? 'pass' : 'deny', range: first.range });
      if (tier.defaultAction !== 'Pass') return { direction: dir, enforced: true, allowed: false, steps };
    }
  }
  for (const profile of profiles) {
    for (const rule of profile[dir]) {
      if (rule.action === 'Log' || !matches(rule)) continue;
      const allowed = rule.action === 'Allow'; // SPEC Appendix B.7: Deny or Pass in a profile drops
      steps.push({ kind: 'profile', profile: profile.name, ruleIndex: rule.index, action: allowed ? 'allow' : 'deny' });
      return { direction: dir, enforced: true, allowed, steps };
    }
  }
  steps.push({ kind: 'profile', profile: null, ruleIndex: -1, action: 'deny' });
  return { direction: dir, enforced: true, allowed: false, steps };
}
