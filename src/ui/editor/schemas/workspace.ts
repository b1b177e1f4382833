import type { JsonSchema } from './jsonSchema';
import { commonDefinitions } from './common';
import { kubernetesDefinitions } from './kubernetes';
import { calicoDefinitions } from './calico';
import { endpointDefinitions } from './endpoints';

/**
 * The one schema applied to every YAML document of a workspace file. It dispatches on `kind`
 * (and on `apiVersion` where one kind name means two things, e.g. NetworkPolicy) with
 * `allOf: [{ if, then: {$ref} }]`, so each document is checked against its own kind only and
 * an unknown kind is marked by the `kind` enum.
 */

const CALICO = ['projectcalico.org/v3', 'crd.projectcalico.org/v1'];
const ANP = 'policy.networking.k8s.io/v1alpha1';

/**
 * One supported kind. Its typed list (`NetworkPolicyList`, `PodList`, as the API server and
 * calicoctl return them) is accepted too, as the engine reads any `*List` with items.
 */
export interface KindEntry {
  kind: string;
  apiVersions: string[];
  definition: string;
}

/**
 * Every kind the engine reads (src/engine/parse/workspace.ts): a kind missing here would mark
 * valid documents as unknown (fixtures/schema-validate.test.ts checks each against the engine).
 */
export const KINDS: KindEntry[] = [
  { kind: 'NetworkPolicy', apiVersions: ['networking.k8s.io/v1'], definition: 'k8sNetworkPolicy' },
  { kind: 'NetworkPolicy', apiVersions: CALICO, definition: 'calicoNetworkPolicy' },
  { kind: 'GlobalNetworkPolicy', apiVersions: CALICO, definition: 'globalNetworkPolicy' },
  { kind: 'StagedNetworkPolicy', apiVersions: CALICO, definition: 'stagedNetworkPolicy' },
  { kind: 'StagedGlobalNetworkPolicy', apiVersions: CALICO, definition: 'stagedGlobalNetworkPolicy' },
  { kind: 'StagedKubernetesNetworkPolicy', apiVersions: CALICO, definition: 'stagedKubernetesNetworkPolicy' },
  { kind: 'Tier', apiVersions: CALICO, definition: 'tier' },
  { kind: 'NetworkSet', apiVersions: CALICO, definition: 'networkSet' },
  { kind: 'GlobalNetworkSet', apiVersions: CALICO, definition: 'globalNetworkSet' },
  { kind: 'HostEndpoint', apiVersions: CALICO, definition: 'hostEndpoint' },
  { kind: 'WorkloadEndpoint', apiVersions: CALICO, definition: 'workloadEndpoint' },
  { kind: 'Profile', apiVersions: CALICO, definition: 'profile' },
  { kind: 'AdminNetworkPolicy', apiVersions: [ANP], definition: 'adminNetworkPolicy' },
  { kind: 'BaselineAdminNetworkPolicy', apiVersions: [ANP], definition: 'baselineAdminNetworkPolicy' },
  { kind: 'Ingress', apiVersions: ['networking.k8s.io/v1'], definition: 'ingress' },
  { kind: 'Route', apiVersions: ['route.openshift.io/v1'], definition: 'route' },
  { kind: 'UserDefinedNetwork', apiVersions: ['k8s.ovn.org/v1'], definition: 'userDefinedNetwork' },
  { kind: 'ClusterUserDefinedNetwork', apiVersions: ['k8s.ovn.org/v1'], definition: 'clusterUserDefinedNetwork' },
  { kind: 'Namespace', apiVersions: ['v1'], definition: 'namespace' },
  { kind: 'Pod', apiVersions: ['v1'], definition: 'pod' },
  { kind: 'ServiceAccount', apiVersions: ['v1'], definition: 'serviceAccount' },
  { kind: 'Service', apiVersions: ['v1'], definition: 'service' },
  { kind: 'Node', apiVersions: ['v1'], definition: 'node' },
  { kind: 'EndpointSlice', apiVersions: ['discovery.k8s.io/v1'], definition: 'endpointSlice' },
  { kind: 'ReplicationController', apiVersions: ['v1'], definition: 'replicationController' },
  { kind: 'Deployment', apiVersions: ['apps/v1'], definition: 'deployment' },
  { kind: 'StatefulSet', apiVersions: ['apps/v1'], definition: 'statefulSet' },
  { kind: 'DaemonSet', apiVersions: ['apps/v1'], definition: 'daemonSet' },
  { kind: 'ReplicaSet', apiVersions: ['apps/v1'], definition: 'replicaSet' },
  { kind: 'Job', apiVersions: ['batch/v1'], definition: 'job' },
  { kind: 'CronJob', apiVersions: ['batch/v1'], definition: 'cronJob' },
];

