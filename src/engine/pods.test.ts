import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, connSetFromJSON, explainConnection, expandWorkloads, inspectNode, reanalyze, type EdgeData, type NodeData } from './index';

/** A pod in namespace `ns`; `owner` groups it under a ReplicaSet, without it is a bare Pod. */
function pod(ns: string, name: string, labels: Record<string, string>, ip: string, owner?: string, node?: string): string {
  const refs = owner ? `\n  ownerReferences: [{kind: ReplicaSet, name: ${owner}, controller: true}]` : '';
  return `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: ${JSON.stringify(labels)}${refs}
spec:
  serviceAccountName: sa-${name}
  ${node ? `nodeName: ${node}\n  ` : ''}containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]
status: {podIP: ${ip}}
`;
}

/** The cluster with owners (grouped) or without (each pod its own workload). */
function cluster(grouped: boolean): string {
  const o = (rs: string) => (grouped ? rs : undefined);
  return `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Namespace
metadata: {name: b}
${pod('a', 'web-1', { app: 'web', track: 'stable' }, '10.0.0.1', o('web'), 'node-1')}${pod('a', 'web-2', { app: 'web', track: 'canary' }, '10.0.0.2', o('web'))}${pod('a', 'db', { app: 'db' }, '10.0.0.3')}${pod('b', 'cache-1', { app: 'cache' }, '10.0.1.1', o('cache'), 'node-1')}${pod('b', 'cache-2', { app: 'cache', tier: 'hot' }, '10.0.1.2', o('cache'))}${pod('b', 'cache-3', { app: 'cache' }, '10.0.5.1', o('cache'), 'node-1').replace('spec:\n', 'spec:\n  hostNetwork: true\n')}---
apiVersion: v1
kind: Node
metadata: {name: node-1}
status: {addresses: [{type: InternalIP, address: 10.0.5.1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: b}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c}]}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: partners, labels: {role: partner}}
spec: {nets: [192.0.2.0/24]}
`;
}

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-stable, namespace: a}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {track: stable}}}], ports: [{port: 5432}]}]
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: cache-egress}
spec:
  selector: app == "cache"
  types: [Egress]
  egress:
  - {action: Deny, destination: {selector: tier == "hot"}}
  - {action: Allow, protocol: TCP, destination: {nets: [192.0.2.0/25]}}
  - {action: Allow, destination: {selector: app == "web"}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: canary-from-b, namespace: a}
spec:
  podSelector: {matchLabels: {track: canary}}
  policyTypes: [Ingress]
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: b}}}], ports: [{port: 80}]}]
---
apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata: {name: trial, namespace: a}
spec:
  order: 5
  selector: track == "canary"
  types: [Egress]
