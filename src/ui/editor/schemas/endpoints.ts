import { list, loose, ref, str, strict, type JsonSchema } from './jsonSchema';
import { resource, stringMap } from './common';

/**
 * The other kinds the engine reads (src/engine/parse/workspace.ts): Calico endpoints and
 * profiles, the Kubernetes AdminNetworkPolicy API, what exposes Services (Ingress, OpenShift
 * Route) and OVN-Kubernetes user-defined networks. Policy-like kinds are strict where the
 * engine evaluates them (a misspelt key would silently change nothing); the rest is loose:
 * only what evaluation reads is typed, so pasted cluster output is never marked for fields we
 * do not evaluate.
 */

const endpointPort = loose('A named port of the endpoint, for rules that name ports.', {
  name: str('Port name, matched by named ports in rules.'),
  port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Port number.' },
  protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Protocol of the port (TCP if absent).' },
}, { required: ['name', 'port'] });

const profilesField = list({ type: 'string' }, 'Calico profiles applied after the policies: their rules decide what no policy did, their labelsToApply are inherited.');

// AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), SPEC §5.
const anpPods = strict('Pods in the namespaces matching `namespaceSelector` whose labels match `podSelector`.', {
  namespaceSelector: ref('labelSelector', 'Namespaces of the pods. `{}` = all namespaces.'),
  podSelector: ref('labelSelector', 'Pods in those namespaces. `{}` = all pods.'),
}, { required: ['namespaceSelector', 'podSelector'] });

const anpPeer = (egress: boolean): JsonSchema => strict(
  'One peer; exactly one field is set. Peers of a rule are ORed.',
  {
    namespaces: ref('labelSelector', 'Every pod in the namespaces matching this selector.'),
    pods: anpPods,
    ...(egress
      ? {
          nodes: ref('labelSelector', 'The nodes matching this selector (their addresses).'),
          networks: list({ type: 'string' }, 'CIDRs outside the cluster (or node addresses).', { maxItems: 25 }),
          domainNames: list({ type: 'string' }, 'Domain names (not evaluated here).'),
        }
      : {}),
  },
  { minProperties: 1, maxProperties: 1 },
);

const anpPort = strict('One port; exactly one of portNumber, namedPort, portRange.', {
  portNumber: strict('A single port.', {
    protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Protocol (TCP if absent).' },
    port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Port number.' },
  }, { required: ['port'] }),
  namedPort: str('A named container port of the destination pods.'),
  portRange: strict('An inclusive range of ports.', {
    protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Protocol (TCP if absent).' },
    start: { type: 'integer', minimum: 1, maximum: 65535, description: 'First port.' },
    end: { type: 'integer', minimum: 1, maximum: 65535, description: 'Last port, at least start.' },
  }, { required: ['start', 'end'] }),
}, { minProperties: 1, maxProperties: 1 });

const anpRule = (dir: 'ingress' | 'egress', actions: string[]): JsonSchema => strict(
  `An ${dir} rule: traffic ${dir === 'ingress' ? 'from' : 'to'} any peer, on any of the ports, gets the action.`,
  {
    name: str('Rule name (shown in explanations).', { maxLength: 100 }),
    action: {
      type: 'string',
      enum: actions,
      description: actions.includes('Pass')
        ? '`Allow` and `Deny` are final; `Pass` skips the remaining AdminNetworkPolicies and goes on to NetworkPolicies.'
        : '`Allow` or `Deny`: applies only when no NetworkPolicy decided.',
    },
    [dir === 'ingress' ? 'from' : 'to']: list(anpPeer(dir === 'egress'), 'Peers (ORed); at least one.', { minItems: 1, maxItems: 100 }),
    ports: list(anpPort, 'Ports (ORed); absent: every port.', { maxItems: 100 }),
  },
  { required: ['action', dir === 'ingress' ? 'from' : 'to'] },
);

const anpSpec = (baseline: boolean): JsonSchema => {
  const actions = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  return strict(
    baseline ? 'The cluster-wide defaults, evaluated after every NetworkPolicy.' : 'Subject, priority and rules; evaluated before every NetworkPolicy.',
    {
      ...(baseline ? {} : { priority: { type: 'integer', minimum: 0, maximum: 1000, description: 'Lower numbers are evaluated first; two policies of one priority are ambiguous.' } }),
      subject: strict('The pods this policy applies to: exactly one of namespaces, pods.', {
        namespaces: ref('labelSelector', 'Every pod in the namespaces matching this selector.'),
        pods: anpPods,
      }, { minProperties: 1, maxProperties: 1 }),
      ingress: list(anpRule('ingress', actions), 'Ingress rules in order; the first that matches decides.', { maxItems: 100 }),
      egress: list(anpRule('egress', actions), 'Egress rules in order; the first that matches decides.', { maxItems: 100 }),
    },
    { required: baseline ? ['subject'] : ['priority', 'subject'] },
  );
};

