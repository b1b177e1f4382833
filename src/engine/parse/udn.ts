/**
 * OVN-Kubernetes UserDefinedNetwork / ClusterUserDefinedNetwork (`k8s.ovn.org/v1`): validated
 * and reported, never evaluated. The engine models one pod network per cluster; the isolation
 * a (C)UDN adds between networks is not computed, and every valid (C)UDN says so.
 *
 * Rules checked (facts from the OVN-Kubernetes CRD schema and its CEL rules, and from the
 * OpenShift "best practices for UserDefinedNetwork" documentation; written here, not copied):
 * - `topology` is required: Layer2 or Layer3 (a ClusterUserDefinedNetwork also Localnet);
 *   the config of that topology (`layer2` / `layer3` / `localnet`) is required and any other
 *   is forbidden;
 * - `role` is required: Primary or Secondary; a Layer3 network needs `subnets` (1+ entries,
 *   each `{cidr, hostSubnet 1-127}`), a primary Layer2 network needs `subnets` (1-2 CIDRs);
 *   `mtu` is 576-65536; `ipam.lifecycle` is Persistent, `ipam.mode` Enabled or Disabled;
 * - a ClusterUserDefinedNetwork needs `spec.namespaceSelector` and `spec.network`;
 * - a namespace gets at most one primary network: a second primary (C)UDN selecting it is
 *   not created by OVN-Kubernetes (error);
 * - a UDN in the `default` or an `openshift-*` namespace is accepted by the API but documented
 *   as unsafe (no isolation), and one named `default` is confusable with the cluster default
 *   network: warnings, never errors (the API server stores them).
 */
import type { FieldPath } from '../model/source';
import type { NamespaceInfo } from '../model/workspace';
import { fromLabelSelector, matchesLabels, type K8sLabelSelector, type SelectorNode } from '../selector';
import { parseCidr } from '../net/ip';
import type { ObjectReader } from './context';

export const UDN_API_VERSION = 'k8s.ovn.org/v1';
export const UDN_KINDS = new Set(['UserDefinedNetwork', 'ClusterUserDefinedNetwork']);
/** OpenShift: a namespace must carry this label at creation to get a primary UDN. */
const PRIMARY_UDN_LABEL = 'k8s.ovn.org/primary-user-defined-network';

/** A (C)UDN that passed validation. */
export interface UserDefinedNetwork {
  kind: 'UserDefinedNetwork' | 'ClusterUserDefinedNetwork';
  /** `ns/name` for a UDN, the name for a CUDN (as users and OVN-Kubernetes refer to them). */
  display: string;
  /** UDN only. */
  namespace?: string;
  /** CUDN only. */
  namespaceSelector?: SelectorNode;
  primary: boolean;
  reader: ObjectReader;
}

