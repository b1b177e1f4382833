import { describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatch';
import { decodeAnalysis } from './resultDelta';

const cluster = `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: a, labels: {app: web}}
spec: {containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: a, labels: {app: db}}
spec: {containers: [{name: c}]}
`;
const deny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: a}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

describe('dispatcher', () => {
  it('answers explanations from the graph on screen while the newest text does not parse', () => {
    const dispatch = createDispatcher(() => 0);
    const files = (policies: string) => [{ path: 'cluster.yaml', text: cluster }, { path: 'policies.yaml', text: policies }];
    dispatch({ type: 'analyze', id: 1, revision: 1, files: files(deny) });
    // Revision 2 breaks the YAML: the store keeps revision 1's graph on screen.
    const broken = dispatch({ type: 'analyze', id: 2, revision: 2, files: files(`${deny}---\nkind: [unclosed\n`) });
    expect(broken.type === 'analysis' && broken.result.diagnostics.some((d) => d.code === 'NPC001')).toBe(true);
    const why = dispatch({ type: 'explain', id: 3, revision: 2, src: 'wl:a/Pod/web', dst: 'wl:a/Pod/db', probe: 'TCP/80' });
    expect(why).toMatchObject({ type: 'explanation', revision: 1, result: { allowed: false } });
    const node = dispatch({ type: 'inspect-node', id: 4, revision: 2, node: 'wl:a/Pod/db' });
    expect(node).toMatchObject({ type: 'node-inspection', revision: 1 });
    // Fixed text is shown again, and answered from.
    dispatch({ type: 'analyze', id: 5, revision: 3, files: files('') });
    expect(dispatch({ type: 'explain', id: 6, revision: 3, src: 'wl:a/Pod/web', dst: 'wl:a/Pod/db', probe: 'TCP/80' }))
      .toMatchObject({ revision: 3, result: { allowed: true } });
  });

  it('answers the policy at a line, tagged with the revision whose text the lines belong to', () => {
    const dispatch = createDispatcher(() => 0);
    const files = (policies: string) => [{ path: 'cluster.yaml', text: cluster }, { path: 'policies.yaml', text: policies }];
    expect(dispatch({ type: 'policy-focus', id: 1, revision: 0, path: 'policies.yaml', line: 1 })).toMatchObject({ type: 'policy-focus', result: null });
    dispatch({ type: 'analyze', id: 2, revision: 1, files: files(deny) });
    expect(dispatch({ type: 'policy-focus', id: 3, revision: 1, path: 'policies.yaml', line: 3 }))
      .toMatchObject({ type: 'policy-focus', revision: 1, result: { name: 'deny', selected: ['wl:a/Pod/web', 'wl:a/Pod/db'], endpoints: 2 } });
    dispatch({ type: 'analyze', id: 4, revision: 2, files: files(`${deny}---\nkind: [unclosed\n`) });
    // The graph (and the session answered from) is still revision 1's.
    expect(dispatch({ type: 'policy-focus', id: 5, revision: 2, path: 'policies.yaml', line: 3 })).toMatchObject({ revision: 1 });
    expect(dispatch({ type: 'policy-focus', id: 6, revision: 2, path: 'cluster.yaml', line: 3 })).toMatchObject({ revision: 1, result: null });
  });
});