/** `kind: List` (kubectl get -o yaml): items are any supported object, each checked on its own. */
const LIST_KIND: KindEntry = { kind: 'List', apiVersions: ['v1'], definition: 'list' };

/**
 * The `if` of a dispatch branch. `type: 'object'` matters: `properties` and `required` hold
 * vacuously for a non-object, so without it an empty document (a trailing `---`) would match
 * every branch and be checked against every kind.
 */
const whenKind = (kind: string, apiVersions?: string[]): JsonSchema =>
  apiVersions === undefined
    ? { type: 'object', properties: { kind: { const: kind } }, required: ['kind'] }
    : { type: 'object', properties: { kind: { const: kind }, apiVersion: { enum: apiVersions } }, required: ['kind', 'apiVersion'] };

/** Every entry as seen by the dispatcher: typed lists become entries of their own. */
function expandedKinds(): { kind: string; apiVersions: string[]; then: JsonSchema }[] {
  const out: { kind: string; apiVersions: string[]; then: JsonSchema }[] = [];
  out.push({ kind: LIST_KIND.kind, apiVersions: LIST_KIND.apiVersions, then: { $ref: `#/definitions/${LIST_KIND.definition}` } });
  for (const e of KINDS) {
    out.push({ kind: e.kind, apiVersions: e.apiVersions, then: { $ref: `#/definitions/${e.definition}` } });
    out.push({
      kind: `${e.kind}List`,
      apiVersions: e.apiVersions,
      then: {
        properties: {
          items: {
            type: 'array',
            description: `The ${e.kind} objects of this list (they may omit apiVersion and kind).`,
            items: { $ref: `#/definitions/${e.definition}` },
          },
        },
        required: ['items'],
      },
    });
  }
  return out;
}

function buildWorkspaceSchema(): JsonSchema {
  const entries = expandedKinds();
  const kindNames = [...new Set(entries.map((e) => e.kind))];
  const branches: JsonSchema[] = [];
  for (const kind of kindNames) {
    const same = entries.filter((e) => e.kind === kind);
    const versions = same.flatMap((e) => e.apiVersions);
    // The apiVersion check on its own, so a wrong group is reported once, on `apiVersion`.
    branches.push({ if: whenKind(kind), then: { properties: { apiVersion: { enum: versions } } } });
    // One kind, one definition: dispatch on kind only, so completion and checks work before apiVersion is typed.
    if (same.length === 1) branches.push({ if: whenKind(kind), then: same[0]!.then });
    else for (const e of same) branches.push({ if: whenKind(kind, e.apiVersions), then: e.then });
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'netpol-canvas workspace document',
    description: 'A Kubernetes or Calico object.',
    // null: an empty document (trailing `---`, comments only), which the engine skips too.
    type: ['object', 'null'],
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: {
        type: 'string',
        description: 'API group and version, e.g. `networking.k8s.io/v1` or `projectcalico.org/v3`.',
        // Completion only; each kind's branch checks the value.
        examples: [...new Set(entries.flatMap((e) => e.apiVersions))],
      },
      kind: {
        type: 'string',
        enum: kindNames,
        description: 'Kind of object. Only the kinds netpol-canvas evaluates (or draws) are accepted.',
        // Replaces "Value is not accepted. Valid values: ..." listing every name, List variants included.
        errorMessage:
          `Kind not read by netpol-canvas (the object would be ignored). Supported: ${[...new Set(KINDS.map((e) => e.kind))].join(', ')}, ` +
          'List, and typed lists such as NetworkPolicyList.',
      },
    },
    allOf: branches,
    definitions: {
      ...commonDefinitions,
      ...kubernetesDefinitions,
      ...calicoDefinitions,
      ...endpointDefinitions,
      list: {
        type: 'object',
        description: 'A list of objects, as `kubectl get -o yaml` prints it.',
        properties: {
          items: { type: 'array', description: 'The objects of the list.', items: { $ref: '#' } },
        },
        required: ['items'],
      },
    },
  };
}

/** The workspace schema, built once. Plain JSON data: safe to post to the YAML worker. */
export const workspaceSchema: JsonSchema = buildWorkspaceSchema();

/**
 * Where monaco-yaml files the schema. It must be unique and end in a file name; with
 * `enableSchemaRequest: false` nothing is ever fetched from it.
 */
export const WORKSPACE_SCHEMA_URI = 'inmemory://schemas/netpol-canvas-workspace.json';
