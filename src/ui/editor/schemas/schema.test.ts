import { describe, expect, it } from 'vitest';

/**
 * Structural checks of the workspace schema (dispatch branches, references, descriptions).
 * Validation results, with a real validator against every workspace the repository ships, are
 * fixtures/schema-validate.test.ts's.
 *
 * Why import.meta.glob instead of `import ... from './workspace'`: test files belong to
 * tsconfig.node.json, which does not reference tsconfig.app.json (owner of src/ui), so a static
 * import fails `tsc -b` with TS6307. Vite resolves the glob; tsc does not follow it. Once
 * tsconfig.node.json references tsconfig.app.json, switch to plain imports and drop `Schema`.
 */

/** The part of ./jsonSchema's Schema these checks read. */
interface Schema {
  $ref?: string;
  description?: string;
  type?: string | string[];
  enum?: (string | number)[];
  const?: string | number;
  minimum?: number;
  maximum?: number;
  required?: string[];
  additionalProperties?: boolean | Schema;
  properties?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  items?: Schema;
  if?: Schema;
  then?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
}
interface WorkspaceModule {
  workspaceSchema: Schema;
  KINDS: { kind: string; definition: string }[];
  WORKSPACE_SCHEMA_URI: string;
}
const loaded = Object.values(import.meta.glob<WorkspaceModule>('./workspace.ts', { eager: true }));
if (loaded.length !== 1) throw new Error('./workspace.ts not found');
const { workspaceSchema, KINDS, WORKSPACE_SCHEMA_URI } = loaded[0]!;

const definitions = workspaceSchema.definitions ?? {};

/** Every sub-schema with its JSON pointer-ish location, depth first. */
function* walk(schema: Schema, at: string): Generator<[string, Schema]> {
  yield [at, schema];
  for (const [k, v] of Object.entries(schema.properties ?? {})) yield* walk(v, `${at}/properties/${k}`);
  for (const [k, v] of Object.entries(schema.definitions ?? {})) yield* walk(v, `${at}/definitions/${k}`);
  for (const key of ['items', 'if', 'then'] as const) {
    const v = schema[key];
    if (v) yield* walk(v, `${at}/${key}`);
  }
  if (typeof schema.additionalProperties === 'object') yield* walk(schema.additionalProperties, `${at}/additionalProperties`);
  for (const key of ['allOf', 'anyOf'] as const) for (const [i, v] of (schema[key] ?? []).entries()) yield* walk(v, `${at}/${key}/${i}`);
}

/** Resolves a local `$ref` ('#' or '#/definitions/x'); undefined when it dangles. */
function resolve(refText: string): Schema | undefined {
  if (refText === '#') return workspaceSchema;
  const m = /^#\/definitions\/([^/]+)$/.exec(refText);
  return m ? definitions[m[1]!] : undefined;
}

/** Follows one `$ref` hop, keeping the referring node's own description. */
const deref = (s: Schema | undefined): Schema | undefined =>
  s?.$ref ? { ...resolve(s.$ref), ...(s.description ? { description: s.description } : {}) } : s;

const kindEnum = workspaceSchema.properties?.kind?.enum ?? [];
const branches = workspaceSchema.allOf ?? [];
const branchKind = (b: Schema) => b.if?.properties?.kind?.const;

