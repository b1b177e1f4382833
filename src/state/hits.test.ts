import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { connectEngine } from './effects';
import { EngineClient, inProcessTransport } from '../worker/client';
import { createDispatcher } from '../worker/dispatch';

const read = (f: string) => readFileSync(new URL(`../../examples/walkthrough/${f}`, import.meta.url), 'utf8');
const FLOWS = 'src_ns,src_name,dst_ns,dst_name,proto,port,action,count\nshams,busybox,default,nginx,TCP,80,allow,12\nbad,line\n';

describe('hit counts follow the model on screen', () => {
  it('loaded flows are counted, and counted again after an edit', async () => {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'cluster.yaml', text: read('cluster.yaml') }, { path: 'policies.yaml', text: read('step-3.yaml') }]);
    const client = new EngineClient(inProcessTransport(createDispatcher(() => 0)));
    const engine = connectEngine(store, client, { debounceMs: 1 });
    await engine.whenAnalyzed(store.getState().revision);
    const sources = await client.loadFlows([{ name: 'f.csv', text: FLOWS }], true);
    if ('error' in sources) throw new Error(sources.error);
    expect(sources).toEqual([{ name: 'f.csv', format: 'csv', records: 1, errors: [{ line: 3, message: 'unknown protocol ""' }], errorCount: 1 }]);
    store.getState().setFlowSources(sources);
    // A picked file goes as its Blob; the transport reads it (here in-process; the worker reads it on its thread).
    const picked = await client.loadFlows([{ name: 'f.csv', blob: new Blob([FLOWS]) }], true);
    expect(picked).toEqual(sources);
    const allowOf = (name: string) => store.getState().hitReport?.policies.find((p) => p.name === name)?.enforced.allow.flows;
    await expect.poll(() => allowOf('allow-nginx-ingress-from-busybox')).toBe(12);
    // Step 2: nginx's ingress closed again; the same flows now end at the default deny.
    store.getState().setFileText('policies.yaml', read('step-2.yaml'));
    await engine.whenAnalyzed(store.getState().revision);
    await expect.poll(() => store.getState().hitReport?.policies.find((p) => p.name === 'default-deny')?.enforced.deny.flows).toBe(12);
    expect(allowOf('allow-nginx-ingress-from-busybox')).toBeUndefined();
    // Cleared: a count asked for before may still arrive; it is dropped.
    const late = store.getState().hitReport;
    store.getState().setFlowSources([]);
    store.getState().applyHits(store.getState().analysisRevision + 1, late);
    expect(store.getState().hitReport).toBeNull();
    engine.dispose();
  });

  it('a large log sent as bytes: progress while it is read, grouped once, a second log adds to it', async () => {
    const progress: { phase: string; done: number; total: number }[] = [];
    let clock = 0;
    const dispatch = createDispatcher(() => (clock += 60), (p) => progress.push({ phase: p.phase, done: p.done, total: p.total }));
    const files = [{ path: 'cluster.yaml', text: read('cluster.yaml') }, { path: 'policies.yaml', text: read('step-3.yaml') }];
    dispatch({ type: 'analyze', id: 1, revision: 1, files });
    const lines = Array.from({ length: 120_000 }, (_, i) => `shams,busybox,default,nginx,TCP,${i % 2 === 0 ? 80 : 443},allow,1`);
    const bytes = new TextEncoder().encode(`src_ns,src_name,dst_ns,dst_name,proto,port,action,count\n${lines.join('\n')}\n`).buffer;
    const loaded = dispatch({ type: 'load-flows', id: 2, revision: 1, files: [{ name: 'big.csv', bytes }], replace: true });
    expect(loaded).toMatchObject({ type: 'flows', sources: [{ name: 'big.csv', format: 'csv', records: 120_000, errorCount: 0 }] });
    // Bytes are read in chunks of 8 MB and told after each: this 5 MB file is one (its 120,001 lines).
    expect(progress).toEqual([{ phase: 'read', done: 120_001, total: 120_001 }]);
    const hits = dispatch({ type: 'hits', id: 3, revision: 1 });
    if (hits.type !== 'hits' || !hits.result) throw new Error('no hits');
    expect([hits.result.records, hits.result.counted, hits.result.policies.find((p) => p.name === 'allow-nginx-ingress-from-busybox')?.enforced.allow.flows]).toEqual([120_000, 120_000, 120_000]);
    dispatch({ type: 'load-flows', id: 4, revision: 1, files: [{ name: 'f.csv', text: FLOWS }], replace: false });
    const more = dispatch({ type: 'hits', id: 5, revision: 1 });
    if (more.type !== 'hits' || !more.result) throw new Error('no hits');
    expect([more.result.records, more.result.policies.find((p) => p.name === 'allow-nginx-ingress-from-busybox')?.enforced.allow.flows]).toEqual([120_001, 120_012]);
  });
});
