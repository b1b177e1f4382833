import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { connectEngine } from './effects';
import { connectNodeInspector } from './nodeInspection';
import { EngineClient, inProcessTransport } from '../worker/client';
import { createDispatcher } from '../worker/dispatch';
import type { NodeInspection } from '../engine';

const FILES = `apiVersion: v1
kind: Pod
metadata: {name: p1, namespace: a, labels: {app: p1}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: a}
spec: {podSelector: {}}
`;
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('node inspection effects', () => {
  it('asks the engine about the selected node and stores its answer', async () => {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'w.yaml', text: FILES }]);
    const engine = connectEngine(store, new EngineClient(inProcessTransport(createDispatcher(() => 0))), { debounceMs: 5 });
    await engine.whenAnalyzed(store.getState().revision);
    store.getState().selectNode('wl:a/Pod/p1');
    await until(() => store.getState().nodeInspection !== null);
    const got = store.getState().nodeInspection!;
    expect(got.node).toBe('wl:a/Pod/p1');
    expect(got.revision).toBe(store.getState().analysisRevision);
    expect((got.result as NodeInspection).ingress.map((p) => p.displayName)).toEqual(['a/knp.default.deny']);
    expect((got.result as NodeInspection).egress).toEqual([]);
    engine.dispose();
  });

  it('drops answers for a node no longer selected, or older than the graph', () => {
    const store = createAppStore();
    const ok: NodeInspection = { id: 'x', type: 'workload', name: 'x', labels: {}, namedPorts: [], endpoints: 1, ingress: [], egress: [] };
    store.setState({ analysisRevision: 3, selectedNode: 'b' });
    store.getState().applyNodeInspection({ node: 'a', revision: 3, result: { ...ok } });
    expect(store.getState().nodeInspection).toBeNull();
    store.getState().applyNodeInspection({ node: 'b', revision: 2, result: { ...ok } });
    expect(store.getState().nodeInspection).toBeNull();
    store.getState().applyNodeInspection({ node: 'b', revision: 4, result: { ...ok, name: 'new' } });
    store.getState().applyNodeInspection({ node: 'b', revision: 3, result: { ...ok, name: 'old' } });
    expect(store.getState().nodeInspection).toMatchObject({ node: 'b', revision: 4, result: { name: 'new' } });
  });

  it('asks again when the graph changes, and not for the same node and revision twice', () => {
    const store = createAppStore();
    const asked: string[] = [];
    const stop = connectNodeInspector(store, { inspectNode: (n) => { asked.push(n); return new Promise(() => {}); } });
    store.setState({ selectedNode: 'n', analysisRevision: 1, analysis: { nodes: [], edges: [], diagnostics: [], counts: { allow: 0, partial: 0, deny: 0 }, policyCount: 0, board: [] } });
    store.getState().setProbe('TCP/80'); // unrelated change: no new request
    store.setState({ analysisRevision: 2 });
    expect(asked).toEqual(['n', 'n']);
    stop();
  });
});