describe('workspace schema', () => {
  it('requires apiVersion and kind, with kind an enum', () => {
    expect(workspaceSchema.required).toEqual(['apiVersion', 'kind']);
    expect(kindEnum.length).toBeGreaterThan(10);
    expect(new Set(kindEnum).size).toBe(kindEnum.length);
  });

  it('has a $ref dispatch branch for every kind in the enum, and no branch for other kinds', () => {
    for (const kind of kindEnum) {
      const dispatch = branches.filter((b) => branchKind(b) === kind && (b.then?.$ref || b.then?.properties?.items));
      expect(dispatch.length, `kind ${kind}`).toBeGreaterThan(0);
      for (const b of dispatch) {
        expect(b.if?.required, `kind ${kind}`).toContain('kind');
        // Without it an empty document would satisfy every `if` (properties/required are vacuous on null).
        expect(b.if?.type, `kind ${kind}`).toBe('object');
      }
    }
    for (const b of branches) expect(kindEnum).toContain(branchKind(b));
  });

  it('checks apiVersion per kind', () => {
    for (const kind of kindEnum) {
      const check = branches.find((b) => branchKind(b) === kind && b.then?.properties?.apiVersion?.enum);
      expect(check, `kind ${kind}`).toBeDefined();
    }
  });

  it('tells NetworkPolicy kinds apart by apiVersion', () => {
    const np = branches.filter((b) => branchKind(b) === 'NetworkPolicy' && b.then?.$ref);
    const byRef = Object.fromEntries(np.map((b) => [b.then!.$ref!, b.if!.properties!.apiVersion!.enum]));
    expect(byRef).toEqual({
      '#/definitions/k8sNetworkPolicy': ['networking.k8s.io/v1'],
      '#/definitions/calicoNetworkPolicy': ['projectcalico.org/v3', 'crd.projectcalico.org/v1'],
    });
  });

  it('covers the kinds named in the brief', () => {
    for (const kind of ['Pod', 'Namespace', 'List', 'NetworkPolicy', 'GlobalNetworkPolicy', 'Tier', 'NetworkSet',
      'GlobalNetworkSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ServiceAccount', 'Service']) {
      expect(kindEnum).toContain(kind);
    }
  });

  it('resolves every $ref', () => {
    const dangling = [...walk(workspaceSchema, '#')].filter(([, s]) => s.$ref && !resolve(s.$ref)).map(([at, s]) => `${at} -> ${s.$ref}`);
    expect(dangling).toEqual([]);
    for (const e of KINDS) expect(definitions[e.definition], e.definition).toBeDefined();
  });

  it('is strict on policy specs and rules but tolerates status and the usual metadata', () => {
    const policyDefs = ['k8sNetworkPolicy', 'calicoNetworkPolicy', 'globalNetworkPolicy', 'stagedNetworkPolicy',
      'stagedGlobalNetworkPolicy', 'stagedKubernetesNetworkPolicy', 'tier', 'networkSet', 'globalNetworkSet'];
    for (const name of policyDefs) {
      const def = definitions[name]!;
      expect(def.additionalProperties, name).toBe(false);
      expect(def.properties?.status, name).toBeDefined();
      expect(deref(def.properties?.spec)?.additionalProperties, `${name}.spec`).toBe(false);
    }
    for (const name of ['rule', 'entityRule', 'k8sPeer', 'k8sPort', 'ipBlock', 'labelSelector']) {
      expect(definitions[name]?.additionalProperties, name).toBe(false);
    }
    const meta = Object.keys(definitions.objectMeta?.properties ?? {});
    for (const f of ['name', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'creationTimestamp',
      'generation', 'managedFields', 'ownerReferences']) {
      expect(meta).toContain(f);
    }
  });

  it('types the fields whose wrong types must be marked', () => {
    const calicoSpec = deref(definitions.calicoNetworkPolicy?.properties?.spec)!;
    expect(calicoSpec.properties?.order?.type).toBe('number');
    expect(definitions.rule?.properties?.action?.enum).toEqual(['Allow', 'Deny', 'Log', 'Pass']);
    expect(definitions.k8sPort?.properties?.port?.type).toEqual(['integer', 'string']);
    expect(definitions.tier?.properties?.spec?.properties?.defaultAction?.enum).toEqual(['Deny', 'Pass']);
    const protocol = definitions.rule?.properties?.protocol;
    expect(protocol?.anyOf?.[0]?.enum).toEqual(['TCP', 'UDP', 'ICMP', 'ICMPv6', 'SCTP', 'UDPLite']);
    expect(protocol?.anyOf?.[1]).toMatchObject({ type: 'integer', minimum: 1, maximum: 255 });
  });

  it('describes every field of the policy kinds (shown on hover)', () => {
    // Objects whose properties must all carry a description: policy specs, rules and their parts.
    const specOf = (name: string) => deref(definitions[name]?.properties?.spec);
    const objects: [string, Schema | undefined][] = [
      ...['k8sNetworkPolicy', 'calicoNetworkPolicy', 'globalNetworkPolicy', 'stagedNetworkPolicy', 'stagedGlobalNetworkPolicy',
        'stagedKubernetesNetworkPolicy', 'tier', 'networkSet', 'globalNetworkSet'].map((n): [string, Schema | undefined] => [`${n}.spec`, specOf(n)]),
      ...['rule', 'entityRule', 'k8sPeer', 'k8sPort', 'ipBlock', 'labelSelector', 'objectMeta'].map((n): [string, Schema | undefined] => [n, definitions[n]]),
    ];
    const missing: string[] = [];
    for (const [name, obj] of objects) {
      expect(obj, name).toBeDefined();
      for (const [field, s] of Object.entries(obj?.properties ?? {})) if (!deref(s)?.description) missing.push(`${name}.${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('uses an in-memory schema uri ending in a file name and no remote refs', () => {
    expect(WORKSPACE_SCHEMA_URI).toMatch(/^inmemory:\/\/schemas\/[\w-]+\.json$/);
    const remote = [...walk(workspaceSchema, '#')].filter(([, s]) => s.$ref && !s.$ref.startsWith('#'));
    expect(remote).toEqual([]);
    // Plain data: survives structured clone to the worker unchanged.
    expect(structuredClone(workspaceSchema)).toEqual(workspaceSchema);
  });
});
