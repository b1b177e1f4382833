import type { Profile } from '../model/endpoint';
import type { Direction, EntityMatch, PolicyId, PortMatch, Rule } from '../model/policy';
import type { SourceRange } from '../model/source';
import { isIcmp } from '../net';
import type { ApplicableTiers } from './order';
import { peerIpVersion, servicePorts, sideMatchesPeer, type Peer } from './peer';

/** One concrete connection attempt (the first packet). ICMP flows carry type and code. */
export interface Flow {
  protocol: number;
  port?: number;
  icmpType?: number;
  icmpCode?: number;
}

/** One hit in the evaluation sequence of a direction (SPEC §4.10). */
export type TraceStep =
  | { kind: 'rule'; tier: string; policy: PolicyId; ruleIndex: number; action: 'allow' | 'deny' | 'pass' | 'log'; staged: boolean; range: SourceRange }
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
}

function portMatches(ports: readonly PortMatch[], rule: Rule, peer: Peer, flow: Flow, positive: EntityMatch['positive']): boolean {
  if (flow.port === undefined) return false;
  return ports.some((p) => {
    if (p.kind === 'range') return rule.protocol === flow.protocol && p.lo <= flow.port! && flow.port! <= p.hi;
    if (peer.type !== 'endpoint') return false; // SPEC §6.9: no named ports outside endpoints
    if (positive && !positive.match(peer.ep.labels)) return false;
    return peer.ep.namedPorts.some((np) => np.name === p.name && np.protocol === flow.protocol && np.port === flow.port
      && (rule.protocol === undefined || rule.protocol === np.protocol));
  });
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
  const d = rule.destination;
  if (d.ports && !portMatches(d.ports, rule, dst, flow, d.positive)) return false;
  if (d.notPorts && portMatches(d.notPorts, rule, dst, flow, d.positive)) return false;
  // SPEC §3.6: a destination services match is a set of (backend address, protocol, port) tuples.
  const svc = servicePorts(d, dst);
  if (svc && !svc.containsFlow(flow.protocol, flow.port, flow.icmpType, flow.icmpCode)) return false;
  return true;
}

/** SPEC §4.5 for one flow, recording every Pass hop, the deciding rule, end-of-tier or profile. */
export function decideDirection(tiers: ApplicableTiers, profiles: readonly Profile[], dir: Direction, src: Peer, dst: Peer, flow: Flow): DirectionDecision {
  const steps: TraceStep[] = [];
  for (const { tier, policies } of tiers) {
    let passed = false;
    outer: for (const policy of policies) {
      for (const rule of policy[dir]) {
        if (!ruleMatchesFlow(rule, src, dst, flow)) continue;
        const base = { tier: tier.name, policy: policy.id, ruleIndex: rule.index, staged: policy.staged, range: rule.range } as const;
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
      if (rule.action === 'Log' || !ruleMatchesFlow(rule, src, dst, flow)) continue;
      const allowed = rule.action === 'Allow'; // SPEC Appendix B.7: Deny or Pass in a profile drops
      steps.push({ kind: 'profile', profile: profile.name, ruleIndex: rule.index, action: allowed ? 'allow' : 'deny' });
      return { direction: dir, enforced: true, allowed, steps };
    }
  }
  steps.push({ kind: 'profile', profile: null, ruleIndex: -1, action: 'deny' });
  return { direction: dir, enforced: true, allowed: false, steps };
}
