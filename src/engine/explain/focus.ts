/**
 * The editor's cursor as a question: which policy is written at this line, which graph nodes
 * does it select, and which nodes do its rules' peers match.
 */
import { universeOf, type Session } from '../analysis';
import type { Endpoint } from '../model/endpoint';
import type { Action, Direction, Policy, PolicyKind, Rule } from '../model/policy';
import type { SourceRange } from '../model/source';
import type { ClusterNode } from '../model/workspace';
import { sideMatchesPeer } from '../evaluate/peer';
import { policyDisplayName } from './names';

/** The rule the cursor is in: its direction, index as written, action and where it is. */
export interface FocusedRule {
  direction: Direction;
  /** Index in the policy's `ingress` / `egress` list, as in trace steps (`rule #index`). */
  index: number;
  action: Action;
  range: SourceRange;
}

/** What a policy at the editor's cursor selects and what its rules' peers match, as plain data. */
export interface PolicyFocus {
  kind: PolicyKind;
  namespace?: string;
  name: string;
  tier: string;
  staged: boolean;
  /** As Calico names it in traces (see `policyDisplayName`). */
  displayName: string;
  range: SourceRange;
  /** Graph nodes (workloads, host endpoints) with at least one endpoint the policy selects, in node order. */
  selected: string[];
  /** The listed pods it selects, as `pod:<namespace>/<name>` (the ids of expanded workloads). */
  selectedPods: string[];
  /** How many endpoints it selects (pods, pod templates standing for their replicas, host endpoints). */
  endpoints: number;
  /** Set when the line is inside one of the policy's rules. */
  rule?: FocusedRule;
  /**
   * Graph nodes one of whose members the rules' peer side matches (the source of an ingress
   * rule, the destination of an egress rule; selectors, nets and services, not ports): the
   * focused rule's, or every rule's when the line is not inside a rule.
   */
  peers: string[];
}

const contains = (r: SourceRange, path: string, line: number) => r.path === path && r.line <= line && line <= lastLine(r);
const span = (r: SourceRange) => lastLine(r) - r.line;

/** A YAML node's range ends at column 1 of the line after it when it ends with its line break: that line is not in it. */
function lastLine(r: SourceRange): number {
  return r.endColumn === 1 && r.endLine > r.line ? r.endLine - 1 : r.endLine;
}

/** The innermost policy written around `line` (a list item before the list, were lists policies). */
function policyAt(policies: readonly Policy[], path: string, line: number): Policy | undefined {
  let best: Policy | undefined;
  for (const p of policies) if (contains(p.range, path, line) && (!best || span(p.range) < span(best.range))) best = p;
  return best;
}

/** SPEC §4.8: a host-networked pod has no workload endpoint, so no policy selects it. */
function selectedEndpoints(p: Policy, n: ClusterNode): Endpoint[] {
  const eps = n.type === 'workload' ? n.endpoints : n.type === 'hostendpoint' ? [n.endpoint] : [];
  return eps.filter((ep) => !ep.hostNetwork && p.selector.match(ep.labels));
}

/**
 * The rules of one written rule: a Kubernetes rule with several peers or ports compiles into
 * several, sharing index and range; a rule that did not compile (SPEC §6.53) has none.
 */
function ruleAt(p: Policy, line: number): { direction: Direction; rules: Rule[] } | undefined {
  let best: { direction: Direction; rules: Rule[] } | undefined;
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of p[direction]) {
      if (!contains(rule.range, p.range.path, line)) continue;
      const head = best?.rules[0];
      if (head && head.index === rule.index && best!.direction === direction) best!.rules.push(rule);
      else if (!head || span(rule.range) < span(head.range)) best = { direction, rules: [rule] };
    }
  }
  return best;
}

/**
 * The policy document written around `line` of the file `path` (any kind: Kubernetes and
 * Calico NetworkPolicy, GlobalNetworkPolicy, the staged kinds, AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy), with the graph nodes and endpoints its selector selects
 * (SPEC §4.3, host-networked pods never, §4.8) and, when `line` is inside one of its rules,
 * that rule and the nodes its peers match (SPEC §3.2 steps 4/5 without ports; on any other
 * line of the policy, every rule's peers). Null when no compiled policy is written there.
 */
export function policyFocus(session: Session, path: string, line: number): PolicyFocus | null {
  const ws = session.workspace;
  const p = policyAt(ws.policies, path, line);
  if (!p) return null;
  const selected: string[] = [];
  const selectedPods: string[] = [];
  let endpoints = 0;
  for (const n of ws.nodes) {
    const eps = selectedEndpoints(p, n);
    if (eps.length === 0) continue;
    selected.push(n.id);
    endpoints += eps.length;
    for (const ep of eps) if (ep.kind === 'pod' && !ep.template) selectedPods.push(`pod:${ep.namespace}/${ep.name}`);
  }
  const at = ruleAt(p, line);
  const sides = at
    ? at.rules.map((r) => (at.direction === 'ingress' ? r.source : r.destination))
    : [...p.ingress.map((r) => r.source), ...p.egress.map((r) => r.destination)];
  const universe = universeOf(session);
  const peers = sides.length === 0 ? [] : ws.nodes
    .filter((n) => universe.peersOf(n).some((peer) => sides.some((side) => sideMatchesPeer(side, peer))))
    .map((n) => n.id);
  const head = at?.rules[0];
  return {
    kind: p.id.kind, ...(p.id.namespace !== undefined ? { namespace: p.id.namespace } : {}), name: p.id.name, tier: p.id.tier,
    staged: p.staged, displayName: policyDisplayName(p.id), range: { ...p.range },
    selected, selectedPods, endpoints,
    ...(at && head ? { rule: { direction: at.direction, index: head.index, action: head.action, range: { ...head.range } } } : {}),
    peers,
  };
}
