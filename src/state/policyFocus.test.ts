import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { connectEngine } from './effects';
import { connectPolicyFocus, focusClass, focusMarks } from './policyFocus';
import { EngineClient, inProcessTransport } from '../worker/client';
import { createDispatcher } from '../worker/dispatch';
import type { PolicyFocus } from '../engine';

const CLUSTER = `apiVersion: v1
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
// Line 4 is the policy's spec, line 8 inside its only ingress rule.
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in, namespace: a}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: web}}
`;
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup() {
  const store = createAppStore();
  store.getState().replaceFiles([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'p.yaml', text: POLICY }], 'p.yaml');
  const client = new EngineClient(inProcessTransport(createDispatcher(() => 0)));
  const engine = connectEngine(store, client, { debounceMs: 5 });
  return { store, engine };
}

describe('policy focus effects', () => {
  it('asks the engine about the cursor\'s line once the graph shows its text, and follows the cursor', async () => {
    const { store, engine } = setup();
    await engine.whenAnalyzed(store.getState().revision);
    store.getState().setEditorCursor({ path: 'p.yaml', line: 4, column: 1 });
    await until(() => store.getState().policyFocus !== null);
    const header = store.getState().policyFocus!;
    expect(header).toMatchObject({ path: 'p.yaml', line: 4, revision: store.getState().analysisRevision });
    expect(header.result).toMatchObject({ name: 'db-in', selected: ['wl:a/Pod/db'], endpoints: 1, peers: ['wl:a/Pod/web'] });
    expect(header.result).not.toHaveProperty('rule');

    store.getState().setEditorCursor({ path: 'p.yaml', line: 8, column: 12 });
    await until(() => store.getState().policyFocus?.line === 8);
    expect(store.getState().policyFocus!.result?.rule).toMatchObject({ direction: 'ingress', index: 0 });

    store.getState().setEditorCursor({ path: 'cluster.yaml', line: 2, column: 1 });
    await until(() => store.getState().policyFocus?.path === 'cluster.yaml');
    expect(store.getState().policyFocus!.result).toBeNull();
    store.getState().setEditorCursor(null);
    expect(store.getState().policyFocus).toBeNull();
    engine.dispose();
  });

  it('debounces cursor moves: one question for the line the cursor stops at', async () => {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'p.yaml', text: POLICY }]);
    store.getState().applyAnalysis(store.getState().revision, { nodes: [], edges: [], diagnostics: [], counts: { allow: 0, partial: 0, deny: 0 }, policyCount: 1, board: [] }, 0);
    const lines: number[] = [];
    const stop = connectPolicyFocus(store, {
      policyFocus: (_path, line) => {
        lines.push(line);
        return Promise.resolve({ revision: store.getState().analysisRevision, result: null });
      },
    }, 20);
    for (const line of [1, 2, 3, 5]) store.getState().setEditorCursor({ path: 'p.yaml', line, column: 1 });
    await sleep(60);
    expect(lines).toEqual([5]);
    // Moving along the same line asks nothing new.
    store.getState().setEditorCursor({ path: 'p.yaml', line: 5, column: 9 });
    await sleep(60);
    expect(lines).toEqual([5]);
    stop();
  });

  it('drops answers for a line the cursor left or a text that changed; clears on a text that does not parse', async () => {
    const { store, engine } = setup();
    await engine.whenAnalyzed(store.getState().revision);
    const rev = store.getState().analysisRevision;
    const f = { name: 'x' } as PolicyFocus;
    store.getState().setEditorCursor({ path: 'p.yaml', line: 4, column: 1 });
    store.getState().applyPolicyFocus({ path: 'p.yaml', line: 3, revision: rev, result: f });
    expect(store.getState().policyFocus).toBeNull();
    store.getState().applyPolicyFocus({ path: 'p.yaml', line: 4, revision: rev - 1, result: f });
    expect(store.getState().policyFocus).toBeNull();
    store.getState().applyPolicyFocus({ path: 'p.yaml', line: 4, revision: rev, result: f });
    expect(store.getState().policyFocus?.result).toBe(f);
    // A newer text: an answer computed from the graph's older text is dropped.
    store.getState().setFileText('p.yaml', `${POLICY}# edited\n`);
    store.getState().applyPolicyFocus({ path: 'p.yaml', line: 4, revision: rev, result: f });
    expect(store.getState().policyFocus?.revision).toBe(rev); // the held one, not replaced
    await engine.whenAnalyzed(store.getState().revision);
    await until(() => store.getState().policyFocus?.revision === store.getState().revision);
    expect(store.getState().policyFocus!.result?.name).toBe('db-in');
    // Broken YAML: the graph keeps the old text, whose lines no longer match the editor's.
    store.getState().setFileText('p.yaml', `${POLICY}---\nkind: [unclosed\n`);
    await engine.whenAnalyzed(store.getState().revision);
    await until(() => store.getState().policyFocus === null);
    expect(store.getState().policyFocus).toBeNull();
    engine.dispose();
  });

  it('marks selected nodes and expanded pods, and rule peers', () => {
    expect(focusMarks(null)).toBeNull();
    expect(focusMarks({ path: 'p', line: 1, revision: 1, result: null })).toBeNull();
    const marks = focusMarks({ path: 'p', line: 1, revision: 1, result: { selected: ['wl:a/Pod/db'], selectedPods: ['pod:a/db'], peers: ['wl:a/Pod/web', 'wl:a/Pod/db'] } as PolicyFocus });
    expect(focusClass(marks, 'wl:a/Pod/db')).toBe('npc-policy-selected npc-rule-peer');
    expect(focusClass(marks, 'pod:a/db')).toBe('npc-policy-selected');
    expect(focusClass(marks, 'wl:a/Pod/web')).toBe('npc-rule-peer');
    expect(focusClass(marks, 'ext:internet')).toBe('');
    expect(focusClass(null, 'wl:a/Pod/db')).toBe('');
  });
});
