import type { CompiledSelector, SelectorNode } from '../selector';
import type { SourceRange } from './source';
import type { IpRange } from '../net/ip';
import type { ServiceRef } from './service';

/** Rule actions (Calico). Kubernetes NetworkPolicy rules are all `Allow`. */
export type Action = 'Allow' | 'Deny' | 'Pass' | 'Log';

/** Traffic direction relative to the endpoint whose policy is evaluated. */
export type Direction = 'ingress' | 'egress';

/** The kinds of policy the evaluator orders into tiers. */
export type PolicyKind =
  | 'NetworkPolicy'
  | 'GlobalNetworkPolicy'
  | 'KubernetesNetworkPolicy'
  | 'StagedNetworkPolicy'
  | 'StagedGlobalNetworkPolicy'
  | 'StagedKubernetesNetworkPolicy'
  | 'AdminNetworkPolicy'
  | 'BaselineAdminNetworkPolicy';

/**
 * A policy's identity, stored structurally; names are rendered per Calico version elsewhere
 * (SPEC §0: v3.31 and v3.32 name the same policy differently).
 */
export interface PolicyId {
  kind: PolicyKind;
  namespace?: string;
  name: string;
  tier: string;
}

/** A selector compiled once: its AST, its source text (canonical if rewritten) and a matcher. */
export interface Selector {
  ast: SelectorNode;
  match: CompiledSelector;
}

/** A port condition: a numeric inclusive range or a named port resolved per endpoint. */
export type PortMatch = { kind: 'range'; lo: number; hi: number } | { kind: 'named'; name: string };

/**
 * One side (source or destination) of a rule, after the SPEC §3.3 combination: `positive` is
 * P (null = no positive constraint), `negative` is N (notSelector, never scoped).
 */
export interface EntityMatch {
  nets?: IpRange[];
  notNets?: IpRange[];
  positive: Selector | null;
  negative: Selector | null;
  ports?: PortMatch[];
  notPorts?: PortMatch[];
  /**
   * SPEC §3.6: a Kubernetes Service, matched through its EndpointSlices. As a destination: the
   * (backend address, protocol, port) tuples; as a source: any backend address, any port.
   */
  services?: ServiceRef;
}

/** A rule in the Calico normal form every policy kind compiles into. */
export interface Rule {
  action: Action;
  /** Index in the policy's ingress/egress list as the user wrote it (Kubernetes rules expand, keeping the index of the rule they came from). */
  index: number;
  ipVersion?: 4 | 6;
  protocol?: number;
  notProtocol?: number;
  icmp?: { type?: number; code?: number };
  notIcmp?: { type?: number; code?: number };
  source: EntityMatch;
  destination: EntityMatch;
  range: SourceRange;
  /** Where each side's ports were written (Kubernetes: the `ports` entry the rule came from), for diagnostics about them. */
  portsAt?: { source?: SourceRange; destination?: SourceRange };
}

/** A policy ready for evaluation. */
export interface Policy {
  id: PolicyId;
  /** +Infinity when absent (SPEC §4.4: nil order sorts last). */
  order: number;
  staged: boolean;
  /** Which endpoints the policy applies to (already scoped to its namespace, SPEC §4.3). */
  selector: Selector;
  types: ReadonlySet<Direction>;
  ingress: Rule[];
  egress: Rule[];
  range: SourceRange;
  /** Where the policy's selector (`spec.selector`, `podSelector`, `subject`), `spec.tier` and its types (`spec.types`, `policyTypes`) are, for diagnostics about them. */
  at?: { selector?: SourceRange; tier?: SourceRange; types?: SourceRange };
  /** Within-tier tie-break key (SPEC §4.4, v3.31 backend key order). */
  sortKey: string;
}

/** A tier: Calico `Tier`, or the built-in `default`. */
export interface Tier {
  name: string;
  /** +Infinity when absent. */
  order: number;
  defaultAction: 'Deny' | 'Pass';
  /** Referenced by a policy but defined by no Tier of the workspace (SPEC §4.4). */
  implied?: boolean;
}
