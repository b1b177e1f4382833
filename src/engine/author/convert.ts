/**
 * Conversions between policy kinds, on the plain objects a user exports: Kubernetes
 * NetworkPolicy -> Calico NetworkPolicy (the same connectivity, which tests prove with the
 * evaluator over the corpus) and staged <-> enforced. Pure data in, data out; YAML is
 * parse/rewrite.ts's.
 */

import type { ObjectEdit } from '../parse/rewrite';

type Obj = Record<string, unknown>;

const CALICO = 'projectcalico.org/v3';
/** SPEC §3.7: Calico's converter scopes every K8s selector to Kubernetes pods. */
const K8S_PODS = "projectcalico.org/orchestrator == 'k8s'";

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A Calico selector string literal: single quotes unless the value has one. */
const literal = (v: string) => (v.includes("'") ? `"${v}"` : `'${v}'`);

/**
 * A Kubernetes LabelSelector as a Calico selector (SPEC §3.7): matchLabels sorted by key as
 * `k == 'v'`, In / NotIn as set membership, Exists / DoesNotExist as has(). Terms are ANDed;
 * no term is `''` (the caller decides what an empty selector means).
 */
export function labelSelectorToCalico(sel: unknown): string {
  if (!isObj(sel)) return '';
  const terms: string[] = [];
  const labels = isObj(sel.matchLabels) ? sel.matchLabels : {};
  for (const key of Object.keys(labels).sort()) terms.push(`${key} == ${literal(String(labels[key]))}`);
  for (const e of list(sel.matchExpressions)) {
    if (!isObj(e) || typeof e.key !== 'string') continue;
    const values = list(e.values).map((v) => literal(String(v))).join(', ');
    if (e.operator === 'In') terms.push(`${e.key} in { ${values} }`);
    else if (e.operator === 'NotIn') terms.push(`${e.key} not in { ${values} }`);
    else if (e.operator === 'Exists') terms.push(`has(${e.key})`);
    else if (e.operator === 'DoesNotExist') terms.push(`!has(${e.key})`);
  }
  return terms.join(' && ');
}

const scopedToPods = (sel: unknown) => {
  const terms = labelSelectorToCalico(sel);
  return terms ? `${K8S_PODS} && ${terms}` : K8S_PODS;
};

/** Calico's entity fields for one Kubernetes peer (SPEC §3.7 "Peer conversion"). */
function peerToEntity(peer: Obj): Obj {
  if (isObj(peer.ipBlock)) {
    const except = list(peer.ipBlock.except);
    return { nets: [peer.ipBlock.cidr], ...(except.length > 0 ? { notNets: except } : {}) };
  }
  const out: Obj = { selector: scopedToPods(peer.podSelector) };
  // An empty namespaceSelector is every namespace; an absent one is the policy's own (§3.3).
  if (isObj(peer.namespaceSelector)) out.namespaceSelector = labelSelectorToCalico(peer.namespaceSelector) || 'all()';
  return out;
}

/**
 * Destination ports per protocol (SPEC §3.7): entries without protocol are TCP; numeric ports
 * merged into ranges, `endPort` as `"lo:hi"`, named ports kept; an entry without `port` makes
 * the protocol match all its ports (`null`). No `ports` at all: one rule with no protocol.
 */
function portsByProtocol(ports: unknown): Map<string, (number | string)[] | null> | null {
  const entries = list(ports).filter(isObj);
  if (entries.length === 0) return null;
  const byProto = new Map<string, { all: boolean; ranges: [number, number][]; named: string[] }>();
  for (const p of entries) {
    const proto = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const slot = byProto.get(proto) ?? { all: false, ranges: [], named: [] };
    byProto.set(proto, slot);
    if (p.port === undefined || p.port === null) slot.all = true;
    else if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) slot.named.push(p.port);
    else {
      const lo = Number(p.port);
      slot.ranges.push([lo, typeof p.endPort === 'number' ? p.endPort : lo]);
    }
  }
  const out = new Map<string, (number | string)[] | null>();
  for (const [proto, slot] of byProto) {
    if (slot.all) {
      out.set(proto, null);
      continue;
    }
    const merged: [number, number][] = [];
    for (const [lo, hi] of [...slot.ranges].sort((a, b) => a[0] - b[0])) {
      const last = merged[merged.length - 1];
      if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
      else merged.push([lo, hi]);
    }
    out.set(proto, [...merged.map(([lo, hi]) => (lo === hi ? lo : `${lo}:${hi}`)), ...[...new Set(slot.named)]]);
  }
  return out;
}

/** One Kubernetes rule as Calico Allow rules: one per (protocol, peer) pair. */
function convertRule(rule: unknown, direction: 'ingress' | 'egress'): Obj[] {
  if (!isObj(rule)) return [];
  const peers = list(direction === 'ingress' ? rule.from : rule.to).filter(isObj);
  const entities: (Obj | null)[] = peers.length > 0 ? peers.map(peerToEntity) : [null];
  const protocols = portsByProtocol(rule.ports);
  const out: Obj[] = [];
  for (const [proto, ports] of protocols ? [...protocols] : [[null, null] as const]) {
    for (const entity of entities) {
      const r: Obj = { action: 'Allow' };
      if (proto) r.protocol = proto;
      const dstPorts = ports ? { ports } : {};
      if (direction === 'ingress') {
        if (entity) r.source = entity;
        r.destination = { ...dstPorts };
      } else {
        r.destination = { ...(entity ?? {}), ...dstPorts };
      }
      if (isObj(r.destination) && Object.keys(r.destination).length === 0) delete r.destination;
      out.push(r);
    }
  }
  return out;
}

