import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, inspectNode, type NodeInspection } from '../index';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scopeOf } from '../analysis';
import { PolicyIndex } from '../matrix/connectivity';
import { CLUSTER_PATH, DEMO_CLUSTER, POLICIES_PATH, WALKTHROUGH } from '../../app/demo';

function inspect(files: { path: string; text: string }[], id: string): NodeInspection {
  const r = inspectNode(analyzeWorkspace(files), id);
  if ('error' in r) throw new Error(r.error);
  return r;
}
const names = (list: NodeInspection['ingress']) => list.map((p) => `${p.displayName}${p.staged ? ' (staged)' : ''} ${p.selects}`);

describe('inspectNode', () => {
  const step3 = [{ path: CLUSTER_PATH, text: DEMO_CLUSTER }, { path: POLICIES_PATH, text: WALKTHROUGH[3]!.policies }];

  it('lists the walkthrough policies per direction in evaluation order (SPEC §4.3, §4.4)', () => {
    const nginx = inspect(step3, 'wl:default/Pod/nginx');
    // order 100 before the order-less default-deny (nil order sorts last).
    expect(names(nginx.ingress)).toEqual(['default/default.allow-nginx-ingress-from-busybox 1', 'default.default-deny 1']);
    expect(names(nginx.egress)).toEqual(['default.default-deny 1']);
    expect(nginx.ingress[0]).toMatchObject({ kind: 'NetworkPolicy', namespace: 'default', tier: 'default', order: 100, staged: false });
    expect(nginx.ingress[1]).not.toHaveProperty('order');
    expect(nginx.ingress[1]!.range.path).toBe(POLICIES_PATH);
    expect(nginx).toMatchObject({ type: 'workload', namespace: 'default', workloadKind: 'Pod', endpoints: 1, replicas: 1 });
    expect(nginx.namedPorts).toEqual([{ name: 'http', protocol: 6, port: 80 }]);
    const busybox = inspect(step3, 'wl:shams/Pod/busybox');
    expect(names(busybox.egress)).toEqual(['shams/default.allow-busybox-egress 1', 'default.default-deny 1']);
    expect(names(busybox.ingress)).toEqual(['default.default-deny 1']);
    // kube-system is left out by the namespaceSelector.
    const dns = inspect(step3, 'wl:kube-system/Pod/kube-dns');
    expect(dns.ingress).toEqual([]);
    expect(dns.egress).toEqual([]);
  });

  const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  namespace: a
  labels: {app: web, track: stable}
  ownerReferences: [{kind: ReplicaSet, name: web, controller: true}]
spec:
  serviceAccountName: web-sa
  containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-2
  namespace: a
  labels: {app: web, track: canary}
  ownerReferences: [{kind: ReplicaSet, name: web, controller: true}]
spec:
  serviceAccountName: web-sa
  containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: host, namespace: a, labels: {app: web}}
spec: {hostNetwork: true, containers: [{name: c}]}
`;
  const POLICIES = `apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: 10}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: security.canary-only}
spec:
  tier: security
  order: 500
  selector: track == "canary"
  types: [Ingress]
  ingress: [{action: Pass}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: a}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
---
apiVersion: projectcalico.org/v3
kind: StagedNetworkPolicy
metadata: {name: trial, namespace: a}
spec:
  order: 5
  selector: track == "stable"
  types: [Egress]
`;
  const files = [{ path: 'c.yaml', text: CLUSTER }, { path: 'p.yaml', text: POLICIES }];

  it('counts per policy how many pods of a workload it selects; tiers first; staged marked', () => {
    const web = inspect(files, 'wl:a/ReplicaSet/web');
    expect(web.endpoints).toBe(2);
    expect(web.serviceAccount).toBe('web-sa');
    // The security tier (order 10) before default, whatever the policy orders.
    expect(names(web.ingress)).toEqual(['security.canary-only 1', 'a/knp.default.web 2']);
    expect(names(web.egress)).toEqual(['a/staged:default.trial (staged) 1', 'a/knp.default.web 2']);
    expect(web.egress[0]).toMatchObject({ kind: 'StagedNetworkPolicy', order: 5, staged: true });
    expect(web.ingress[1]).toMatchObject({ kind: 'KubernetesNetworkPolicy', order: 1000 });
    expect(web.namedPorts).toEqual([{ name: 'http', protocol: 6, port: 8080 }]);
  });

  it('a host-networked pod is selected by no policy (SPEC §4.8)', () => {
    const host = inspect(files, 'wl:a/Pod/host');
    expect(host.hostNetwork).toBe(true);
    expect(host.ingress).toEqual([]);
    expect(host.egress).toEqual([]);
  });

  it('answers namespaces with their labels, and unknown ids with an error', () => {
    const s = analyzeWorkspace(files);
    expect(inspectNode(s, 'ns:a')).toMatchObject({ type: 'namespace', labels: { 'kubernetes.io/metadata.name': 'a' }, ingress: [] });
    expect(inspectNode(s, 'wl:a/Pod/nope')).toEqual({ error: "no node 'wl:a/Pod/nope' in the workspace" });
    expect(inspectNode(s, 'ext:internet')).toMatchObject({ type: 'external', endpoints: 0, ingress: [], egress: [] });
  });
});

describe('inspectNode agrees with the evaluator', () => {
  it('lists, without staged ones, exactly the policies the evaluator walks for each endpoint', () => {
    const dir = new URL('../../../fixtures/cases/', import.meta.url);
    let checked = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const c = parse(readFileSync(new URL(f, dir), 'utf8')) as { cluster?: string; policies?: string };
      const s = analyzeWorkspace([{ path: 'c.yaml', text: c.cluster ?? '' }, { path: 'p.yaml', text: c.policies ?? '' }]);
      const ev = scopeOf(s, 'enforced');
      const index = new PolicyIndex(ev.view.universe, ev.view);
      for (const n of s.workspace.nodes) {
        if (n.type !== 'workload' || n.endpoints.length !== 1 || n.endpoints[0]!.hostNetwork) continue;
        const got = inspectNode(s, n.id) as NodeInspection;
        for (const dir of ['ingress', 'egress'] as const) {
          const want = index.tiersFor(n.endpoints[0]!, dir).flatMap((t) => t.policies.map((p) => `${p.id.kind}/${p.id.namespace ?? ''}/${p.id.name}`));
          expect(got[dir].filter((p) => !p.staged).map((p) => `${p.kind}/${p.namespace ?? ''}/${p.name}`), `${f} ${n.id} ${dir}`).toEqual(want);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
