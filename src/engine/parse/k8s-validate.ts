import type { FieldPath } from '../model/source';
import type { ObjectReader } from './context';

// The fields the API server knows for networking.k8s.io/v1 NetworkPolicy. kubectl applies with
// strict field validation (the default since Kubernetes 1.27), so an unknown field is an error.
const OBJECT_META = ['name', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'ownerReferences', 'finalizers', 'generateName', 'selfLink'];
const SELECTOR = ['matchLabels', 'matchExpressions'];
const SHAPE: Record<string, readonly string[]> = {
  top: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  spec: ['podSelector', 'policyTypes', 'ingress', 'egress'],
  ingress: ['from', 'ports'],
  egress: ['to', 'ports'],
  peer: ['podSelector', 'namespaceSelector', 'ipBlock'],
  ipBlock: ['cidr', 'except'],
  port: ['protocol', 'port', 'endPort'],
  expression: ['key', 'operator', 'values'],
};

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes label key: `[prefix/]name`, prefix a DNS subdomain (≤ 253), name ≤ 63 characters. */
export function labelKeyProblem(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : null;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== null && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `label key prefix '${prefix}' must be a DNS subdomain`;
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) return `label key '${key}' must be at most 63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  return null;
}

/** Kubernetes label value: empty, or ≤ 63 characters like a key's name part. */
export function labelValueProblem(value: string): string | null {
  if (value === '') return null;
  if (value.length > 63) return `label value '${value}' is longer than 63 characters`;
  if (!NAME_PART.test(value)) return `label value '${value}' must consist of letters, digits, '-', '_' or '.', and start and end with a letter or digit`;
  return null;
}

/** A DNS subdomain (RFC 1123), as most object names must be. */
export function dnsSubdomainProblem(name: string): string | null {
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) return `'${name.length > 40 ? `${name.slice(0, 40)}…` : name}' is not a valid name: at most 253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit`;
  return null;
}

function keys(r: ObjectReader, field: FieldPath, allowed: readonly string[], what: string): Record<string, unknown> | undefined {
  const v = r.get(field);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    r.report('NPC005', field, `${what} must be a mapping`);
    return undefined;
  }
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) r.report('NPC008', [...field, k], `unknown field '${k}' in ${what} (kubectl apply rejects unknown fields)`);
  }
  return v as Record<string, unknown>;
}

function list(r: ObjectReader, field: FieldPath, what: string): unknown[] {
  const v = r.get(field);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.report('NPC005', field, `${what} must be a list`);
    return [];
  }
  return v;
}

function labelSelector(r: ObjectReader, field: FieldPath): void {
  const m = keys(r, field, SELECTOR, 'a label selector');
  if (!m) return;
  const labels = m.matchLabels;
  if (labels && typeof labels === 'object' && !Array.isArray(labels)) {
    for (const [k, v] of Object.entries(labels)) {
      const problem = labelKeyProblem(k) ?? (typeof v === 'string' ? labelValueProblem(v) : null);
      if (problem) r.report('NPC011', [...field, 'matchLabels', k], problem);
    }
  }
  list(r, [...field, 'matchExpressions'], 'matchExpressions').forEach((_, i) => {
    keys(r, [...field, 'matchExpressions', i], SHAPE.expression!, 'a match expression');
    const key = r.get([...field, 'matchExpressions', i, 'key']);
    const problem = typeof key === 'string' ? labelKeyProblem(key) : null;
    if (problem) r.report('NPC011', [...field, 'matchExpressions', i, 'key'], problem);
  });
}

/**
 * The API server's structural checks of a NetworkPolicy that evaluation does not need but
 * `kubectl apply` enforces: known fields only, label syntax, the object name.
 */
export function validateK8sNetworkPolicyShape(r: ObjectReader): void {
  keys(r, [], SHAPE.top!, 'a NetworkPolicy');
  keys(r, ['metadata'], OBJECT_META, 'metadata');
  const name = r.get(['metadata', 'name']);
  const problem = typeof name === 'string' ? dnsSubdomainProblem(name) : null;
  if (problem) r.report('NPC009', ['metadata', 'name'], problem);
  // A missing spec is an empty one (podSelector {} + Ingress: deny all ingress), which the API accepts.
  if (!keys(r, ['spec'], SHAPE.spec!, 'spec')) return;
  labelSelector(r, ['spec', 'podSelector']);
  for (const dir of ['ingress', 'egress'] as const) {
    const peerKey = dir === 'ingress' ? 'from' : 'to';
    list(r, ['spec', dir], `spec.${dir}`).forEach((_, i) => {
      keys(r, ['spec', dir, i], SHAPE[dir]!, `an ${dir} rule`);
      list(r, ['spec', dir, i, peerKey], peerKey).forEach((__, j) => {
        const f = ['spec', dir, i, peerKey, j];
        keys(r, f, SHAPE.peer!, 'a peer');
        labelSelector(r, [...f, 'podSelector']);
        labelSelector(r, [...f, 'namespaceSelector']);
        keys(r, [...f, 'ipBlock'], SHAPE.ipBlock!, 'ipBlock');
      });
      list(r, ['spec', dir, i, 'ports'], 'ports').forEach((__, j) => keys(r, ['spec', dir, i, 'ports', j], SHAPE.port!, 'a port'));
    });
  }
}