`;

const files = (grouped: boolean, policies = POLICIES) => [{ path: 'c.yaml', text: cluster(grouped) }, { path: 'p.yaml', text: policies }];
/** The flat workspace's id of a pod: its own bare-Pod workload. */
const flatId = (id: string) => id.replace(/^pod:([^/]+)\/(.+)$/, 'wl:$1/Pod/$2');
const strip = (e: EdgeData) => ({ ...e, id: `${flatId(e.source)}->${flatId(e.target)}`, source: flatId(e.source), target: flatId(e.target) });

/**
 * Differential: the pod edges equal the analysis edges of the workspace where each pod is its
 * own workload (every grouped workload must be expanded, or the other ends differ).
 */
function expectSameAsFlat(grouped: ReturnType<typeof files>, flat: ReturnType<typeof files>, workloads: string[]) {
  const expansion = expandWorkloads(analyzeWorkspace(grouped), workloads);
  const flatResult = analyzeWorkspace(flat).result;
  const podIds = new Set(expansion.pods.map((p) => flatId(p.id)));
  expect(podIds.size).toBeGreaterThan(1);
  const want = flatResult.edges.filter((e) => podIds.has(e.source) || podIds.has(e.target));
  expect(expansion.edges.map(strip)).toEqual(want);
  return { expansion, flatResult };
}

describe('expandWorkloads', () => {
  it('gives each pod the edges of an equivalent workspace where every pod is its own workload', () => {
    const { expansion } = expectSameAsFlat(files(true), files(false), ['wl:a/ReplicaSet/web', 'wl:b/ReplicaSet/cache']);
    expect(expansion.workloads).toEqual(['wl:a/ReplicaSet/web', 'wl:b/ReplicaSet/cache']);
    expect(expansion.pods.map((p) => p.id)).toEqual(['pod:a/web-1', 'pod:a/web-2', 'pod:b/cache-1', 'pod:b/cache-2', 'pod:b/cache-3']);
    expect(expansion.pods[4]).toMatchObject({ hostNetwork: true, nodeName: 'node-1' });
    // Pods of the same workload have edges between them (cache-1 denies egress to the hot one).
    const e = expansion.edges.find((x) => x.id === 'pod:b/cache-1->pod:b/cache-2');
    expect(e?.verdict).toBe('deny');
    // Staged policy: a pending verdict on every edge (the canary's egress would be denied).
    expect(expansion.edges.find((x) => x.id === 'pod:a/web-2->ext:internet')).toMatchObject({ verdict: 'allow', pendingVerdict: 'deny' });
    expect(expansion.edges.find((x) => x.id === 'pod:a/web-1->ext:internet')).toMatchObject({ verdict: 'allow', pendingVerdict: 'allow' });
  });

  it('tells the pods of a mixed workload apart where the workload edge is partial', () => {
    const session = analyzeWorkspace(files(true));
    const wl = session.result.edges.find((e) => e.id === 'wl:a/ReplicaSet/web->wl:a/Pod/db')!;
    expect(wl).toMatchObject({ verdict: 'partial', connections: 'No Connections', mixed: true, someConnections: 'TCP 5432' });
    const { edges } = expandWorkloads(session, ['wl:a/ReplicaSet/web']);
    expect(edges.find((e) => e.id === 'pod:a/web-1->wl:a/Pod/db')).toMatchObject({ verdict: 'partial', connections: 'TCP 5432', mixed: false });
    expect(edges.find((e) => e.id === 'pod:a/web-2->wl:a/Pod/db')).toMatchObject({ verdict: 'deny', connections: 'No Connections' });
    // The other end may be mixed: the cache pods' egress differs towards the hot pod only.
    const toCache = edges.find((e) => e.id === 'wl:b/ReplicaSet/cache->pod:a/web-1')!;
    expect(toCache.mixed).toBe(false);
    const internet = edges.find((e) => e.id === 'pod:a/web-1->ext:internet');
    expect(internet?.verdict).toBe('allow');
  });

  it('folds the members of an unexpanded other end: all pairs for `allowed`, any pair for `someAllowed`', () => {
    const session = analyzeWorkspace(files(true));
    const one = expandWorkloads(session, ['wl:b/ReplicaSet/cache']).edges;
    const both = expandWorkloads(session, ['wl:a/ReplicaSet/web', 'wl:b/ReplicaSet/cache']).edges;
    const WEB = 'wl:a/ReplicaSet/web';
    const webPods = ['pod:a/web-1', 'pod:a/web-2'];
    const find = (edges: EdgeData[], src: string, dst: string) => edges.find((e) => e.source === src && e.target === dst)!;
    for (const [pod, webIsSource] of [['pod:b/cache-1', false], ['pod:b/cache-2', true], ['pod:b/cache-3', false]] as const) {
      const folded = webIsSource ? find(one, WEB, pod) : find(one, pod, WEB);
      const sets = webPods.map((w) => connSetFromJSON((webIsSource ? find(both, w, pod) : find(both, pod, w)).allowed));
      expect(connSetFromJSON(folded.allowed).equals(sets[0]!.intersect(sets[1]!))).toBe(true);
      expect(connSetFromJSON(folded.someAllowed ?? folded.allowed).equals(sets[0]!.union(sets[1]!))).toBe(true);
      expect(folded.mixed).toBe(!sets[0]!.equals(sets[1]!));
    }
    // The canary lets in namespace b on TCP 80 only, the stable pod everything: that end is mixed.
    expect(find(one, 'pod:b/cache-1', WEB)).toMatchObject({ verdict: 'partial', connections: 'TCP 80', mixed: true, someConnections: 'All Connections' });
  });

  it('reads a re-analysed session (a policy edit) like a fresh one', () => {
    const edited = POLICIES.replace('port: 5432', 'port: 5433');
    const again = reanalyze(analyzeWorkspace(files(true)), files(true, edited));
    const fresh = analyzeWorkspace(files(true, edited));
    const ids = ['wl:a/ReplicaSet/web', 'wl:b/ReplicaSet/cache'];
    expect(expandWorkloads(again, ids)).toEqual(expandWorkloads(fresh, ids));
    expect(expandWorkloads(again, ids).edges.find((e) => e.id === 'pod:a/web-1->wl:a/Pod/db')?.connections).toBe('TCP 5433');
  });

  it('describes each pod: workload, labels, IP, node, service account, ports', () => {
    const { pods } = expandWorkloads(analyzeWorkspace(files(true)), ['wl:a/ReplicaSet/web']);
    expect(pods[0]).toEqual<NodeData>({
      id: 'pod:a/web-1', kind: 'pod', name: 'web-1', namespace: 'a', workload: 'wl:a/ReplicaSet/web', workloadKind: 'ReplicaSet',
      labels: { app: 'web', track: 'stable' }, serviceAccount: 'sa-web-1', ports: [{ name: 'http', protocol: 6, port: 8080 }],
      podIPs: ['10.0.0.1'], nodeName: 'node-1',
    });
    expect(pods[1]).not.toHaveProperty('nodeName');
  });

  it('leaves templates, bare pods and unknown ids unexpanded, and marks what can be expanded', () => {
    const session = analyzeWorkspace(files(true));
    const r = expandWorkloads(session, ['wl:b/Deployment/api', 'wl:a/Pod/db', 'wl:a/ReplicaSet/nope', 'wl:a/ReplicaSet/web', 'wl:a/ReplicaSet/web']);
    expect(r.workloads).toEqual(['wl:a/ReplicaSet/web']);
    const byId = new Map(session.result.nodes.map((n) => [n.id, n]));
    expect(byId.get('wl:a/ReplicaSet/web')?.expandablePods).toBe(2);
    expect(byId.get('wl:b/Deployment/api')).toMatchObject({ template: true, replicas: 3 });
    expect(byId.get('wl:b/Deployment/api')).not.toHaveProperty('expandablePods');
    expect(byId.get('wl:a/Pod/db')).not.toHaveProperty('expandablePods');
    expect(expandWorkloads(session, [])).toEqual({ workloads: [], pods: [], edges: [] });
  });

  it('leaves out deny pod edges when the analysis omits denies (more than DENY_EDGE_LIMIT nodes)', () => {
    // 200 more bare pods push both workspaces over the limit; a default deny makes most pairs deny.
    const many = Array.from({ length: 200 }, (_, i) => pod('b', `p${i}`, { app: `p${i}` }, `10.1.${i >> 8}.${i & 255}`)).join('');
    const deny = `${POLICIES}---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: default-deny}
