import type { Policy, Rule, Tier } from '../model/policy';
import type { Diagnostic } from '../model/diagnostics';
import type { ClusterNode, NamespaceInfo, WorkloadKind, Workspace } from '../model/workspace';
import type { IpRange } from '../net/ip';
import { readDocuments, type RawObject, type WorkspaceFile } from './documents';
import { ObjectReader } from './context';
import { CALICO_POLICY_KINDS, compileCalicoPolicy } from './calico';
import { validateCalicoName } from './calico-validate';
import { compileK8sPolicy } from './k8s';
import { ANP_TIER, BANP_TIER, compileAdminPolicy } from './anp';
import { makeEndpoint, readNamespace, readPodShape, WORKLOAD_TEMPLATES } from './cluster';
import { readHostEndpoint, readNetworkSet, readProfile, readWorkloadEndpoint, type ProfileContext } from './entities';
import { serviceKey, type EndpointSliceInfo, type IngressObject, type Service } from '../model/service';
import { readService } from './service';
import { ingressControllerEndpoint, readIngress, readRoute } from './ingress';
import { reportBackendProblems } from '../exposure/ingress';
import type { Endpoint, NetworkSet, Profile } from '../model/endpoint';
import { checkUserDefinedNetworks, readUserDefinedNetwork, UDN_API_VERSION, UDN_KINDS, type UserDefinedNetwork } from './udn';
import { readEndpointSlice } from './endpointslice';
import { readNode, readPlacement } from './node';
import { addressClaims, cidrNodes, ruleCidrs } from './cidrs';

const CALICO_GROUPS = new Set(['projectcalico.org/v3', 'crd.projectcalico.org/v1']);
const HANDLED_KINDS = new Set(['Namespace', 'ServiceAccount', 'Pod', 'Profile', 'WorkloadEndpoint', 'HostEndpoint', 'NetworkSet', 'GlobalNetworkSet', 'Node', 'EndpointSlice', ...Object.keys(WORKLOAD_TEMPLATES)]);
/** Kinds we evaluate, with the apiVersions that serve them (another one is a mistake, not another kind). */
const KNOWN_API_VERSIONS: Record<string, readonly string[]> = {
  NetworkPolicy: ['networking.k8s.io/v1', ...CALICO_GROUPS],
  GlobalNetworkPolicy: [...CALICO_GROUPS],
  AdminNetworkPolicy: ['policy.networking.k8s.io/v1alpha1'],
  BaselineAdminNetworkPolicy: ['policy.networking.k8s.io/v1alpha1'],
  Tier: [...CALICO_GROUPS],
  EndpointSlice: ['discovery.k8s.io/v1'],
  Node: ['v1'],
};
/** Exposure kinds (../exposure/ingress.ts) by the apiVersion read; another apiVersion is not evaluated. */
const EXPOSURE_KINDS: Record<string, string> = { Service: 'v1', Ingress: 'networking.k8s.io/v1', Route: 'route.openshift.io/v1' };
const OWNER_KINDS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController']);

/** The built-in default tier (SPEC §1.5: order 1,000,000, defaultAction Deny, fixed). */
export const DEFAULT_TIER: Tier = { name: 'default', order: 1_000_000, defaultAction: 'Deny' };

/** Node id of the internet (design.md "Stable names"). */
export const INTERNET_ID = 'ext:internet';
/**
 * Graph node id of the cluster's own nodes (Node addresses, pods' host IPs): outside every
 * pod, but not the internet either; traffic from a pod's own node is let in (SPEC §6.34).
 */
export const CLUSTER_NODES_ID = 'ext:nodes';

function implicitNamespace(name: string): NamespaceInfo {
  return { name, labels: { 'kubernetes.io/metadata.name': name }, declared: false };
}

function policyCidrs(ingress: readonly Rule[], egress: readonly Rule[]): IpRange[] {
  const out: IpRange[] = [];
  const add = (rules: readonly Rule[]) => {
    for (const r of rules) {
      for (const side of [r.source, r.destination]) out.push(...(side.nets ?? []), ...(side.notNets ?? []));
    }
  };
  add(ingress);
  add(egress);
  return out;
}

/** How many pods a workload asks for: replicas, or parallelism for Jobs (1 when unset). */
function desiredPods(r: ObjectReader, kind: WorkloadKind): number {
  const field = kind === 'Job' ? ['spec', 'parallelism'] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'parallelism'] : ['spec', 'replicas'];
  const n = r.get(field);
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 1;
}

