import { list, loose, str, strict, type JsonSchema } from './jsonSchema';

/**
 * Definitions shared by every kind: object metadata and Kubernetes label selectors.
 * Descriptions are ours (written from reference/semantics.md), not the upstream CRD text.
 */

/** A map of string to string. Label values must be strings: `version: 1.0` is a number. */
export const stringMap = (description: string): JsonSchema => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string', description: 'Must be a string; quote values such as "1.0", "true" or "80".' },
});

/**
 * ObjectMeta. Every field Kubernetes defines is listed, so a misspelt `namepsace:` is marked;
 * server-filled fields (uid, resourceVersion, managedFields...) are accepted as-is because
 * `kubectl get -o yaml` output is pasted often.
 */
const objectMeta = strict('Object metadata: name, namespace, labels and annotations.', {
  name: str('Name of the object, unique per kind (and per namespace for namespaced kinds).'),
  generateName: str('Prefix the API server uses to generate a name. netpol-canvas needs `name`.'),
  namespace: str(
    'Namespace of the object. For a Kubernetes or Calico NetworkPolicy this is the namespace whose pods the policy can select, ' +
      'and the default scope of its peer selectors. Defaults to `default`; ignored for cluster-scoped kinds.',
  ),
  labels: stringMap('Labels matched by selectors. Pods, namespaces, service accounts and network sets are selected by these.'),
  annotations: stringMap('Annotations: free-form strings with no effect on evaluation.'),
  uid: str('Server-assigned unique id (ignored).'),
  resourceVersion: str('Server-assigned version (ignored).'),
  generation: { type: 'integer', description: 'Server-assigned generation (ignored).' },
  creationTimestamp: { type: ['string', 'null'], description: 'Server-assigned creation time (ignored).' },
  deletionTimestamp: { type: ['string', 'null'], description: 'Server-assigned deletion time (ignored).' },
  deletionGracePeriodSeconds: { type: 'integer', description: 'Ignored.' },
  selfLink: str('Deprecated server-assigned link (ignored).'),
  finalizers: list({ type: 'string' }, 'Finalizers (ignored).'),
  ownerReferences: list(
    loose('Owner of this object.', { kind: str('Kind of the owner, e.g. ReplicaSet.'), name: str('Name of the owner.') }),
    'Owners. A Pod owned by a Deployment, StatefulSet, ... is drawn as part of that workload.',
  ),
  managedFields: list({ type: 'object' }, 'Server-side-apply bookkeeping (ignored).'),
});

const labelSelectorRequirement = strict('One requirement: `key` compared with `values` by `operator`.', {
  key: str('Label key.'),
  operator: {
    type: 'string',
    enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
    description:
      '`In`: the label is present and its value is in `values`. `NotIn`: the label is absent or its value is not in `values`. ' +
      '`Exists` / `DoesNotExist`: the key is present / absent (`values` must be empty).',
  },
  values: list({ type: 'string' }, 'Values for `In` and `NotIn`; empty for `Exists` and `DoesNotExist`.'),
}, { required: ['key', 'operator'] });

const labelSelector = strict(
  'Kubernetes label selector: every `matchLabels` entry AND every `matchExpressions` entry must hold. `{}` selects everything.',
  {
    matchLabels: stringMap('Labels that must be present with exactly these values.'),
    matchExpressions: list(labelSelectorRequirement, 'Set-based requirements, all of which must hold.'),
  },
);

/** Loose container: only what the evaluator reads (named ports) is checked. */
const container = loose('A container. Only its `ports` matter for policy evaluation (named ports).', {
  name: str('Container name.'),
  ports: list(
    loose('A container port. With a `name`, rules can refer to it as a named port.', {
      name: str('Port name, referenced by named-port rules (IANA service name: lowercase, at most 15 characters).', { maxLength: 15 }),
      containerPort: { type: 'integer', minimum: 1, maximum: 65535, description: 'Port number the container listens on.' },
      protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], description: 'Protocol of the port. Defaults to TCP.' },
      hostPort: { type: 'integer', minimum: 0, maximum: 65535, description: 'Port exposed on the node.' },
    }, { required: ['containerPort'] }),
    'Ports of this container.',
  ),
});

const podSpec = loose('Pod specification; only the fields policy evaluation reads are checked.', {
  containers: list(container, 'Containers; their named ports are what named-port rules resolve to.'),
  initContainers: list(container, 'Init containers; their named ports count too.'),
  serviceAccountName: str('Service account the pod runs as (Calico `serviceAccounts` rules and `serviceAccountSelector`). Defaults to `default`.'),
  serviceAccount: str('Deprecated alias of `serviceAccountName`.'),
  hostNetwork: { type: 'boolean', description: 'A host-networked pod is not a workload endpoint: policies never select it.' },
  nodeName: str('Node the pod is scheduled on.'),
});

const podTemplate = loose('Template of the pods this workload creates.', {
  metadata: { $ref: '#/definitions/objectMeta', description: 'Metadata of the created pods; their labels are what selectors match.' },
  spec: { $ref: '#/definitions/podSpec' },
});

const podStatus = loose('Observed pod state; the evaluator reads the phase and the pod IPs.', {
  phase: {
    type: 'string',
    enum: ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'],
    description: 'A Succeeded or Failed pod has no endpoint and is not evaluated.',
  },
  podIP: str('IP of the pod, matched by CIDR rules.'),
  podIPs: list(loose('One pod IP.', { ip: str('The IP address.') }), 'IPs of the pod (dual-stack).'),
  hostIP: str('IP of the node the pod runs on: traffic from it to the pod is always allowed.'),
  hostIPs: list(loose('One node IP.', { ip: str('The IP address.') }), 'IPs of the node the pod runs on (dual-stack).'),
});

/**
 * A top-level object of one kind. Policy kinds pass `strict` so that a misspelt top-level key
 * (`sepc:`) is marked; `status` is always tolerated because pasted cluster output carries it.
 */
export const resource = (
  description: string,
  fields: Record<string, JsonSchema>,
  mode: 'strict' | 'loose',
): JsonSchema =>
  (mode === 'strict' ? strict : loose)(description, {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { $ref: '#/definitions/objectMeta' },
    status: { description: 'Status written by the cluster; ignored by netpol-canvas.' },
    ...fields,
  });

export const commonDefinitions: Record<string, JsonSchema> = {
  objectMeta,
  labelSelector,
  podSpec,
  podTemplate,
  podStatus,
};
