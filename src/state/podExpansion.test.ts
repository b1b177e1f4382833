import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { connectEngine } from './effects';
import { EngineClient, inProcessTransport } from '../worker/client';
import { createDispatcher } from '../worker/dispatch';

const owned = (name: string, track: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: a, labels: {app: web, track: ${track}}, ownerReferences: [{kind: ReplicaSet, name: web, controller: true}]}
spec: {containers: [{name: c}]}
`;
const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: a, labels: {app: db}}
spec: {containers: [{name: c}]}
${owned('web-1', 'stable')}${owned('web-2', 'canary')}`;
const policy = (track: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: a}
spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress], ingress: [{from: [{podSelector: {matchLabels: {track: ${track}}}}]}]}
`;
const WEB = 'wl:a/ReplicaSet/web';

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('pod expansion effect', () => {
  it('asks for the pods when a workload is expanded, and again with every new analysis', async () => {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'c.yaml', text: CLUSTER }, { path: 'p.yaml', text: policy('stable') }]);
    const engine = connectEngine(store, new EngineClient(inProcessTransport(createDispatcher(() => 0))), { debounceMs: 5 });
    await engine.whenAnalyzed(store.getState().revision);
    expect(store.getState().podExpansion).toBeNull();
    store.getState().setWorkloadExpanded(WEB, true);
    await until(() => store.getState().podExpansion !== null);
    const verdict = (id: string) => store.getState().podExpansion?.result.edges.find((e) => e.id === id)?.verdict;
    expect([verdict('pod:a/web-1->wl:a/Pod/db'), verdict('pod:a/web-2->wl:a/Pod/db')]).toEqual(['allow', 'deny']);
    // An edit: the new analysis and its pods arrive together, with the same revision.
    store.getState().setFileText('p.yaml', policy('canary'));
    const rev = store.getState().revision;
    await engine.whenAnalyzed(rev);
    expect(store.getState().analysisRevision).toBe(rev);
    expect(store.getState().podExpansion?.revision).toBe(rev);
    expect([verdict('pod:a/web-1->wl:a/Pod/db'), verdict('pod:a/web-2->wl:a/Pod/db')]).toEqual(['deny', 'allow']);
    engine.dispose();
  });
});
