/**
 * Every diagnostic the engine can report, in one table. Tests refer to the code, never to
 * the wording; the editor shows the code next to the message.
 */
export const DIAGNOSTIC_CODES = {
  NPC001: 'YAML or JSON syntax error',
  NPC002: 'document is not a Kubernetes object (apiVersion/kind missing or not a mapping)',
  NPC003: 'kind not evaluated by netpol-canvas (ignored)',
  NPC004: 'metadata.name missing or empty',
  NPC005: 'field has the wrong type',
  NPC006: 'duplicate resource (same kind, namespace and name)',
  NPC007: 'resource not applied because it has errors',
  NPC008: 'unknown field (kubectl apply validates fields strictly)',
  NPC009: 'invalid object name',
  NPC010: 'invalid Calico selector',
  NPC011: 'invalid Kubernetes label selector',
  NPC020: 'invalid port or port range',
  NPC021: 'invalid protocol',
  NPC022: 'ports given with a protocol that has no ports, or numeric ports without a protocol',
  NPC023: 'invalid ICMP type or code',
  NPC030: 'invalid CIDR',
  NPC031: 'a rule mixes IP versions (IPv4 and IPv6 CIDRs, or CIDRs or ICMP against its ipVersion)',
  NPC040: 'invalid rule action',
  NPC041: 'invalid policy type',
  NPC042: 'invalid order (must be a number)',
  NPC043: 'invalid services match (a Service name, and none of the fields it cannot be combined with)',
  NPC050: 'rule condition not modelled by the evaluator (treated as described in the message)',
  NPC060: 'rules that never apply: policyTypes leaves out their direction',
  NPC061: 'a named port next to an ipBlock peer never matches (addresses outside pods have no named ports)',
  NPC062: 'AdminNetworkPolicies with the same priority: their order is undefined by the API',
  NPC063: 'egress rules without policyTypes: the policy isolates ingress as well',
  NPC065: 'a tier no Tier object of the workspace defines (calicoctl rejects the policy unless the cluster has it)',
  NPC066: 'a policy whose selector matches no endpoint of the workspace',
  NPC064: 'a namespaceSelector peer next to a podSelector peer: ORed, not ANDed (a stray `-`?)',
  NPC067: 'a policy isolating egress of endpoints that may then send DNS (UDP 53) nowhere',
  NPC068: 'a named port no endpoint it could resolve on declares: the rule never matches it',
  NPC070: 'an Ingress or Route backend that exposes no pod (no such Service, a Service without selector, no matching port)',
  NPC080: 'invalid (Cluster)UserDefinedNetwork (OVN-Kubernetes CRD rules)',
  NPC081: 'user-defined network isolation is not evaluated',
  NPC082: 'a second primary user-defined network for one namespace (OVN-Kubernetes does not create it)',
  NPC083: 'user-defined network placement documented as unsafe or ineffective',
} as const;

/** A diagnostic code, e.g. `NPC010`. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Severity as the editor and CLI show it. */
export type Severity = 'error' | 'warning' | 'info';

/** A located finding. Lines and columns are 1-based; end is exclusive of the last column + 1. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Dotted field path inside the document, e.g. `spec.ingress[0].from[1].podSelector`. */
  field?: string;
}