spec: {selector: all(), types: [Ingress, Egress], order: 9999}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: web-out}
spec: {selector: app == "web", types: [Egress], order: 10, egress: [{action: Allow}]}
`;
    const big = (grouped: boolean) => [{ path: 'c.yaml', text: cluster(grouped) + many }, { path: 'p.yaml', text: deny }];
    // Every grouped workload expanded, so that the other ends are the same nodes in both workspaces.
    const { expansion, flatResult } = expectSameAsFlat(big(true), big(false), ['wl:a/ReplicaSet/web', 'wl:b/ReplicaSet/cache']);
    expect(flatResult.denyEdgesOmitted).toBe(true);
    expect(expansion.denyEdgesOmitted).toBe(true);
    expect(expansion.edges.length).toBeGreaterThan(0);
    expect(expansion.edges.every((e) => e.verdict !== 'deny' || (e.pendingVerdict !== undefined && e.pendingVerdict !== 'deny'))).toBe(true);
  });
});

describe('pod ids in explanations and the node inspector', () => {
  const session = analyzeWorkspace(files(true));

  it('explains a flow from one pod: the stable pod is let in, the canary is not', () => {
    const flow = { protocol: 6, port: 5432, srcPort: 40000 };
    const stable = explainConnection(session, 'pod:a/web-1', 'wl:a/Pod/db', flow);
    const canary = explainConnection(session, 'pod:a/web-2', 'wl:a/Pod/db', flow);
    expect('error' in stable ? stable.error : stable.allowed).toBe(true);
    expect('error' in canary ? canary.error : canary.allowed).toBe(false);
    expect(explainConnection(session, 'pod:a/nope', 'wl:a/Pod/db', flow)).toHaveProperty('error');
  });

  it('inspects a pod as exactly one endpoint', () => {
    const r = inspectNode(session, 'pod:b/cache-2');
    if ('error' in r) throw new Error(r.error);
    expect(r).toMatchObject({ type: 'pod', name: 'cache-2', namespace: 'b', workload: 'wl:b/ReplicaSet/cache', endpoints: 1, podIPs: ['10.0.1.2'], labels: { app: 'cache', tier: 'hot' } });
    expect(r.egress.map((p) => `${p.displayName} ${p.selects}`)).toEqual(['default.cache-egress 1']);
    expect(inspectNode(session, 'pod:b/nope')).toHaveProperty('error');
  });
});