export const endpointDefinitions: Record<string, JsonSchema> = {
  hostEndpoint: resource('Calico HostEndpoint: a host interface (or the whole host) that GlobalNetworkPolicies select by its labels.', {
    spec: loose('Where the endpoint is and what it carries.', {
      node: str('Node the interface belongs to.'),
      interfaceName: str('Interface name, or `*` for all interfaces of the host.'),
      expectedIPs: list({ type: 'string' }, 'Addresses of the interface: traffic from them is traffic from this endpoint.'),
      profiles: profilesField,
      ports: list(endpointPort, 'Named ports of the host.'),
    }),
  }, 'loose'),
  workloadEndpoint: resource('Calico WorkloadEndpoint: a pod\'s interface as Calico sees it; drawn as that pod.', {
    spec: loose('The pod and its addresses.', {
      pod: str('Pod this endpoint belongs to.'),
      node: str('Node the pod runs on.'),
      serviceAccountName: str('Service account of the pod (matched by serviceAccounts rules).'),
      ipNetworks: list({ type: 'string' }, 'Addresses of the pod (CIDRs, usually /32 or /128).'),
      profiles: profilesField,
      ports: list(endpointPort, 'Named ports of the pod.'),
    }),
  }, 'loose'),
  profile: resource('Calico Profile: rules applied when no policy decided, and labels inherited by the endpoints that use it.', {
    spec: strict('Rules and inherited labels.', {
      ingress: list(ref('rule'), 'Ingress rules, evaluated after every policy tier.'),
      egress: list(ref('rule'), 'Egress rules, evaluated after every policy tier.'),
      labelsToApply: stringMap('Labels every endpoint using this profile inherits (its own labels win).'),
    }),
  }, 'strict'),
  adminNetworkPolicy: resource('AdminNetworkPolicy: cluster-wide rules evaluated before NetworkPolicies, by priority.', { spec: anpSpec(false) }, 'strict'),
  baselineAdminNetworkPolicy: resource('BaselineAdminNetworkPolicy: the cluster-wide default (named `default`), evaluated after NetworkPolicies.', { spec: anpSpec(true) }, 'strict'),
  ingress: resource('Ingress: exposes Services; netpol-canvas checks its backends exist.', {
    spec: loose('Backends and rules.', {
      defaultBackend: { type: 'object', description: 'Backend of requests no rule matches.' },
      rules: list({ type: 'object' }, 'Host and path rules with their backends.'),
    }),
  }, 'loose'),
  route: resource('OpenShift Route: exposes a Service; netpol-canvas checks its backends exist.', {
    spec: loose('Target Service and port.', {
      to: loose('The Service traffic goes to.', { kind: str('Service'), name: str('Name of the Service.') }),
      alternateBackends: list({ type: 'object' }, 'More Services sharing the traffic.'),
      port: loose('Target port of the Service.', { targetPort: { type: ['string', 'integer'], description: 'Port name or number.' } }),
    }),
  }, 'loose'),
  userDefinedNetwork: resource('OVN-Kubernetes UserDefinedNetwork: a namespace\'s own network (validated, isolation not evaluated).', {
    spec: loose('Topology and subnets.', { topology: { type: 'string', enum: ['Layer2', 'Layer3'], description: 'Network topology.' } }, { required: ['topology'] }),
  }, 'loose'),
  clusterUserDefinedNetwork: resource('OVN-Kubernetes ClusterUserDefinedNetwork: a network shared by the selected namespaces (validated, isolation not evaluated).', {
    spec: loose('Selected namespaces and the network.', {
      namespaceSelector: ref('labelSelector', 'Namespaces on this network.'),
      network: loose('Topology and subnets.', { topology: { type: 'string', enum: ['Layer2', 'Layer3', 'Localnet'], description: 'Network topology.' } }),
    }, { required: ['namespaceSelector', 'network'] }),
  }, 'loose'),
};
