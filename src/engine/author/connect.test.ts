import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, type AnalysisResult } from '../analysis';
import { planConnect, stableLabels, type ConnectRequest } from './connect';

/**
 * Every author operation proven with the evaluator: after it, the pair asked for allows what
 * was asked, and no other edge of the workspace changes.
 */
const read = (f: string) => readFileSync(new URL(`../../../examples/walkthrough/${f}`, import.meta.url), 'utf8');
const CLUSTER = read('cluster.yaml');
const STEP = [ '# none\n', read('step-1.yaml'), read('step-2.yaml'), read('step-3.yaml')];
const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';

function workspace(policies: string) {
  return [{ path: 'cluster.yaml', text: CLUSTER }, { path: 'policies.yaml', text: policies }];
}
function node(r: AnalysisResult, id: string) {
  return r.nodes.find((n) => n.id === id)!;
}
const edges = (r: AnalysisResult) => new Map(r.edges.map((e) => [e.id, e.connections]));

/** Applies the plan; returns the new result and the edges that changed (id: before -> after). */
function apply(policies: string, req: (r: AnalysisResult) => ConnectRequest) {
  const files = workspace(policies);
  const before = analyzeWorkspace(files).result;
  const plan = planConnect(files, req(before));
  if ('error' in plan) throw new Error(plan.error);
  const after = analyzeWorkspace(files.map((f) => ({ path: f.path, text: plan.find((c) => c.path === f.path)?.after ?? f.text }))).result;
  const a = edges(before);
  const changed = [...edges(after)].filter(([id, c]) => a.get(id) !== c).map(([id, c]) => `${id}: ${a.get(id)} -> ${c}`);
  return { plan, after, changed };
}

