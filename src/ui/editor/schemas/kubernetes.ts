import { list, loose, ref, str, strict, type JsonSchema } from './jsonSchema';
import { resource, stringMap } from './common';

/**
 * Kubernetes kinds: networking.k8s.io/v1 NetworkPolicy (strict, field by field) and the
 * core/workload kinds the graph is built from (loose: only what evaluation reads is typed).
 */

const PORT_NAME = '^(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$';

const k8sPort = strict('A destination port (or range) on the selected pods.', {
  protocol: {
    type: 'string',
    enum: ['TCP', 'UDP', 'SCTP'],
    description: 'Protocol this entry matches. Defaults to TCP, even when `port` is absent.',
  },
  port: {
    type: ['integer', 'string'],
    minimum: 1,
    maximum: 65535,
    maxLength: 15,
    pattern: PORT_NAME,
    patternErrorMessage: 'a named port: lowercase letters, digits and "-", at least one letter, at most 15 characters',
    description:
      'A port number, or the name of a container port, resolved on each destination pod separately. ' +
      'Absent: every port of `protocol`.',
  },
  endPort: {
    type: 'integer',
    minimum: 1,
    maximum: 65535,
    description: 'Makes `port`..`endPort` an inclusive range. Only with a numeric `port`, and not below it.',
  },
});

const ipBlock = strict('A CIDR, minus the `except` CIDRs. Cannot be combined with podSelector or namespaceSelector.', {
  cidr: str('CIDR such as 10.0.0.0/16 or 2001:db8::/48.'),
  except: list({ type: 'string' }, 'CIDRs carved out of `cidr`; each must lie strictly inside it.'),
}, { required: ['cidr'] });

const k8sPeer = strict(
  'One peer. The entries of `from`/`to` are ORed; inside one entry podSelector and namespaceSelector are ANDed.',
  {
    podSelector: ref(
      'labelSelector',
      'Pods matching this selector: in the policy\'s namespace, or, together with namespaceSelector, in the selected namespaces. `{}` = all pods.',
    ),
    namespaceSelector: ref(
      'labelSelector',
      'Namespaces matching this selector (by namespace labels; `kubernetes.io/metadata.name` holds the name). Alone: every pod in them. `{}` = all namespaces.',
    ),
    ipBlock: ref('ipBlock', 'IP addresses in a CIDR range (usually for traffic from or to outside the cluster).'),
  },
);

const k8sPorts = list(ref('k8sPort'), 'Destination ports, ORed. Empty or absent: every port.');

const k8sNetworkPolicySpec = (staged: boolean): JsonSchema =>
  strict('What the policy selects and which traffic it allows.', {
    // SPEC §1.1: optional, defaulted to {}; `podSelector:` with no value (null) is the same as
    // leaving it out, and the API server accepts it.
    podSelector: {
      description: 'Pods of the policy\'s namespace this policy applies to. `{}` (or leaving it out) selects every pod of the namespace.',
      anyOf: [ref('labelSelector'), { type: 'null' }],
    },
    policyTypes: list(
      { type: 'string', enum: ['Ingress', 'Egress'] },
      'Directions in which the selected pods become isolated (only allowed traffic passes). ' +
        'If omitted: Ingress, plus Egress when `egress` has rules.',
      { maxItems: 2 },
    ),
    ingress: list(
      strict('An ingress allow rule: traffic matching `from` AND `ports` is allowed.', {
        from: list(ref('k8sPeer'), 'Allowed sources, ORed. Empty or absent: any source.'),
        ports: k8sPorts,
      }),
      'Allow rules for incoming traffic. Anything not allowed by some policy that selects the pod is denied (once isolated).',
    ),
    egress: list(
      strict('An egress allow rule: traffic matching `to` AND `ports` is allowed.', {
        to: list(ref('k8sPeer'), 'Allowed destinations, ORed. Empty or absent: any destination.'),
        ports: k8sPorts,
      }),
      'Allow rules for outgoing traffic.',
    ),
    ...(staged ? { stagedAction: ref('stagedAction') } : {}),
  });