/**
 * Reads workspace files into the evaluator's model: namespaces, workload nodes with their
 * endpoints, the internet, tiers and compiled policies, plus every located diagnostic.
 * `context` gives the EndpointSlices of the rest of the workspace when policy files are
 * compiled alone (matrix/patch.ts), so that their diagnostics are those of a full build.
 */
export function buildWorkspace(files: readonly WorkspaceFile[], context?: { endpointSlices: Workspace['endpointSlices'] }): Workspace {
  const { objects, diagnostics } = readDocuments(files);
  const linesByPath = new Map(files.map((f) => [f.path, f.text.split('\n')]));
  const reader = (o: RawObject) => new ObjectReader(o, diagnostics, linesByPath.get(o.path));
  // Whether an error was reported after `mark` (a diagnostics length): that object is rejected.
  const errorsSince = (mark: number) => diagnostics.slice(mark).some((d) => d.severity === 'error');

  const namespaces = new Map<string, NamespaceInfo>();
  const saLabels = new Map<string, Record<string, string>>();
  const seen = new Map<string, RawObject>();

  for (const o of objects) {
    const r = reader(o);
    const name = o.value.metadata && typeof o.value.metadata === 'object' ? (o.value.metadata as Record<string, unknown>).name : undefined;
    if (typeof name !== 'string' || name === '') {
      r.report('NPC004', ['metadata', 'name'], `${o.kind} has no metadata.name`);
      continue;
    }
    const ns = (o.value.metadata as Record<string, unknown>).namespace;
    const key = `${o.apiVersion.split('/')[0]}|${o.kind}|${typeof ns === 'string' ? ns : ''}|${name}`;
    const prev = seen.get(key);
    // Two objects with one identity cannot both exist: which one a cluster keeps depends on apply order.
    if (prev) r.report('NPC006', ['metadata', 'name'], `duplicate ${o.kind} '${name}': also defined in ${prev.path} line ${prev.range.line}; the later one is ignored`);
    else seen.set(key, o);
  }
  const valid = [...seen.values()];

  for (const o of valid.filter((x) => x.kind === 'Namespace')) {
    const info = readNamespace(reader(o));
    namespaces.set(info.name, info);
  }
  const nsOf = (name: string) => {
    let info = namespaces.get(name);
    if (!info) {
      info = implicitNamespace(name);
      namespaces.set(name, info);
    }
    return info;
  };
  for (const o of valid.filter((x) => x.kind === 'ServiceAccount')) {
    const r = reader(o);
    saLabels.set(`${r.string(['metadata', 'namespace']) ?? 'default'}/${r.string(['metadata', 'name'])}`, r.stringMap(['metadata', 'labels']));
  }

  // SPEC §6.34: where pods run, so that traffic from their own node can be told apart.
  const nodeAddresses = new Map<string, IpRange[]>();
  for (const o of valid.filter((x) => x.kind === 'Node' && x.apiVersion === 'v1')) {
    const n = readNode(reader(o));
    nodeAddresses.set(n.name, n.ips);
  }

  const definedProfiles = new Map<string, Profile>();
  for (const o of valid.filter((x) => x.kind === 'Profile' && CALICO_GROUPS.has(x.apiVersion))) {
    const r = reader(o);
    const mark = diagnostics.length;
    const prof = readProfile(r);
    // A Profile calicoctl rejects (it decodes strictly, calico-validate.ts) is never stored: its
    // name keeps only what Calico derives for it (SPEC §1.8: kns./ksa. from Namespaces and
    // ServiceAccounts), its rules and labelsToApply never apply.
    if (errorsSince(mark)) {
      r.report('NPC007', ['metadata', 'name'], `Profile '${prof.name}' is not applied: calicoctl would reject it (see the errors above)`, 'info');
    } else definedProfiles.set(prof.name, prof);
  }
  const ctx: ProfileContext = { namespaces, serviceAccountLabels: saLabels, defined: definedProfiles };

  const nodes = new Map<string, ClusterNode & { type: 'workload' }>();
  const addWorkload = (o: RawObject, kind: WorkloadKind, name: string, podName: string, base: (string | number)[], replicas: number, template = false, controller?: Endpoint['controller']) => {
    const r = reader(o);
    const ns = nsOf(r.string(['metadata', 'namespace']) ?? 'default');
    const shape = readPodShape(r, base);
    if (shape.hostNetwork) {
      r.report('NPC050', [...base, 'spec', 'hostNetwork'], 'host-networked pod: no policy applies to it, and as a peer it is its node\'s address, which selectors do not match (SPEC §4.8)', 'info');
    }
    const id = `wl:${ns.name}/${kind}/${name}`;
    let node = nodes.get(id);
    if (!node) {
      node = { type: 'workload', id, namespace: ns.name, workloadKind: kind, name, labels: shape.labels, replicas: 0, endpoints: [], range: o.range };
      nodes.set(id, node);
    }
    node.replicas += replicas;
    const ep = makeEndpoint(shape, ns, podName, id, ctx, r);
    if (template) ep.template = true;
    if (controller) ep.controller = controller;
    const placement = readPlacement(r, [...base, 'spec', 'nodeName'], nodeAddresses, base.length === 0 ? [['status', 'hostIP'], ['status', 'hostIPs']] : []);
    if (placement) ep.node = placement;
    node.endpoints.push(ep);
  };

  for (const o of valid.filter((x) => x.kind === 'Pod')) {
    const r = reader(o);
    if (o.apiVersion !== 'v1') r.report('NPC005', ['apiVersion'], `a Pod is apiVersion v1 (got ${o.apiVersion}); read as v1`, 'warning');
    const phase = r.get(['status', 'phase']);
    if (phase === 'Succeeded' || phase === 'Failed') continue; // SPEC §1.8: finished pods have no endpoint
    const name = r.string(['metadata', 'name']) ?? '';
    const owners = (r.array(['metadata', 'ownerReferences']) ?? []) as { kind?: unknown; name?: unknown; controller?: unknown }[];
    const ctl = owners.find((w) => w.controller === true);
    const controller = ctl && typeof ctl.name === 'string' ? { kind: typeof ctl.kind === 'string' ? ctl.kind : '', name: ctl.name } : undefined;
    const owner = ctl ?? owners[0];
    if (owner && typeof owner.kind === 'string' && OWNER_KINDS.has(owner.kind) && typeof owner.name === 'string') {
      addWorkload(o, owner.kind as WorkloadKind, owner.name, name, [], 1, false, controller);
    } else addWorkload(o, 'Pod', name, name, [], 1, false, controller);
  }
  for (const [kind, base] of Object.entries(WORKLOAD_TEMPLATES)) {
    for (const o of valid.filter((x) => x.kind === kind)) {
      const r = reader(o);
      const name = r.string(['metadata', 'name']) ?? '';
      addWorkload(o, kind as WorkloadKind, name, `${name}-template`, base as (string | number)[], desiredPods(r, kind as WorkloadKind), true);
    }
  }

  const others: ClusterNode[] = [];
  const networkSets: NetworkSet[] = [];
  for (const o of valid.filter((x) => CALICO_GROUPS.has(x.apiVersion))) {
    const r = reader(o);
    if (o.kind === 'WorkloadEndpoint') {
      const ns = nsOf(r.string(['metadata', 'namespace']) ?? 'default');
      const { pod, endpoint } = readWorkloadEndpoint(r, ctx, ns);
      const node = readPlacement(r, ['spec', 'node'], nodeAddresses);
      if (node) endpoint.node = node;
      const labels = r.stringMap(['metadata', 'labels']);
      const existing = nodes.get(endpoint.nodeId);
      if (existing) existing.endpoints.push(endpoint);
      else nodes.set(endpoint.nodeId, { type: 'workload', id: endpoint.nodeId, namespace: ns.name, workloadKind: 'Pod', name: pod, labels, replicas: 1, endpoints: [endpoint], range: o.range });
    } else if (o.kind === 'HostEndpoint') {
      const ep = readHostEndpoint(r, ctx);
      const node = readPlacement(r, ['spec', 'node'], nodeAddresses);
      if (node) ep.node = node;
      others.push({ type: 'hostendpoint', id: ep.nodeId, name: ep.name, labels: ep.ownLabels, endpoint: ep, range: o.range });
    } else if (o.kind === 'NetworkSet' || o.kind === 'GlobalNetworkSet') {
      validateCalicoName(r, o.kind);
      const set = readNetworkSet(r, ctx, o.kind === 'NetworkSet' ? nsOf(r.string(['metadata', 'namespace']) ?? 'default') : null);
      networkSets.push(set);
      others.push({ type: 'networkset', id: set.nodeId, name: set.name, ...(set.namespace ? { namespace: set.namespace } : {}), labels: set.ownLabels, set, range: o.range });
    }
  }

  const services: Service[] = [];
  const ingressObjects: IngressObject[] = [];
  const ingressReaders: ObjectReader[] = [];
  for (const o of valid.filter((x) => EXPOSURE_KINDS[x.kind] === x.apiVersion)) {
    const r = reader(o);
    if (o.kind === 'Service') services.push(readService(r));
    else {
      ingressObjects.push(o.kind === 'Ingress' ? readIngress(r) : readRoute(r));
      ingressReaders.push(r);
    }
  }
  reportBackendProblems(ingressObjects, ingressReaders, services, [...nodes.values()].flatMap((n) => n.endpoints));
  const endpointSlices = new Map<string, EndpointSliceInfo[]>();
  for (const o of valid.filter((x) => x.kind === 'EndpointSlice' && x.apiVersion === 'discovery.k8s.io/v1')) {
    const slice = readEndpointSlice(reader(o));
    if (!slice) continue;
    const list = endpointSlices.get(slice.service);
    if (list) list.push(slice);
    else endpointSlices.set(slice.service, [slice]);
  }

  const tiers = new Map<string, Tier>([['default', DEFAULT_TIER]]);
  const policies: Policy[] = [];
  const udns: UserDefinedNetwork[] = [];
  for (const o of valid) {
    const r = reader(o);
    const mark = diagnostics.length;
    // SPEC-free, API-server fact: an object that fails validation is never stored, so a policy
    // with any error does not apply at all (its problems are listed instead).
    const keep = (p: Policy | undefined) => {
      if (!p) return;
      if (errorsSince(mark)) {
        r.report('NPC007', ['metadata', 'name'], `${o.kind} '${p.id.name}' is not applied: the API server would reject it (see the errors above)`, 'info');
        return;
      }
      policies.push(p);
      // With the policy's own diagnostics, so that a file's diagnostics stay one run (matrix/patch.ts).
      warnUnknownServices(p, context?.endpointSlices ?? endpointSlices, diagnostics);
    };
    if (o.kind === 'Tier' && CALICO_GROUPS.has(o.apiVersion)) {
      const name = r.string(['metadata', 'name']) ?? '';
      if (name === 'default') continue; // fixed built-in
      validateCalicoName(r, 'Tier');
      const order = r.number(['spec', 'order']);
      tiers.set(name, { name, order: order ?? Number.POSITIVE_INFINITY, defaultAction: r.get(['spec', 'defaultAction']) === 'Pass' ? 'Pass' : 'Deny' });
    } else if (o.kind === 'NetworkPolicy' && o.apiVersion === 'networking.k8s.io/v1') {
      keep(compileK8sPolicy(r, false));
    } else if (o.kind === 'StagedKubernetesNetworkPolicy' && CALICO_GROUPS.has(o.apiVersion)) {
      keep(compileK8sPolicy(r, true));
    } else if (o.kind in CALICO_POLICY_KINDS && CALICO_GROUPS.has(o.apiVersion)) {
      keep(compileCalicoPolicy(r, o.kind));
    } else if ((o.kind === 'AdminNetworkPolicy' || o.kind === 'BaselineAdminNetworkPolicy') && o.apiVersion === 'policy.networking.k8s.io/v1alpha1') {
      const baseline = o.kind === 'BaselineAdminNetworkPolicy';
      const tier = baseline ? BANP_TIER : ANP_TIER;
      tiers.set(tier.name, tier);
      keep(compileAdminPolicy(r, baseline));
    } else if (UDN_KINDS.has(o.kind) && o.apiVersion === UDN_API_VERSION) {
      const net = readUserDefinedNetwork(r, o.kind);
      if (net) udns.push(net);
    } else if (KNOWN_API_VERSIONS[o.kind] && !KNOWN_API_VERSIONS[o.kind]!.includes(o.apiVersion)) {
      r.report('NPC003', ['apiVersion'], `${o.kind} has no apiVersion ${o.apiVersion} (expected ${KNOWN_API_VERSIONS[o.kind]!.join(' or ')})`);
    } else if (!HANDLED_KINDS.has(o.kind) && EXPOSURE_KINDS[o.kind] !== o.apiVersion) {
      r.report('NPC003', ['kind'], `${o.apiVersion} ${o.kind} is not evaluated by netpol-canvas yet; it is ignored`, 'info');
    }
  }
  checkUserDefinedNetworks(udns, namespaces);
  for (const p of policies) {
    // SPEC §4.4: a tier referenced but not defined still sorts (after defined ones) and denies by default.
    if (!tiers.has(p.id.tier)) tiers.set(p.id.tier, { name: p.id.tier, order: Number.POSITIVE_INFINITY, defaultAction: 'Deny', implied: true });
  }

  // SPEC §6.48: equal ANP priorities leave the order to the implementation (Calico: by name).
  const byPriority = new Map<number, Policy>();
  for (const p of policies.filter((x) => x.id.kind === 'AdminNetworkPolicy')) {
    const other = byPriority.get(p.order);
    if (other) {
      diagnostics.push({ code: 'NPC062', severity: 'warning', message: `AdminNetworkPolicy '${p.id.name}' has the same priority (${p.order}) as '${other.id.name}': the API leaves their order undefined; Calico orders them by name`, ...p.range });
    } else byPriority.set(p.order, p);
  }
  const workloads = [...nodes.values()];
  const nodeIps = uniqueRanges([...workloads.flatMap((n) => n.endpoints), ...others.flatMap((n) => (n.type === 'hostendpoint' ? [n.endpoint] : []))].flatMap((e) => e.node?.ips ?? []));
  const endpointIps = [...workloads.flatMap((n) => n.endpoints), ...others.flatMap((n) => (n.type === 'hostendpoint' ? [n.endpoint] : []))].flatMap((e) => e.ips);
  // A node address that is a host-networked pod's (or a host endpoint's) is drawn as that node.
  const taken = new Set(endpointIps.map(rangeKey));
  const hostIps = nodeIps.filter((r) => !taken.has(rangeKey(r)));
  const cidrs = [
    ...policies.flatMap((p) => policyCidrs(p.ingress, p.egress)),
    ...[...definedProfiles.values()].flatMap((p) => policyCidrs(p.ingress, p.egress)),
    ...networkSets.flatMap((n) => n.nets),
    ...endpointIps,
    // SPEC §6.34: a node's addresses are sources with their own rule, so blocks split there too.
    ...nodeIps,
    // SPEC §3.6: backend addresses are what services matches test, so blocks split there too.
    ...[...endpointSlices.values()].flat().flatMap((e) => e.addresses),
  ];
  const addressed: ClusterNode[] = [
    ...workloads, ...others,
    ...(hostIps.length > 0 ? [{ type: 'external' as const, id: CLUSTER_NODES_ID, name: 'cluster nodes', nets: hostIps }] : []),
  ];
  return {
    namespaces, tiers, policies, cidrs, diagnostics, profiles: definedProfiles, networkSets, endpointSlices,
    nodes: withCidrNodes(addressed, policies, definedProfiles, networkSets),
    ...(services.length > 0 ? { services } : {}),
    ...(ingressReaders[0] ? { ingress: { objects: ingressObjects, controller: ingressControllerEndpoint(namespaces, ctx, ingressReaders[0]) } } : {}),
  };
}