/** The directions a Kubernetes policy isolates, with the API server's defaulting (SPEC §1.1). */
export function k8sPolicyTypes(spec: Obj): ('Ingress' | 'Egress')[] {
  const given = list(spec.policyTypes).filter((t): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress');
  if (given.length > 0) return given;
  return list(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * A Kubernetes NetworkPolicy as the Calico NetworkPolicy Calico itself enforces for it (SPEC
 * §3.7): tier default, order 1000, selectors scoped to Kubernetes pods, one Allow rule per
 * (protocol, peer). Metadata other than name, namespace, labels and annotations is dropped.
 */
export function k8sToCalicoPolicy(policy: Obj, name?: string): Obj {
  const meta = isObj(policy.metadata) ? policy.metadata : {};
  const spec = isObj(policy.spec) ? policy.spec : {};
  const types = k8sPolicyTypes(spec);
  const out: Obj = {
    apiVersion: CALICO,
    kind: 'NetworkPolicy',
    metadata: keptMetadata({ ...meta, name: name ?? meta.name }),
    spec: {
      tier: 'default',
      order: 1000,
      selector: scopedToPods(spec.podSelector),
      types,
      ...(types.includes('Ingress') ? { ingress: list(spec.ingress).flatMap((r) => convertRule(r, 'ingress')) } : {}),
      ...(types.includes('Egress') ? { egress: list(spec.egress).flatMap((r) => convertRule(r, 'egress')) } : {}),
    },
  };
  return out;
}

const STAGED: Record<string, string> = {
  NetworkPolicy: 'StagedNetworkPolicy',
  GlobalNetworkPolicy: 'StagedGlobalNetworkPolicy',
  KubernetesNetworkPolicy: 'StagedKubernetesNetworkPolicy',
};
const ENFORCED: Record<string, string> = Object.fromEntries(Object.entries(STAGED).map(([k, v]) => [v, k]));

/** Whether `kind` at `apiVersion` is a Kubernetes NetworkPolicy. */
export const isK8sPolicy = (o: Obj) => o.kind === 'NetworkPolicy' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('networking.k8s.io/');

/**
 * The staged form of a policy (SPEC §1.4): Calico kinds become their Staged kind, a Kubernetes
 * NetworkPolicy a StagedKubernetesNetworkPolicy with the same spec; `stagedAction: Set`. Null
 * for a kind with no staged form.
 */
export function toStaged(policy: Obj): Obj | null {
  const kind = isK8sPolicy(policy) ? 'StagedKubernetesNetworkPolicy' : policy.apiVersion === CALICO ? STAGED[String(policy.kind)] : undefined;
  if (!kind) return null;
  const spec = isObj(policy.spec) ? policy.spec : {};
  return { apiVersion: CALICO, kind, metadata: keptMetadata(isObj(policy.metadata) ? policy.metadata : {}), spec: { ...spec, stagedAction: 'Set' } };
}

/**
 * The enforced form of a staged policy: `{ policy }` for stagedAction Set (and Learn / Ignore,
 * which Felix evaluates like Set, SPEC §7.3), `{ deletes }` for Delete (enforcing it removes the
 * enforced policy of that kind and name), null for a kind that is not staged.
 */
export function toEnforced(staged: Obj): { policy: Obj } | { deletes: { kind: string; apiVersion: string; namespace?: string; name: string } } | null {
  const kind = ENFORCED[String(staged.kind)];
  if (!kind || staged.apiVersion !== CALICO) return null;
  const meta = isObj(staged.metadata) ? staged.metadata : {};
  const { stagedAction, ...spec } = isObj(staged.spec) ? staged.spec : {};
  const k8s = kind === 'KubernetesNetworkPolicy';
  const target = { kind: k8s ? 'NetworkPolicy' : kind, apiVersion: k8s ? 'networking.k8s.io/v1' : CALICO };
  if (stagedAction === 'Delete') {
    return { deletes: { ...target, ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}), name: String(meta.name) } };
  }
  return { policy: { ...target, metadata: keptMetadata(meta), spec } };
}

/** What `kubectl get -o yaml` / `calicoctl get -o yaml` add that an apply must not carry. */
const NOISE = ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const NOISY_ANNOTATIONS = [LAST_APPLIED];

/**
 * The same, as edits of the object's document (export and import strip it keeping the rest as
 * written): server metadata fields, the last-applied annotation (its map too when it was alone),
 * and `status`.
 */
export function serverFieldEdits(value: Obj): ObjectEdit[] {
  const meta = isObj(value.metadata) ? value.metadata : {};
  const edits: ObjectEdit[] = NOISE.filter((k) => k in meta).map((k): ObjectEdit => ({ op: 'delete', at: ['metadata', k] }));
  const annotations = isObj(meta.annotations) ? meta.annotations : null;
  if (annotations && LAST_APPLIED in annotations) {
    edits.push(Object.keys(annotations).length === 1 ? { op: 'delete', at: ['metadata', 'annotations'] } : { op: 'delete', at: ['metadata', 'annotations', LAST_APPLIED] });
  }
  if ('status' in value) edits.push({ op: 'delete', at: ['status'] });
  return edits;
}

/** Metadata worth applying: without the server-side fields, empty maps dropped. */
export function keptMetadata(meta: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(meta)) if (!NOISE.includes(k) && v !== undefined) out[k] = v;
  if (isObj(out.annotations)) {
    const kept = Object.fromEntries(Object.entries(out.annotations).filter(([k]) => !NOISY_ANNOTATIONS.includes(k)));
    if (Object.keys(kept).length > 0) out.annotations = kept;
    else delete out.annotations;
  }
  if (isObj(out.labels) && Object.keys(out.labels).length === 0) delete out.labels;
  return out;
}
