import type { PolicyId } from '../model/policy';

/**
 * A policy's name as Calico ≤ v3.31 and Calico Enterprise print it (design.md decision: the
 * default naming): `<ns>/<tier>.<name>`, `<tier>.<name>`, `<ns>/knp.default.<name>`.
 */
export function policyDisplayName(id: PolicyId): string {
  const staged = id.kind.startsWith('Staged') ? 'staged:' : '';
  if (id.kind === 'KubernetesNetworkPolicy' || id.kind === 'StagedKubernetesNetworkPolicy') {
    return `${id.namespace}/${staged}knp.default.${id.name}`;
  }
  if (id.kind === 'AdminNetworkPolicy') return `kanp.adminnetworkpolicy.${id.name}`;
  if (id.kind === 'BaselineAdminNetworkPolicy') return `kbanp.baselineadminnetworkpolicy.${id.name}`;
  const inTier = id.name.startsWith(`${id.tier}.`) ? id.name : `${id.tier}.${id.name}`;
  return id.namespace !== undefined ? `${id.namespace}/${staged}${inTier}` : `${staged}${inTier}`;
}

/** Short kind label for explanations. */
export function policyKindLabel(id: PolicyId): string {
  switch (id.kind) {
    case 'KubernetesNetworkPolicy': return 'Kubernetes NetworkPolicy';
    case 'StagedKubernetesNetworkPolicy': return 'StagedKubernetesNetworkPolicy';
    case 'NetworkPolicy': return 'Calico NetworkPolicy';
    default: return id.kind;
  }
}
