import { formatFieldPath, type FieldPath } from '../model/source';
import type { ServiceRef } from '../model/service';
import type { ObjectReader } from './context';

/** Entity fields a `services` match cannot be combined with (SPEC §3.1). */
const EXCLUSIVE = ['selector', 'notSelector', 'namespaceSelector', 'nets', 'notNets', 'serviceAccounts'] as const;

/**
 * Reads `source.services` / `destination.services` of the rule side at `field`
 * (`spec.<ingress|egress>[i].<source|destination>`) and checks what the API server checks
 * (SPEC §3.1): a name; a namespace in a policy without one (GlobalNetworkPolicy, Profile),
 * else the policy's namespace; no selector, notSelector, namespaceSelector, nets, notNets or
 * serviceAccounts beside it; on a destination no ports or notPorts; a destination service on
 * egress rules only, a source service on ingress rules only. Undefined (reported) when invalid.
 */
export function readServicesMatch(r: ObjectReader, field: FieldPath, policyNamespace: string): ServiceRef | undefined {
  const at = [...field, 'services'];
  const m = r.map(at);
  if (!m) return undefined;
  const side = field[field.length - 1];
  const dir = field[1];
  let ok = true;
  const bad = (f: FieldPath, message: string) => {
    r.report('NPC043', f, message);
    ok = false;
  };
  const name = r.string([...at, 'name']);
  if (!name) bad([...at, 'name'], 'a services match needs the name of a Service');
  for (const k of Object.keys(m)) if (k !== 'name' && k !== 'namespace') bad([...at, k], `unknown field '${k}' in services (name, namespace)`);
  const given = r.string([...at, 'namespace']);
  if (!given && policyNamespace === '') bad(at, 'services.namespace is required in a GlobalNetworkPolicy (it has no namespace of its own)');
  for (const k of EXCLUSIVE) if (r.get([...field, k]) !== undefined) bad([...field, k], `${k} cannot be combined with services`);
  if (side === 'destination') {
    for (const k of ['ports', 'notPorts']) if (r.get([...field, k]) !== undefined) bad([...field, k], `destination ${k} cannot be combined with services: the Service's EndpointSlices give the ports`);
    if (dir === 'ingress') bad(at, 'destination.services is only allowed in egress rules');
  } else if (dir === 'egress') bad(at, 'source.services is only allowed in ingress rules');
  if (!ok || !name) return undefined;
  return { namespace: given || policyNamespace, name, range: r.obj.locate([...at, 'name']), field: formatFieldPath([...at, 'name']) };
}