describe('planConnect: drag busybox -> nginx', () => {
  it('behind a default deny, both ends: exactly that pair gains TCP 80', () => {
    const { plan, after, changed } = apply(STEP[1]!, (r) => ({
      source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Allow', protocol: 'TCP', ports: [80], sides: ['ingress', 'egress'], flavour: 'NetworkPolicy',
    }));
    expect(changed).toEqual([`${BUSYBOX}->${NGINX}: No Connections -> TCP 80`]);
    expect(plan.map((c) => c.summary)).toEqual([['new NetworkPolicy default/nginx-ingress', 'new NetworkPolicy shams/busybox-egress']]);
    // One new finding, and a true one: busybox's new egress policy allows no DNS either (NPC067).
    const findings = (r: AnalysisResult) => r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.line}`);
    const was = findings(analyzeWorkspace(workspace(STEP[1]!)).result);
    const lines = plan[0]!.after.split('\n');
    const typesLine = lines.findIndex((l, i) => l === '  types:' && i > lines.indexOf('  name: busybox-egress')) + 1;
    expect(findings(after).filter((f) => !was.includes(f))).toEqual([`NPC067 ${typesLine}`]);
    // The other documents of the file are untouched, byte for byte.
    expect(plan[0]!.after.startsWith(STEP[1]!)).toBe(true);
  });

  it('at step 2 (busybox may send), a Kubernetes policy on nginx ingress is enough', () => {
    const { plan, changed } = apply(STEP[2]!, (r) => ({
      source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Allow', protocol: 'TCP', ports: [80], sides: ['ingress'], flavour: 'KubernetesNetworkPolicy',
    }));
    expect(changed).toEqual([`${BUSYBOX}->${NGINX}: No Connections -> TCP 80`]);
    expect(plan[0]!.after.slice(STEP[2]!.length)).toBe(`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: nginx-ingress
  namespace: default
spec:
  podSelector:
    matchLabels:
      run: nginx
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              run: busybox
          namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: shams
      ports:
        - protocol: TCP
          port: 80
`);
  });

  it('a second drag adds its rule to the policy of the same shape', () => {
    const first = apply(STEP[2]!, (r) => ({ source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Allow', protocol: 'TCP', ports: [80], sides: ['ingress'], flavour: 'NetworkPolicy' }));
    const text = first.plan[0]!.after;
    const second = apply(text, (r) => ({ source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Allow', protocol: 'UDP', ports: ['8000:8080'], sides: ['ingress'], flavour: 'NetworkPolicy' }));
    expect(second.plan[0]!.summary).toEqual(['added ingress rule 1 to NetworkPolicy default/nginx-ingress']);
    expect(second.changed).toEqual([`${BUSYBOX}->${NGINX}: TCP 80 -> TCP 80,UDP 8000-8080`]);
    expect(second.plan[0]!.after.match(/kind: NetworkPolicy\n/g)).toHaveLength(2); // step 2's and nginx-ingress: no new policy
  });

  it('a global policy, staged: the enforced graph stays, the pending one gains the pair', () => {
    const files = workspace(STEP[1]!);
    const before = analyzeWorkspace(files).result;
    const plan = planConnect(files, { source: node(before, BUSYBOX), target: node(before, NGINX), action: 'Allow', sides: ['ingress', 'egress'], flavour: 'GlobalNetworkPolicy', staged: true, order: 10 });
    if ('error' in plan) throw new Error(plan.error);
    const after = analyzeWorkspace([files[0]!, { path: 'policies.yaml', text: plan[0]!.after }]).result;
    const edge = after.edges.find((e) => e.id === `${BUSYBOX}->${NGINX}`)!;
    expect(edge.connections).toBe('No Connections');
    expect(edge.pendingConnections).toBe('All Connections');
    expect(after.edges.filter((e) => (e.pendingConnections ?? e.connections) !== e.connections).map((e) => e.id)).toEqual([`${BUSYBOX}->${NGINX}`]);
  });

  it('from the internet into nginx, and from a namespace', () => {
    const net = apply(STEP[1]!, (r) => ({ source: node(r, 'ext:internet'), target: node(r, NGINX), action: 'Allow', protocol: 'TCP', ports: [443], sides: ['ingress'], flavour: 'NetworkPolicy' }));
    expect(net.changed).toEqual([`ext:internet->${NGINX}: No Connections -> TCP 443`]);
    const ns = apply(STEP[1]!, (r) => ({ source: node(r, 'ns:shams'), target: node(r, NGINX), action: 'Allow', sides: ['ingress'], flavour: 'KubernetesNetworkPolicy' }));
    // busybox (shams) still cannot send: the default deny closes its egress.
    expect(ns.changed).toEqual([]);
    expect(ns.plan[0]!.after).toContain('kubernetes.io/metadata.name: shams');
  });

  it('Deny this (Calico): exactly that port of that pair closes, in a flat cluster and behind an allowing policy', () => {
    // Flat: no tier applied to nginx, so the new policy passes the other flows on.
    const flat = apply(STEP[0]!, (r) => ({ source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Deny', protocol: 'TCP', ports: [80], sides: ['ingress'], flavour: 'NetworkPolicy', order: 0, passOthers: true }));
    expect(flat.changed).toEqual([`${BUSYBOX}->${NGINX}: All Connections -> All Connections except TCP 80`]);
    // Without the Pass, the default tier's end would drop the rest: the reason for passOthers.
    const closed = apply(STEP[0]!, (r) => ({ source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Deny', protocol: 'TCP', ports: [80], sides: ['ingress'], flavour: 'NetworkPolicy', order: 0 }));
    expect(closed.changed.length).toBeGreaterThan(1);
    // Step 3 allows busybox -> nginx at order 100: a Deny at order 0 in the same tier wins.
    const step3 = apply(STEP[3]!, (r) => ({ source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Deny', protocol: 'TCP', ports: [80], sides: ['ingress'], flavour: 'NetworkPolicy', order: 0 }));
    expect(step3.changed).toEqual([`${BUSYBOX}->${NGINX}: All Connections -> All Connections except TCP 80`]);
  });

  it('a rule added to a policy that ends in a catch-all Pass goes before it, and takes effect', () => {
    const deny = apply(STEP[0]!, (r) => ({ source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Deny', protocol: 'TCP', ports: [80], sides: ['ingress'], flavour: 'NetworkPolicy', order: 0, passOthers: true }));
    const text = deny.plan[0]!.after;
    // Now a Log and an Allow for 8080 into the same policy shape: both before the Pass.
    const allow = apply(text, (r) => ({ source: node(r, BUSYBOX), target: node(r, NGINX), action: 'Allow', protocol: 'TCP', ports: [8080], sides: ['ingress'], flavour: 'NetworkPolicy', order: 0 }));
    expect(allow.plan[0]!.summary).toEqual(['added ingress rule 1 to NetworkPolicy default/nginx-ingress']);
    const ingress = allow.plan[0]!.after.slice(allow.plan[0]!.after.lastIndexOf('  ingress:'));
    expect(ingress.indexOf('- 8080')).toBeLessThan(ingress.indexOf('- action: Pass'));
    expect(allow.changed).toEqual([]); // 8080 was allowed (passed on) before, and is allowed now
  });

  it('refuses what cannot be written, saying why', () => {
    const files = workspace(STEP[1]!);
    const r = analyzeWorkspace(files).result;
    const base = { source: node(r, BUSYBOX), target: node(r, NGINX), sides: ['ingress' as const], flavour: 'KubernetesNetworkPolicy' as const };
    expect(planConnect(files, { ...base, action: 'Deny' })).toEqual({ error: 'Kubernetes NetworkPolicies only allow: use a Calico policy to deny' });
    expect(planConnect(files, { ...base, action: 'Allow', ports: [80] })).toEqual({ error: 'ports need a protocol (TCP, UDP or SCTP)' });
    expect(planConnect(files, { ...base, action: 'Allow', sides: [] })).toHaveProperty('error');
    expect(planConnect(files, { ...base, action: 'Allow', target: node(r, 'ext:internet') })).toEqual({ error: 'internet is not a workload: no policy applies to it, so ingress cannot be written there' });
  });
});

describe('stableLabels', () => {
  it('never selects by a rollout or a replica', () => {
    expect(stableLabels({ app: 'web', 'pod-template-hash': '5d8f', 'statefulset.kubernetes.io/pod-name': 'web-0', 'controller-revision-hash': 'x', tier: 'f' })).toEqual({ app: 'web', tier: 'f' });
  });
});