describe('dispatcher expand', () => {
  const owned = (name: string, track: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: a, labels: {app: web, track: ${track}}, ownerReferences: [{kind: ReplicaSet, name: web, controller: true}]}
spec: {containers: [{name: c}]}
`;
  const onlyStable = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: a}
spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress], ingress: [{from: [{podSelector: {matchLabels: {track: stable}}}]}]}
`;

  it('answers with the pods of a workload from the shown session, tagged with its revision', () => {
    const dispatch = createDispatcher(() => 0);
    const files = [{ path: 'cluster.yaml', text: cluster + owned('web-1', 'stable') + owned('web-2', 'canary') }, { path: 'policies.yaml', text: onlyStable }];
    expect(dispatch({ type: 'expand', id: 1, revision: 0, workloads: ['wl:a/ReplicaSet/web'] }))
      .toMatchObject({ type: 'expansion', revision: 0, result: { error: 'nothing analysed yet' } });
    dispatch({ type: 'analyze', id: 2, revision: 4, files });
    const res = dispatch({ type: 'expand', id: 3, revision: 4, workloads: ['wl:a/ReplicaSet/web'] });
    if (res.type !== 'expansion' || 'error' in res.result) throw new Error(JSON.stringify(res));
    expect(res.revision).toBe(4);
    const expansion = res.result;
    expect(expansion.pods.map((p) => p.id)).toEqual(['pod:a/web-1', 'pod:a/web-2']);
    const verdict = (id: string) => expansion.edges.find((e) => e.id === id)?.verdict;
    expect([verdict('pod:a/web-1->wl:a/Pod/db'), verdict('pod:a/web-2->wl:a/Pod/db')]).toEqual(['allow', 'deny']);
    // Explanations accept the pod ids the expansion names.
    expect(dispatch({ type: 'explain', id: 5, revision: 4, src: 'pod:a/web-2', dst: 'wl:a/Pod/db', probe: 'TCP/80' }))
      .toMatchObject({ type: 'explanation', result: { allowed: false } });
  });

  it('takes the texts an analyze request leaves out from the previous request, and refuses a file it never saw', () => {
    const dispatch = createDispatcher(() => 0);
    const first = dispatch({ type: 'analyze', id: 1, revision: 1, files: [{ path: 'cluster.yaml', text: cluster }, { path: 'policies.yaml', text: '' }] });
    const r = dispatch({ type: 'analyze', id: 2, revision: 2, files: [{ path: 'cluster.yaml' }, { path: 'policies.yaml', text: deny }] });
    if (r.type !== 'analysis' || first.type !== 'analysis') throw new Error(r.type);
    const result = decodeAnalysis({ id: 1, result: decodeAnalysis(null, first.result) }, r.result);
    expect(result.nodes.map((n) => n.id)).toContain('wl:a/Pod/web');
    expect(r.result.policyCount).toBe(1);
    const bad = dispatch({ type: 'analyze', id: 3, revision: 3, files: [{ path: 'other.yaml' }] });
    expect(bad.type).toBe('failure');
  });

  it('exports the texts it is sent, or says which errors prevent it', () => {
    const dispatch = createDispatcher(() => 0);
    const files = (policies: string) => [{ path: 'cluster.yaml', text: cluster }, { path: 'policies.yaml', text: policies }];
    dispatch({ type: 'analyze', id: 1, revision: 1, files: files(deny) });
    const r = dispatch({ type: 'export', id: 2, revision: 1, files: files(deny), options: { target: 'kubectl' } });
    expect(r).toMatchObject({ type: 'export', id: 2, result: { text: deny } });
    // Newer than the last analysis, and invalid: nothing exported, the error located.
    const bad = dispatch({ type: 'export', id: 3, revision: 1, files: files(deny.replace('[Ingress]', '[Inbound]')), options: { target: 'kubectl' } });
    expect(bad.type === 'export' && 'error' in bad.result && bad.result.problems.map((d) => `${d.path}:${d.line} ${d.code}`)).toEqual(['policies.yaml:4 NPC041']);
  });

  it('plans a connection: the file change with its diff and exactly the edges it changes; the graph on screen stays', () => {
    const dispatch = createDispatcher(() => 0);
    const files = [{ path: 'cluster.yaml', text: cluster }, { path: 'policies.yaml', text: deny }];
    const first = dispatch({ type: 'analyze', id: 1, revision: 1, files });
    const nodes = first.type === 'analysis' ? decodeAnalysis(null, first.result).nodes : [];
    const web = nodes.find((n) => n.id === 'wl:a/Pod/web')!;
    const db = nodes.find((n) => n.id === 'wl:a/Pod/db')!;
    const r = dispatch({ type: 'plan', id: 2, revision: 1, files, edit: { op: 'connect', request: { source: web, target: db, action: 'Allow', protocol: 'TCP', ports: [5432], sides: ['ingress'], flavour: 'KubernetesNetworkPolicy' } } });
    if (r.type !== 'plan' || 'error' in r.result) throw new Error(JSON.stringify(r));
    expect(r.result.impact).toEqual([{ id: 'wl:a/Pod/web->wl:a/Pod/db', source: 'wl:a/Pod/web', target: 'wl:a/Pod/db', before: 'No Connections', after: 'TCP 5432' }]);
    expect(r.result.changes[0]!.diff).toContain('+  name: db-ingress');
    // Planning is not applying: explanations still answer from the workspace as it is.
    expect(dispatch({ type: 'explain', id: 3, revision: 1, src: 'wl:a/Pod/web', dst: 'wl:a/Pod/db', probe: 'TCP/5432' })).toMatchObject({ result: { allowed: false } });
    dispatch({ type: 'analyze', id: 4, revision: 2, files: [{ path: 'cluster.yaml' }, { path: 'policies.yaml', text: r.result.changes[0]!.after }] });
    expect(dispatch({ type: 'explain', id: 5, revision: 2, src: 'wl:a/Pod/web', dst: 'wl:a/Pod/db', probe: 'TCP/5432' })).toMatchObject({ revision: 2, result: { allowed: true } });
  });
});
