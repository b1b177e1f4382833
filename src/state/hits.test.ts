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
    const allowOf = (name: string) => store.getState().hitReport?.policies.find((p) => p.name === name)?.enforced.allow.flows;
    await expect.poll(() => allowOf('allow-nginx-ingress-from-busybox')).toBe(12);
    // Step 2: nginx's ingress closed again; the same flows now end at the default deny.
    store.getState().setFileText('policies.yaml', read('step-2.yaml'));
    await engine.whenAnalyzed(store.getState().revision);
    await expect.poll(() => store.getState().hitReport?.policies.find((p) => p.name === 'default-deny')?.enforced.deny.flows).toBe(12);
    expect(allowOf('allow-nginx-ingress-from-busybox')).toBeUndefined();
    engine.dispose();
  });
});
