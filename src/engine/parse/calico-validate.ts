import type { FieldPath } from '../model/source';
import type { ObjectReader } from './context';

// Fields of projectcalico.org/v3 policies (calicoctl and the API server reject anything else).
const POLICY_SPEC = ['tier', 'order', 'selector', 'serviceAccountSelector', 'types', 'ingress', 'egress', 'performanceHints'];
const GLOBAL_ONLY = ['namespaceSelector', 'doNotTrack', 'preDNAT', 'applyOnForward'];
const RULE = ['action', 'ipVersion', 'protocol', 'notProtocol', 'icmp', 'notICMP', 'source', 'destination', 'http', 'metadata'];
const ENTITY = ['nets', 'notNets', 'selector', 'notSelector', 'namespaceSelector', 'ports', 'notPorts', 'serviceAccounts', 'services', 'domains'];

function unknownKeys(r: ObjectReader, field: FieldPath, allowed: readonly string[], what: string): void {
  const v = r.get(field);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) r.report('NPC008', [...field, k], `unknown field '${k}' in ${what}`);
  }
}

/** Unknown fields of a Calico (Staged)(Global)NetworkPolicy spec, its rules and their entities. */
export function validateCalicoPolicyShape(r: ObjectReader, global: boolean, staged: boolean): void {
  const spec = [...POLICY_SPEC, ...(global ? GLOBAL_ONLY : []), ...(staged ? ['stagedAction'] : [])];
  unknownKeys(r, ['spec'], spec, global ? 'a GlobalNetworkPolicy spec' : 'a NetworkPolicy spec (namespaceSelector is for GlobalNetworkPolicy)');
  for (const dir of ['ingress', 'egress'] as const) {
    const rules = r.get(['spec', dir]);
    if (!Array.isArray(rules)) continue;
    rules.forEach((_, i) => {
      unknownKeys(r, ['spec', dir, i], RULE, 'a rule');
      for (const side of ['source', 'destination']) unknownKeys(r, ['spec', dir, i, side], ENTITY, `a rule ${side}`);
    });
  }
}
