import type { Endpoint, NamedPort, NetworkSet, Profile } from '../model/endpoint';
import type { NamespaceInfo } from '../model/workspace';
import type { FieldPath } from '../model/source';
import { protocolNumber } from '../net';
import type { IpRange } from '../net/ip';
import type { LabelLookup } from '../selector';
import type { ObjectReader } from './context';
import { compileRules } from './calico';
import { validateProfileShape, validateRuleGlobalSelectors } from './calico-validate';

const ALLOW_ALL: Pick<Profile, 'ingress' | 'egress'> = (() => {
  const side = { positive: null, negative: null };
  const range = { path: '', line: 1, column: 1, endLine: 1, endColumn: 1 };
  const rule = { action: 'Allow' as const, index: 0, source: side, destination: side, range };
  return { ingress: [rule], egress: [rule] };
})();

/** What the workspace knows about namespaces and service accounts, to derive profile labels. */
export interface ProfileContext {
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  serviceAccountLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  defined: ReadonlyMap<string, Profile>;
}

/**
 * SPEC §1.8: the profile a name stands for. `kns.<ns>` allows everything and applies the
 * namespace's labels as `pcns.*`; `ksa.<ns>.<sa>` has no rules and applies the service
 * account's labels as `pcsa.*`; `projectcalico-default-allow` allows everything. A Profile
 * defined in the workspace supplies the rules (and its labelsToApply) for its name.
 */
export function resolveProfile(name: string, ctx: ProfileContext): Profile | undefined {
  const defined = ctx.defined.get(name);
  const derived: Record<string, string> = {};
  let rules: Pick<Profile, 'ingress' | 'egress'> | undefined;
  const kns = /^kns\.(.+)$/.exec(name);
  const ksa = /^ksa\.([^.]+)\.(.+)$/.exec(name);
  if (kns) {
    const ns = ctx.namespaces.get(kns[1]!);
    for (const [k, v] of Object.entries(ns?.labels ?? { 'kubernetes.io/metadata.name': kns[1]! })) derived[`pcns.${k}`] = v;
    derived['pcns.projectcalico.org/name'] = kns[1]!;
    rules = ALLOW_ALL;
  } else if (ksa) {
    for (const [k, v] of Object.entries(ctx.serviceAccountLabels.get(`${ksa[1]}/${ksa[2]}`) ?? {})) derived[`pcsa.${k}`] = v;
    derived['pcsa.projectcalico.org/name'] = ksa[2]!;
    rules = { ingress: [], egress: [] };
  } else if (name === 'projectcalico-default-allow') rules = ALLOW_ALL;
  if (!defined && !rules) return undefined;
  return {
    name,
    labels: { ...derived, ...(defined?.labels ?? {}) },
    ingress: defined ? defined.ingress : rules!.ingress,
    egress: defined ? defined.egress : rules!.egress,
  };
}

/** Effective labels (SPEC §1.8): own labels win, then each profile's labels in profile order. */
export function inheritLabels(own: Readonly<Record<string, string>>, profiles: readonly (Profile | undefined)[], overrides: Readonly<Record<string, string>> = {}): LabelLookup {
  const merged: Record<string, string> = {};
  for (let i = profiles.length - 1; i >= 0; i--) Object.assign(merged, profiles[i]?.labels ?? {});
  Object.assign(merged, own, overrides);
  const map = new Map(Object.entries(merged));
  return (key: string) => map.get(key);
}

/** Reads a Calico Profile resource (rules + labelsToApply). */
export function readProfile(r: ObjectReader): Profile {
  validateProfileShape(r);
  // SPEC §2.3: a Profile's rules are validated like a policy's (global() placement).
  validateRuleGlobalSelectors(r);
  return {
    name: r.string(['metadata', 'name']) ?? '',
    labels: r.stringMap(['spec', 'labelsToApply']),
    ingress: compileRules(r, 'ingress', ''),
    egress: compileRules(r, 'egress', ''),
  };
}

