import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { analyzeWorkspace } from '../analysis';
import { diffEdits, exportWorkspace } from './export';
import { k8sToCalicoPolicy, labelSelectorToCalico, toEnforced, toStaged } from './convert';

const K8S = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'api', namespace: 'shop', resourceVersion: '12', uid: 'u', labels: { team: 'web' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
  spec: {
    podSelector: { matchLabels: { tier: 'api', app: 'shop' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev', 'test'] }] },
    ingress: [{
      from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
      ports: [{ port: 80 }, { port: 81 }, { port: 'http' }, { protocol: 'UDP', port: 53 }, { port: 8000, endPort: 8080 }],
    }],
    egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'db' } }, podSelector: { matchExpressions: [{ key: 'role', operator: 'Exists' }] } }] }, {}],
  },
};

describe('labelSelectorToCalico (SPEC §3.7)', () => {
  it('matchLabels sorted by key, then each expression', () => {
    expect(labelSelectorToCalico(K8S.spec.podSelector)).toBe("app == 'shop' && tier == 'api' && env not in { 'dev', 'test' }");
    expect(labelSelectorToCalico({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }, { key: 'b', operator: 'DoesNotExist' }, { key: 'c', operator: 'Exists' }] }))
      .toBe("a in { 'x' } && !has(b) && has(c)");
    expect(labelSelectorToCalico({})).toBe('');
  });
});

describe('k8sToCalicoPolicy', () => {
  it('writes what Calico enforces: tier default, order 1000, pod-scoped selectors, a rule per (protocol, peer)', () => {
    const c = k8sToCalicoPolicy(K8S);
    expect(c.metadata).toEqual({ name: 'api', namespace: 'shop', labels: { team: 'web' } });
    const spec = c.spec as Record<string, unknown>;
    expect(spec.tier).toBe('default');
    expect(spec.order).toBe(1000);
    expect(spec.selector).toBe("projectcalico.org/orchestrator == 'k8s' && app == 'shop' && tier == 'api' && env not in { 'dev', 'test' }");
    // Egress rules and no policyTypes: the API server defaults to both directions (SPEC §1.1).
    expect(spec.types).toEqual(['Ingress', 'Egress']);
    const ingress = spec.ingress as Record<string, unknown>[];
    expect(ingress).toHaveLength(6); // (TCP, UDP) x 3 peers
    expect(ingress[0]).toEqual({
      action: 'Allow', protocol: 'TCP',
      source: { selector: "projectcalico.org/orchestrator == 'k8s' && app == 'web'" },
      destination: { ports: ['80:81', '8000:8080', 'http'] },
    });
    expect(ingress[1]!.source).toEqual({ selector: "projectcalico.org/orchestrator == 'k8s'", namespaceSelector: 'all()' });
    expect(ingress[2]!.source).toEqual({ nets: ['10.0.0.0/8'], notNets: ['10.1.0.0/16'] });
    expect(ingress[3]).toMatchObject({ protocol: 'UDP', destination: { ports: [53] } });
    expect(spec.egress).toEqual([
      { action: 'Allow', destination: { selector: "projectcalico.org/orchestrator == 'k8s' && has(role)", namespaceSelector: "kubernetes.io/metadata.name == 'db'" } },
      { action: 'Allow' },
    ]);
  });

  it('a port entry without a port opens the whole protocol; policyTypes given are kept', () => {
    const c = k8sToCalicoPolicy({ ...K8S, spec: { policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'TCP' }, { port: 443 }] }] } });
    expect((c.spec as Record<string, unknown>).types).toEqual(['Egress']);
    expect((c.spec as Record<string, unknown>).egress).toEqual([{ action: 'Allow', protocol: 'TCP' }]);
    expect((c.spec as Record<string, unknown>).ingress).toBeUndefined();
  });

  it('the engine sees the same connectivity before and after', () => {
    const cluster = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: db}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: shop, tier: api, env: prod}}
spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
---
apiVersion: v1
kind: Pod
metadata: {name: pg, namespace: db, labels: {role: primary}}
`;
    const k8s = parseAllDocuments(cluster).map((d) => d.toJS());
    const before = analyzeWorkspace([{ path: 'c.yaml', text: cluster }, { path: 'p.yaml', text: JSON.stringify(K8S) }]).result;
    const converted = exportWorkspace([{ path: 'p.yaml', text: JSON.stringify(K8S) }], { target: 'calicoctl', convertK8s: true });
    const after = analyzeWorkspace([{ path: 'c.yaml', text: cluster }, { path: 'p.yaml', text: converted.text }]).result;
    expect(k8s).toHaveLength(5);
    const view = (r: typeof before) => r.edges.map((e) => `${e.id} ${e.connections}`).sort();
    expect(view(after)).toEqual(view(before));
    expect(view(before)).toContain('wl:shop/Pod/web->wl:shop/Pod/api TCP 80-81,8000-8080,UDP 53');
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('staged <-> enforced (SPEC §1.4, §7.3)', () => {
  it('a Calico policy stages with stagedAction Set and comes back; a K8s one goes through StagedKubernetesNetworkPolicy', () => {
    const np = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'a', namespace: 'n' }, spec: { selector: 'all()', types: ['Ingress'] } };
    const staged = toStaged(np)!;
    expect(staged).toEqual({ ...np, kind: 'StagedNetworkPolicy', spec: { ...np.spec, stagedAction: 'Set' } });
    expect(toEnforced(staged)).toEqual({ policy: np });
    const k = toStaged(K8S)!;
    expect(k.kind).toBe('StagedKubernetesNetworkPolicy');
    expect(k.apiVersion).toBe('projectcalico.org/v3');
    expect(toEnforced(k)).toEqual({ policy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'api', namespace: 'shop', labels: { team: 'web' } }, spec: K8S.spec } });
    expect(toEnforced({ ...staged, spec: { ...staged.spec as object, stagedAction: 'Delete' } }))
      .toEqual({ deletes: { kind: 'NetworkPolicy', apiVersion: 'projectcalico.org/v3', namespace: 'n', name: 'a' } });
    expect(toStaged({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: 'x' }, spec: {} })).toBeNull();
  });
});

describe('diffEdits', () => {
  it('edits key by key where at most one key is new, sets a map whole otherwise', () => {
    expect(diffEdits({ kind: 'A', metadata: { name: 'x', namespace: 'n' }, spec: { a: 1 } }, { kind: 'B', metadata: { name: 'y', namespace: 'n' }, spec: { a: 1, b: 2 } })).toEqual([
      { op: 'set', at: ['kind'], value: 'B' },
      { op: 'set', at: ['metadata', 'name'], value: 'y' },
      { op: 'set', at: ['spec', 'b'], value: 2 },
    ]);
    expect(diffEdits({ spec: { podSelector: {} } }, { spec: { selector: 's', types: [] } })).toEqual([{ op: 'set', at: ['spec'], value: { selector: 's', types: [] } }]);
    expect(diffEdits({ a: 1, b: 2 }, { a: 1 })).toEqual([{ op: 'delete', at: ['b'] }]);
  });
});

describe('exportWorkspace: a selection', () => {
  const files = [{ path: 'p.yaml', text: `apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: 100}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: block}
