import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, reanalyze } from '../engine';
import { generateCluster, PRESETS } from '../../fixtures/generate';
import { EngineClient, inProcessTransport } from './client';
import { createDispatcher } from './dispatch';
import type { EngineResponse } from './protocol';
import { decodeAnalysis, encodeAnalysis } from './resultDelta';

const cluster = ['a', 'b'].map((ns) => `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: ${ns}, labels: {app: web}}
spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: ${ns}, labels: {app: db}}
spec: {containers: [{name: c}]}
`).join('---\n');
const policy = (port: number) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: a}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: ${port}}]}]
`;
const files = (policies: string) => [{ path: 'cluster.yaml', text: cluster }, { path: 'policies.yaml', text: policies }];

describe('analysis deltas', () => {
  it('sends the edges an edit left alone as indexes, and decodes to the same result', () => {
    const cluster = generateCluster(PRESETS.S);
    const first = analyzeWorkspace(cluster.files);
    const second = reanalyze(first, cluster.editOnePolicy(5433));
    const wire = encodeAnalysis({ id: 7, result: first.result }, second.result);
    expect(wire.base).toBe(7);
    expect(wire.nodes).toBeNull(); // a port edit keeps the nodes
    const objects = wire.edges.filter((e) => typeof e !== 'number');
    // Only edges into what the edited policy selects changed, not all of them.
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.length * 5).toBeLessThan(second.result.edges.length);
    const [ns] = cluster.editTarget.split('/');
    for (const e of objects) expect(e.target.startsWith(`wl:${ns}/`) || e.target === `ns:${ns}`).toBe(true);
    const decoded = decodeAnalysis({ id: 7, result: first.result }, structuredClone(wire));
    expect(decoded).toEqual(second.result);
    // The receiver's own objects come back for the unchanged edges.
    const kept = decoded.edges.filter((e) => first.result.edges.includes(e));
    expect(kept.length).toBe(second.result.edges.length - objects.length);
  });

  it('a complete analysis has no base, and a delta against another analysis is refused', () => {
    const first = analyzeWorkspace(files(''));
    const wire = encodeAnalysis(null, first.result);
    expect(wire.base).toBeNull();
    expect(decodeAnalysis(null, wire)).toEqual(first.result);
    const delta = encodeAnalysis({ id: 1, result: first.result }, reanalyze(first, files(policy(1))).result);
    expect(() => decodeAnalysis(null, delta)).toThrow(/delta against request 1/);
    expect(() => decodeAnalysis({ id: 2, result: first.result }, delta)).toThrow(/delta against request 1/);
  });

  it('through the client, every analysis of a run of edits equals a fresh analysis of its text', async () => {
    const dispatch = createDispatcher(() => 0);
    const answers: EngineResponse[] = [];
    const client = new EngineClient(inProcessTransport((req) => { const r = dispatch(req); answers.push(r); return r; }));
    const texts = [policy(80), policy(81), '', `${policy(80)}---\nkind: [unclosed\n`, policy(80), policy(443)];
    for (const [i, text] of texts.entries()) {
      const got = await client.analyze(i + 1, files(text));
      expect(got!.result).toEqual(analyzeWorkspace(files(text)).result);
    }
    // The later answers really were deltas.
    expect(answers.slice(1).every((a) => a.type === 'analysis' && a.result.base !== null)).toBe(true);
    client.close();
  });
});