/**
 * The graph nodes: `nodes` (endpoints, network sets, cluster nodes), then one `cidr:` node per
 * CIDR the rules match by (./cidrs.ts), then the internet, which keeps every address left.
 * Also used by matrix/patch.ts when a policy edit changes the rules' CIDRs.
 */
export function withCidrNodes(nodes: readonly ClusterNode[], policies: readonly Policy[], profiles: ReadonlyMap<string, Profile>, networkSets: readonly NetworkSet[]): ClusterNode[] {
  const { claimed, endpointIps } = addressClaims(nodes, networkSets);
  return [...nodes, ...cidrNodes(ruleCidrs([...policies, ...profiles.values()]), claimed, endpointIps), { type: 'external', id: INTERNET_ID, name: 'internet' }];
}

const rangeKey = (r: IpRange) => `${r.v}:${r.lo}-${r.hi}`;

/** The ranges once each (many pods share a host IP). */
function uniqueRanges(rs: readonly IpRange[]): IpRange[] {
  return [...new Map(rs.map((r) => [rangeKey(r), r])).values()];
}

/** A services match whose Service has no EndpointSlice in the workspace matches nothing (SPEC §3.6): say so where it is written. */
function warnUnknownServices(p: Policy, slices: ReadonlyMap<string, readonly EndpointSliceInfo[]>, diagnostics: Diagnostic[]): void {
  for (const rule of [...p.ingress, ...p.egress]) {
    for (const [side, m] of [['source', rule.source], ['destination', rule.destination]] as const) {
      if (!m.services || slices.has(serviceKey(m.services))) continue;
      diagnostics.push({
        code: 'NPC050', severity: 'warning', ...(m.services.range ?? rule.range), field: m.services.field ?? `${side}.services`,
        message: `no EndpointSlice labelled kubernetes.io/service-name=${m.services.name} in namespace ${m.services.namespace}: this services match has no backends and matches nothing`,
      });
    }
  }
}