spec: {tier: security, selector: all(), types: [Ingress]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: web, namespace: a}
spec: {selector: all(), types: [Ingress]}
---
${JSON.stringify(K8S)}
` }];
  const names = (r: ReturnType<typeof exportWorkspace>) => r.documents.map((d) => `${String(d.kind)} ${String((d.metadata as { name: string }).name)}`);
  it('one tier: its policies and its Tier; Kubernetes policies are in default', () => {
    expect(names(exportWorkspace(files, { target: 'kubectl', only: { tier: 'security' } }))).toEqual(['Tier security', 'GlobalNetworkPolicy block']);
    const d = exportWorkspace(files, { target: 'kubectl', only: { tier: 'default' } });
    expect(names(d)).toEqual(['NetworkPolicy web', 'NetworkPolicy api']);
    expect(d.report.filter((e) => e.note === 'not in the selection').map((e) => e.name)).toEqual(['security', 'block']);
  });
  it('one policy by the kind it is written as', () => {
    expect(names(exportWorkspace(files, { target: 'kubectl', only: { kind: 'NetworkPolicy', namespace: 'shop', name: 'api' } }))).toEqual(['NetworkPolicy api']);
    expect(names(exportWorkspace(files, { target: 'kubectl', only: { kind: 'GlobalNetworkPolicy', name: 'block' } }))).toEqual(['Tier security', 'GlobalNetworkPolicy block']);
  });
});

describe('exportWorkspace --convert-k8s', () => {
  it('a Kubernetes policy named like a Calico one of its namespace is converted under another name', () => {
    const calico = JSON.stringify({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: 'all()', types: ['Ingress'] } });
    const r = exportWorkspace([{ path: 'p.yaml', text: `${calico}\n---\n${JSON.stringify(K8S)}` }], { target: 'calicoctl', convertK8s: true });
    expect(r.documents.map((d) => (d.metadata as { name: string }).name)).toEqual(['api', 'api-k8s']);
    expect(r.report[1]!.note).toContain('named api-k8s (a Calico NetworkPolicy has its name)');
  });
});

describe('exportWorkspace --enforce', () => {
  it('a Calico and a Kubernetes policy of the same name stay apart; replaced and deleted ones are reported', () => {
    const doc = (apiVersion: string, kind: string, name: string, spec: Record<string, unknown>) => JSON.stringify({ apiVersion, kind, metadata: { name, namespace: 'shop' }, spec });
    const text = [
      doc('projectcalico.org/v3', 'StagedNetworkPolicy', 'web', { selector: 'all()', types: ['Ingress'], stagedAction: 'Set' }),
      doc('projectcalico.org/v3', 'StagedKubernetesNetworkPolicy', 'web', { podSelector: {}, policyTypes: ['Ingress'], stagedAction: 'Set' }),
      doc('networking.k8s.io/v1', 'NetworkPolicy', 'other', { podSelector: {}, policyTypes: ['Ingress'] }),
      doc('projectcalico.org/v3', 'StagedNetworkPolicy', 'other', { selector: 'all()', types: ['Ingress'], stagedAction: 'Delete' }),
      doc('projectcalico.org/v3', 'NetworkPolicy', 'gone', { selector: 'all()', types: ['Ingress'] }),
      doc('projectcalico.org/v3', 'StagedNetworkPolicy', 'gone', { selector: 'all()', types: ['Ingress'], stagedAction: 'Delete' }),
    ].join('\n---\n');
    const r = exportWorkspace([{ path: 'p.yaml', text }], { target: 'kubectl', enforce: true });
    expect(r.documents.map((d) => `${String(d.apiVersion)} ${String(d.kind)} ${String((d.metadata as { name: string }).name)}`)).toEqual([
      'projectcalico.org/v3 NetworkPolicy web', 'networking.k8s.io/v1 NetworkPolicy web', 'networking.k8s.io/v1 NetworkPolicy other',
    ]);
    expect(r.report.filter((e) => e.status === 'skipped').map((e) => `${e.kind} ${e.name}: ${e.note}`)).toEqual([
      'StagedNetworkPolicy other: a staged Delete: enforcing it removes the policy of its name',
      'NetworkPolicy gone: deleted by its staged Delete',
      'StagedNetworkPolicy gone: a staged Delete: enforcing it removes the policy of its name',
    ]);
  });
});