function readEndpointPorts(r: ObjectReader, field: FieldPath): NamedPort[] {
  const out: NamedPort[] = [];
  (r.array(field) ?? []).forEach((_, i) => {
    const name = r.get([...field, i, 'name']);
    const port = r.get([...field, i, 'port']);
    const proto = protocolNumber(String(r.get([...field, i, 'protocol']) ?? 'TCP'));
    if (typeof name === 'string' && typeof port === 'number' && proto !== undefined) out.push({ name, protocol: proto, port });
  });
  return out;
}

function readIps(r: ObjectReader, field: FieldPath): IpRange[] {
  return r.cidrs(field) ?? [];
}

/** Reads a HostEndpoint (SPEC §1.7): selected only by GlobalNetworkPolicy; expectedIPs are its addresses. */
export function readHostEndpoint(r: ObjectReader, ctx: ProfileContext): Endpoint {
  const name = r.string(['metadata', 'name']) ?? '';
  const own = r.stringMap(['metadata', 'labels']);
  const profiles = (r.array(['spec', 'profiles']) ?? []).filter((p): p is string => typeof p === 'string');
  return {
    kind: 'hep', namespace: '', name, nodeId: `hep:${name}`, ownLabels: own,
    labels: inheritLabels(own, profiles.map((p) => resolveProfile(p, ctx))),
    serviceAccount: '', namedPorts: readEndpointPorts(r, ['spec', 'ports']),
    ips: readIps(r, ['spec', 'expectedIPs']), profiles, range: r.obj.range,
  };
}

/**
 * Reads a Calico WorkloadEndpoint as the pod it stands for. Without `spec.profiles`, a
 * Kubernetes endpoint gets the profiles Calico's converter gives every pod (kns, ksa).
 */
export function readWorkloadEndpoint(r: ObjectReader, ctx: ProfileContext, ns: NamespaceInfo): { pod: string; endpoint: Endpoint } {
  const name = r.string(['metadata', 'name']) ?? '';
  const pod = r.string(['spec', 'pod']) ?? name;
  const own = r.stringMap(['metadata', 'labels']);
  const sa = r.string(['spec', 'serviceAccountName']) ?? 'default';
  const listed = r.get(['spec', 'profiles']);
  let profiles: string[];
  if (Array.isArray(listed)) profiles = listed.filter((p): p is string => typeof p === 'string');
  else {
    profiles = [`kns.${ns.name}`, `ksa.${ns.name}.${sa}`];
    r.report('NPC050', ['spec'], `no spec.profiles: assuming the converter's profiles ${profiles.join(', ')}`, 'info');
  }
  const overrides: Record<string, string> = { 'projectcalico.org/namespace': ns.name };
  if (sa.length < 63) overrides['projectcalico.org/serviceaccount'] = sa;
  return {
    pod,
    endpoint: {
      kind: 'pod', namespace: ns.name, name: pod, nodeId: `wl:${ns.name}/Pod/${pod}`, ownLabels: own,
      labels: inheritLabels(own, profiles.map((p) => resolveProfile(p, ctx)), overrides),
      serviceAccount: sa, namedPorts: readEndpointPorts(r, ['spec', 'ports']),
      ips: readIps(r, ['spec', 'ipNetworks']), profiles, range: r.obj.range,
    },
  };
}

/**
 * Reads a NetworkSet / GlobalNetworkSet (SPEC §1.6): a namespaced set also carries
 * `projectcalico.org/namespace` and inherits its namespace's `pcns.*` labels.
 */
export function readNetworkSet(r: ObjectReader, ctx: ProfileContext, ns: NamespaceInfo | null): NetworkSet {
  const name = r.string(['metadata', 'name']) ?? '';
  const own = r.stringMap(['metadata', 'labels']);
  const nets = r.cidrs(['spec', 'nets']) ?? [];
  if (ns) {
    return {
      kind: 'netset', namespace: ns.name, name, nodeId: `netset:${ns.name}/${name}`, ownLabels: own, nets, range: r.obj.range,
      labels: inheritLabels(own, [resolveProfile(`kns.${ns.name}`, ctx)], { 'projectcalico.org/namespace': ns.name }),
    };
  }
  return { kind: 'gnetset', name, nodeId: `gnetset:${name}`, ownLabels: own, nets, range: r.obj.range, labels: inheritLabels(own, []) };
}
