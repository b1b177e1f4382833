import { list, ref, str, strict, type JsonSchema } from './jsonSchema';
import { resource, stringMap } from './common';

/**
 * Calico kinds (projectcalico.org/v3 and the crd.projectcalico.org/v1 backing store): policies,
 * rules, tiers and network sets. Field names and types follow the Calico CRDs; the descriptions
 * are ours, from reference/semantics.md §1 and §3.1.
 */

const SELECTOR_HELP = 'Calico selector expression, e.g. `app == "web" && has(tier)`; empty means all().';

const protocolValue = (description: string): JsonSchema => ({
  description,
  anyOf: [
    { type: 'string', enum: ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite'] },
    { type: 'integer', minimum: 1, maximum: 255 },
  ],
});

const icmpMatch = (description: string): JsonSchema =>
  strict(description, {
    type: { type: 'integer', minimum: 0, maximum: 254, description: 'ICMP type (0-254).' },
    code: { type: 'integer', minimum: 0, maximum: 255, description: 'ICMP code (0-255); needs `type`.' },
  });

const PORT_PATTERN = '^([0-9]+:[0-9]+|[a-zA-Z0-9_.-]{1,128})$';
const calicoPorts = (description: string): JsonSchema =>
  list(
    {
      type: ['integer', 'string'],
      minimum: 0,
      maximum: 65535,
      pattern: PORT_PATTERN,
      patternErrorMessage: 'a port number, a range "from:to", or a named port (letters, digits, "_", "." and "-")',
      description: 'A port (80), an inclusive range ("8000:8080"), or a named port ("http").',
    },
    description,
    { maxItems: 50 },
  );

const entityRule = strict('Conditions on one side of the connection; every given field must match.', {
  nets: list({ type: 'string' }, 'The address must be in one of these CIDRs. Do not mix IPv4 and IPv6.', { maxItems: 256 }),
  notNets: list({ type: 'string' }, 'The address must be in none of these CIDRs.', { maxItems: 256 }),
  selector: str(
    'The address must belong to an endpoint or network set whose labels match. Scoped to the policy\'s namespace ' +
      '(for a NetworkPolicy) unless `namespaceSelector` is given. ' + SELECTOR_HELP,
  ),
  notSelector: str('The address must not belong to any endpoint or network set matching this selector.'),
  namespaceSelector: str(
    'Looks for `selector` / `notSelector` / `serviceAccounts` matches in the namespaces whose labels match. ' +
      '`all()`: every namespace; `global()`: only non-namespaced entities (host endpoints, global network sets). ' +
      'Select by name with `projectcalico.org/name == "x"`.',
  ),
  ports: calicoPorts('The port must match one of these. Numeric ports need `protocol` TCP, UDP or SCTP.'),
  notPorts: calicoPorts('The port must match none of these.'),
  serviceAccounts: strict('The endpoint must run as a matching service account (`names` AND `selector`).', {
    names: list({ type: 'string' }, 'Service account names, ORed.'),
    selector: str('Selector over the service account\'s labels.'),
  }),
  services: strict(
    'A Kubernetes Service: its endpoints (destination, egress rules) or its pods (source, ingress rules). ' +
      'Cannot be combined with nets, selectors or serviceAccounts.',
    {
      name: str('Name of the Service.'),
      namespace: str('Namespace of the Service; defaults to the policy\'s namespace (required in a GlobalNetworkPolicy).'),
    },
  ),
  domains: list({ type: 'string' }, 'Calico Enterprise/Cloud only: destination domain names (egress Allow rules). Not evaluated here.'),
});

const rule = strict('A rule: when every given condition matches, `action` is taken and evaluation of this tier stops (except Log).', {
  action: {
    type: 'string',
    enum: ['Allow', 'Deny', 'Log', 'Pass'],
    description:
      '`Allow` / `Deny`: final verdict for this direction. `Pass`: skip the rest of this tier and go on with the next tier. ' +
      '`Log`: log and continue with the next rule.',
  },
  protocol: protocolValue('Protocol name (TCP, UDP, ICMP, ICMPv6, SCTP, UDPLite) or number 1-255 the packet must have.'),
  notProtocol: protocolValue('Protocol the packet must not have.'),
  icmp: icmpMatch('ICMP type and code to match; only with protocol ICMP or ICMPv6.'),
  notICMP: icmpMatch('ICMP type and code that must not match.'),
  ipVersion: { type: 'integer', enum: [4, 6], description: 'Only packets of this IP version match.' },
  source: ref('entityRule', 'Conditions on the source: addresses, selectors, ports.'),
  destination: ref('entityRule', 'Conditions on the destination: addresses, selectors, ports.'),
  http: strict('Application-layer match (Envoy). Ignored by L3/L4 evaluation; only on Allow ingress rules.', {
    methods: list({ type: 'string' }, 'HTTP methods, ORed.'),
    paths: list(
      strict('One path match.', { exact: str('The path must equal this.'), prefix: str('The path must start with this.') }),
      'Paths, ORed.',
    ),
  }),
  metadata: strict('Rule metadata.', { annotations: stringMap('Annotations; no effect on matching.') }),
}, { required: ['action'] });

const policyTypes = list(
  { type: 'string', enum: ['Ingress', 'Egress'] },
  'Directions this policy governs. If omitted: Ingress, or Egress when there are only egress rules, or both.',
  { maxItems: 2 },
);

interface PolicyVariant { global: boolean; staged: boolean }

const calicoPolicySpec = ({ global, staged }: PolicyVariant): JsonSchema =>
  strict('What the policy selects, where it sits in its tier, and its rules.', {
    tier: str('Tier this policy belongs to. Tiers are evaluated in order; defaults to `default`.'),
    order: {
      type: 'number',
      description: 'Position inside the tier: lower orders are evaluated first. Absent: after every policy that has an order.',
    },
    selector: str(
      (global
        ? 'Endpoints in all namespaces (and host endpoints) this policy applies to. '
        : 'Endpoints of the policy\'s namespace this policy applies to. ') + SELECTOR_HELP,
    ),
    ...(global
      ? {
          namespaceSelector: str('Only endpoints in namespaces whose labels match. `all()`: any namespaced endpoint (excludes host endpoints).'),
          doNotTrack: { type: 'boolean', description: 'Host endpoints only: apply before connection tracking.' },
          preDNAT: { type: 'boolean', description: 'Host endpoints only: apply before DNAT.' },
          applyOnForward: { type: 'boolean', description: 'Host endpoints only: also apply to forwarded traffic.' },
        }
      : {}),
    serviceAccountSelector: str('Further restricts the selected endpoints to those whose service account\'s labels match.'),
    types: policyTypes,
    ingress: list(ref('rule'), 'Rules for traffic arriving at the selected endpoints, evaluated in order.', { maxItems: 1024 }),
    egress: list(ref('rule'), 'Rules for traffic leaving the selected endpoints, evaluated in order.', { maxItems: 1024 }),
    performanceHints: list({ type: 'string', enum: ['AssumeNeededOnEveryNode'] }, 'No effect on which traffic is allowed.'),
    ...(staged ? { stagedAction: ref('stagedAction') } : {}),
  });

const networkSetSpec = (scope: string): JsonSchema =>
  strict('Addresses of the set.', {
    nets: list({ type: 'string' }, `CIDRs (or bare IPs) that belong to this set; rules select them by the set's labels${scope}.`),
    allowedEgressDomains: list({ type: 'string' }, 'Calico Enterprise/Cloud only: domains for egress Allow rules. Not evaluated here.'),
  });

export const calicoDefinitions: Record<string, JsonSchema> = {
  entityRule,
  rule,
  stagedAction: {
    type: 'string',
    enum: ['Set', 'Delete', 'Learn', 'Ignore'],
    description: 'What enforcing this staged policy would do: `Set` (default) create or replace, `Delete` remove the enforced policy.',
  },
  calicoNetworkPolicy: resource(
    'Calico NetworkPolicy: ordered Allow/Deny/Pass/Log rules for endpoints of one namespace.',
    { spec: calicoPolicySpec({ global: false, staged: false }) },
    'strict',
  ),
  globalNetworkPolicy: resource(
    'Calico GlobalNetworkPolicy: like NetworkPolicy, for endpoints in all namespaces and host endpoints.',
    { spec: calicoPolicySpec({ global: true, staged: false }) },
    'strict',
  ),
  stagedNetworkPolicy: resource(
    'Calico StagedNetworkPolicy: a NetworkPolicy previewed without being enforced.',
    { spec: calicoPolicySpec({ global: false, staged: true }) },
    'strict',
  ),
  stagedGlobalNetworkPolicy: resource(
    'Calico StagedGlobalNetworkPolicy: a GlobalNetworkPolicy previewed without being enforced.',
    { spec: calicoPolicySpec({ global: true, staged: true }) },
    'strict',
  ),
  tier: resource('Calico Tier: a group of policies, evaluated in tier order.', {
    spec: strict('Tier settings.', {
      order: { type: 'number', description: 'Lower orders are evaluated first. Absent: after every tier that has an order.' },
      defaultAction: {
        type: 'string',
        enum: ['Deny', 'Pass'],
        description:
          'When some policy of this tier applies to the endpoint but no rule decided: `Deny` (default) drops the traffic, `Pass` continues with the next tier.',
      },
    }),
  }, 'strict'),
  networkSet: resource(
    'Calico NetworkSet: named CIDRs in one namespace, matched by rule selectors (never has policy applied to it).',
    { spec: networkSetSpec(' (they also carry the namespace\'s labels)') },
    'strict',
  ),
  globalNetworkSet: resource(
    'Calico GlobalNetworkSet: named CIDRs outside any namespace, matched by GlobalNetworkPolicy selectors or `namespaceSelector: global()`.',
    { spec: networkSetSpec('') },
    'strict',
  ),
};