function oneOf(r: ObjectReader, field: FieldPath, allowed: readonly string[], what: string): string | undefined {
  const v = r.get(field);
  if (v === undefined || v === null) {
    r.report('NPC080', field, `${what} is required (one of ${allowed.join(', ')})`);
    return undefined;
  }
  if (typeof v !== 'string' || !allowed.includes(v)) {
    r.report('NPC080', field, `invalid ${what} '${String(v)}': must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return v;
}

function cidrList(r: ObjectReader, field: FieldPath, min: number, max: number, layer3: boolean): boolean {
  const list = r.array(field);
  if (!list) return false;
  if (list.length < min || list.length > max) {
    r.report('NPC080', field, `subnets needs ${min} to ${max} entries (got ${list.length})`);
    return false;
  }
  let ok = true;
  list.forEach((item, i) => {
    const f = layer3 ? [...field, i, 'cidr'] : [...field, i];
    const text = layer3 ? (item !== null && typeof item === 'object' ? (item as Record<string, unknown>).cidr : undefined) : item;
    const parsed = typeof text === 'string' && text.includes('/') ? parseCidr(text) : { error: layer3 ? 'a Layer3 subnet is {cidr: <CIDR>, hostSubnet?: 1-127}' : `'${String(text)}' is not a CIDR` };
    if ('error' in parsed) {
      r.report('NPC030', f, parsed.error);
      ok = false;
    }
    const host = layer3 && item !== null && typeof item === 'object' ? (item as Record<string, unknown>).hostSubnet : undefined;
    if (host !== undefined && (typeof host !== 'number' || !Number.isInteger(host) || host < 1 || host > 127)) {
      r.report('NPC080', [...field, i, 'hostSubnet'], 'hostSubnet must be an integer from 1 to 127');
      ok = false;
    }
  });
  return ok;
}

/** Validates a network spec (UDN `spec`, CUDN `spec.network`); returns whether it is primary, or undefined when invalid. */
function readNetworkSpec(r: ObjectReader, base: FieldPath, cluster: boolean): { primary: boolean } | undefined {
  if (!r.map(base)) {
    r.report('NPC080', base, `${base.join('.')} is required`);
    return undefined;
  }
  const topologies = cluster ? ['Layer2', 'Layer3', 'Localnet'] : ['Layer2', 'Layer3'];
  const topology = oneOf(r, [...base, 'topology'], topologies, 'topology');
  if (!topology) return undefined;
  const own = topology === 'Localnet' ? 'localnet' : topology === 'Layer2' ? 'layer2' : 'layer3';
  let ok = true;
  for (const key of ['layer2', 'layer3', ...(cluster ? ['localnet'] : [])]) {
    const present = r.get([...base, key]) !== undefined && r.get([...base, key]) !== null;
    if (key !== own && present) {
      r.report('NPC080', [...base, key], `${key} does not match topology ${topology}: ${[...base, own].join('.')} is required and ${key} is forbidden`);
      ok = false;
    }
  }
  const cfg = [...base, own];
  if (!r.map(cfg)) {
    if (r.get(cfg) === undefined || r.get(cfg) === null) r.report('NPC080', [...base, 'topology'], `topology ${topology} needs ${cfg.join('.')}`);
    return undefined;
  }
  if (!ok) return undefined;
  const role = oneOf(r, [...cfg, 'role'], ['Primary', 'Secondary'], 'role');
  if (!role) return undefined;
  const mtu = r.get([...cfg, 'mtu']);
  if (mtu !== undefined && (typeof mtu !== 'number' || !Number.isInteger(mtu) || mtu < 576 || mtu > 65536)) {
    r.report('NPC080', [...cfg, 'mtu'], 'mtu must be an integer from 576 to 65536');
    ok = false;
  }
  const subnetsGiven = r.get([...cfg, 'subnets']) !== undefined && r.get([...cfg, 'subnets']) !== null;
  if (topology === 'Layer3') {
    if (!subnetsGiven) {
      r.report('NPC080', cfg, 'subnets is required for Layer3 topology');
      ok = false;
    } else ok = cidrList(r, [...cfg, 'subnets'], 1, 400, true) && ok;
  } else if (topology === 'Layer2') {
    if (subnetsGiven) ok = cidrList(r, [...cfg, 'subnets'], 1, 2, false) && ok;
    else if (role === 'Primary') {
      r.report('NPC080', cfg, 'subnets is required for a primary Layer2 network');
      ok = false;
    }
    const lifecycle = r.get([...cfg, 'ipam', 'lifecycle']);
    if (lifecycle !== undefined && lifecycle !== 'Persistent') {
      r.report('NPC080', [...cfg, 'ipam', 'lifecycle'], `invalid ipam.lifecycle '${String(lifecycle)}': the only value is Persistent`);
      ok = false;
    }
    const mode = r.get([...cfg, 'ipam', 'mode']);
    if (mode !== undefined && mode !== 'Enabled' && mode !== 'Disabled') {
      r.report('NPC080', [...cfg, 'ipam', 'mode'], `invalid ipam.mode '${String(mode)}': must be Enabled or Disabled`);
      ok = false;
    }
  }
  return ok ? { primary: role === 'Primary' } : undefined;
}

/** Reads one UserDefinedNetwork or ClusterUserDefinedNetwork; reports and returns undefined when the API server would reject it. */
export function readUserDefinedNetwork(r: ObjectReader, kind: string): UserDefinedNetwork | undefined {
  const cluster = kind === 'ClusterUserDefinedNetwork';
  const name = r.string(['metadata', 'name']) ?? '';
  if (cluster) {
    const selRaw = r.map(['spec', 'namespaceSelector']);
    if (!selRaw) {
      if (r.get(['spec', 'namespaceSelector']) === undefined) r.report('NPC080', ['spec'], 'spec.namespaceSelector is required (use {} for every namespace)');
      return undefined;
    }
    const sel = fromLabelSelector(selRaw as K8sLabelSelector);
    if (!sel.ok) {
      r.report('NPC011', ['spec', 'namespaceSelector'], `invalid label selector: ${sel.error}`);
      return undefined;
    }
    const net = readNetworkSpec(r, ['spec', 'network'], true);
    return net && { kind: 'ClusterUserDefinedNetwork', display: name, namespaceSelector: sel.ast, primary: net.primary, reader: r };
  }
  const namespace = r.string(['metadata', 'namespace']) ?? 'default';
  const net = readNetworkSpec(r, ['spec'], false);
  if (!net) return undefined;
  // OpenShift documents these as unsafe, not as rejected: the API server stores them.
  if (name === 'default') r.report('NPC083', ['metadata', 'name'], 'a UserDefinedNetwork should not be named "default" (confusable with the cluster default network)', 'warning');
  if (namespace === 'default' || namespace.startsWith('openshift-')) {
    r.report('NPC083', r.get(['metadata', 'namespace']) === undefined ? ['metadata'] : ['metadata', 'namespace'],
      `UserDefinedNetworks should not be created in namespace '${namespace}': this can leave it without isolation`, 'warning');
  }
  return { kind: 'UserDefinedNetwork', display: `${namespace}/${name}`, namespace, primary: net.primary, reader: r };
}

/**
 * Cross-object checks once every (C)UDN is read: one primary network per namespace (a later
 * one in input order is the one OVN-Kubernetes does not create), the namespace label primary
 * networks need, and the notice that isolation between networks is not evaluated.
 */
export function checkUserDefinedNetworks(nets: readonly UserDefinedNetwork[], namespaces: ReadonlyMap<string, NamespaceInfo>): void {
  const primaryOf = new Map<string, UserDefinedNetwork>();
  for (const net of nets) {
    const covered = net.namespace !== undefined ? [net.namespace] : [...namespaces.values()].filter((ns) => matchesLabels(net.namespaceSelector!, ns.labels)).map((ns) => ns.name);
    if (net.primary) {
      for (const ns of covered) {
        const first = primaryOf.get(ns);
        if (first) {
          net.reader.report('NPC082', ['metadata', 'name'], `namespace '${ns}' already has the primary network ${first.kind} ${first.display}: OVN-Kubernetes assigns at most one primary (Cluster)UserDefinedNetwork to a namespace, so ${net.display} is not created there`);
          continue;
        }
        primaryOf.set(ns, net);
        const info = namespaces.get(ns);
        if (info?.declared && info.labels[PRIMARY_UDN_LABEL] === undefined) {
          net.reader.report('NPC083', ['metadata', 'name'], `namespace '${ns}' lacks the label ${PRIMARY_UDN_LABEL} (it can only be set when the namespace is created): OVN-Kubernetes does not attach its pods to ${net.display}`, 'warning');
        }
      }
    }
    net.reader.report('NPC081', ['kind'], `${net.kind} ${net.display} is not evaluated: connectivity is computed as if every pod were on the cluster default network, without the isolation between user-defined networks`, 'warning');
  }
}