const workloadSpec = loose('Workload specification.', {
  replicas: { type: 'integer', minimum: 0, description: 'Number of pods (drawn as one node).' },
  selector: { description: 'Selector of the pods this workload manages.' },
  template: ref('podTemplate'),
});

const workload = (kind: string): JsonSchema =>
  resource(`A ${kind}: one node in the graph, whose pods carry the template's labels.`, { spec: workloadSpec }, 'loose');

export const kubernetesDefinitions: Record<string, JsonSchema> = {
  k8sPort,
  ipBlock,
  k8sPeer,
  k8sNetworkPolicy: resource(
    'Kubernetes NetworkPolicy: allow-only rules for the selected pods of one namespace.',
    { spec: k8sNetworkPolicySpec(false) },
    'strict',
  ),
  stagedKubernetesNetworkPolicy: resource(
    'Calico StagedKubernetesNetworkPolicy: a Kubernetes NetworkPolicy previewed without being enforced.',
    { spec: k8sNetworkPolicySpec(true) },
    'strict',
  ),
  namespace: resource(
    'A Namespace. Its labels are what namespaceSelectors match (Calico sees them as `pcns.<key>`).',
    { spec: { type: 'object', description: 'Ignored.' } },
    'loose',
  ),
  serviceAccount: resource(
    'A ServiceAccount. Its labels are what Calico serviceAccounts selectors match (as `pcsa.<key>`).',
    {},
    'loose',
  ),
  service: resource('A Service (target of Calico `services` rules).', {
    spec: loose('Service specification.', {
      selector: stringMap('Pods backing this service.'),
      ports: list(
        loose('A service port.', {
          name: str('Port name.'),
          port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Port of the service.' },
          targetPort: { type: ['integer', 'string'], description: 'Port number or container port name on the pods.' },
          protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Defaults to TCP.' },
        }),
        'Ports of the service.',
      ),
    }),
  }, 'loose'),
  node: resource('A Node. Traffic from its addresses to the pods scheduled on it is always allowed.', {
    status: loose('Observed node state.', {
      addresses: list(loose('A node address.', { type: str('InternalIP, ExternalIP, Hostname, ...'), address: str('The address.') }), 'Addresses of the node.'),
    }),
  }, 'loose'),
  endpointSlice: resource('An EndpointSlice: the backends of the Service its kubernetes.io/service-name label names (what Calico `services` rules match).', {
    addressType: { type: 'string', enum: ['IPv4', 'IPv6', 'FQDN'], description: 'Kind of the endpoint addresses (FQDN slices match nothing).' },
    endpoints: list(loose('One backend.', { addresses: list(str('An IP address.'), 'Addresses of the backend.') }), 'Backends of the Service.'),
    ports: list(loose('A backend port.', {
      name: str('Port name.'),
      port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Port on the backends (a port without a number matches nothing).' },
      protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Defaults to TCP.' },
    }), 'Ports of the backends.'),
  }, 'loose'),
  pod: resource('A bare Pod (or one owned by a workload).', { spec: ref('podSpec'), status: ref('podStatus') }, 'loose'),
  deployment: workload('Deployment'),
  statefulSet: workload('StatefulSet'),
  daemonSet: workload('DaemonSet'),
  replicaSet: workload('ReplicaSet'),
  replicationController: workload('ReplicationController'),
  job: workload('Job'),
  cronJob: resource('A CronJob: one node in the graph, whose pods carry the job template\'s pod labels.', {
    spec: loose('CronJob specification.', {
      schedule: str('Cron schedule (ignored).'),
      jobTemplate: loose('Template of the created jobs.', {
        spec: loose('Job specification.', { template: ref('podTemplate') }),
      }),
    }),
  }, 'loose'),
};
