import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../engine';
import { collapseNamespaces } from './collapse';
import { applyProbe } from './probe';
import { createAppStore } from './store';
import { visibleGraphSelector } from './visibleGraph';

const YAML = `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Namespace
metadata: {name: b}
---
apiVersion: v1
kind: Pod
metadata: {name: x, namespace: a, labels: {app: x}}
---
apiVersion: v1
kind: Pod
metadata: {name: y, namespace: b, labels: {app: y}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: b}
spec:
  podSelector: {}
  ingress:
  - ports: [{port: 80}]
`;

function setup() {
  const store = createAppStore();
  const result = analyzeWorkspace([{ path: 'w.yaml', text: YAML }]).result;
  store.getState().applyAnalysis(store.getState().revision, result, 1);
  return { store, result, select: visibleGraphSelector() };
}

describe('the visible graph pipeline', () => {
  it('is the stages composed: probe, then collapsed namespaces', () => {
    const { store, result, select } = setup();
    store.getState().setProbe('UDP/53');
    store.getState().toggleNamespace('ns:b');
    const s = store.getState();
    const want = collapseNamespaces(result.nodes, applyProbe(result.edges, 'UDP/53'), s.collapsedNamespaces, { denyEdgesOmitted: false });
    const got = select(s)!;
    expect(s.collapsedNamespaces.has('ns:b')).toBe(true);
    expect(got.nodes.map((n) => n.id)).toEqual(want.nodes.map((n) => n.id));
    expect(got.edges.map((e) => [e.id, e.verdict, e.connections])).toEqual(want.edges.map((e) => [e.id, e.verdict, e.connections]));
    expect(got.edges.some((e) => e.id === 'wl:a/Pod/x->ns:b')).toBe(true);
    expect(got.allNodes).toBe(result.nodes);
  });

  it('answers the same object until an input changes, and keeps the node list across probe changes', () => {
    const { store, select } = setup();
    const first = select(store.getState())!;
    expect(select(store.getState())).toBe(first);
    store.getState().setProbe('TCP/80');
    const probed = select(store.getState())!;
    expect(probed).not.toBe(first);
    expect(probed.nodes).toBe(first.nodes); // nothing collapsed: same nodes, no new layout
    expect(probed.edges.find((e) => e.id === 'wl:a/Pod/x->wl:b/Pod/y')!.verdict).toBe('allow');
    expect(first.edges.find((e) => e.id === 'wl:a/Pod/x->wl:b/Pod/y')!.verdict).toBe('partial');
  });
});
