import { describe, expect, it } from 'vitest';
import { EngineClient, inProcessTransport } from './client';
import { createDispatcher } from './dispatch';
import type { EngineRequest, EngineResponse } from './protocol';

describe('EngineClient', () => {
  it('sends only the texts that changed since the last analysis, and the engine sees the whole workspace', async () => {
    const sent: EngineRequest[] = [];
    const dispatch = createDispatcher(() => 0);
    const client = new EngineClient(inProcessTransport((req) => { sent.push(req); return dispatch(req); }));
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n';
    const pod = (n: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${n}, namespace: a}\n`;
    await client.analyze(1, [{ path: 'ns.yaml', text: ns }, { path: 'pods.yaml', text: pod('p1') }]);
    const r = await client.analyze(2, [{ path: 'ns.yaml', text: ns }, { path: 'pods.yaml', text: pod('p2') }]);
    const second = sent[1] as Extract<EngineRequest, { type: 'analyze' }>;
    expect(second.files).toEqual([{ path: 'ns.yaml' }, { path: 'pods.yaml', text: pod('p2') }]);
    expect(r!.result.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['ns:a', 'wl:a/Pod/p2']));
    expect(r!.result.nodes.map((n) => n.id)).not.toContain('wl:a/Pod/p1');
    client.close();
  });
});

describe('flow files through the in-process transport', () => {
  it('a Blob that cannot be read is answered as a failure, and the requests behind it still run in order', async () => {
    const client = new EngineClient(inProcessTransport(createDispatcher(() => 0)));
    const gone = { arrayBuffer: () => Promise.reject(new Error('the file changed since it was picked')) } as unknown as Blob;
    const csv = new Blob(['src_ns,src_name,dst_ns,dst_name,proto,port,action,count\nshams,busybox,default,nginx,TCP,80,allow,2\n']);
    const [failed, loaded, cleared] = await Promise.all([
      client.loadFlows([{ name: 'gone.csv', blob: gone }], true),
      client.loadFlows([{ name: 'ok.csv', blob: csv }], true),
      client.loadFlows([], true),
    ]);
    expect(failed).toEqual({ error: 'a flow file could not be read: the file changed since it was picked' });
    expect(loaded).toMatchObject([{ name: 'ok.csv', records: 1 }]);
    // The clear was sent last: it ran last, behind the read of ok.csv.
    expect(cleared).toEqual([]);
  });
});

describe('progress of a long request', () => {
  it('reaches the caller of that request only, before its answer', async () => {
    let handler: ((res: EngineResponse) => void) | null = null;
    const sent: EngineRequest[] = [];
    const client = new EngineClient({ send: (req) => sent.push(req), onMessage: (h) => { handler = h; }, close: () => undefined });
    const seen: number[] = [];
    const loading = client.loadFlows([{ name: 'big.csv', text: 'x' }], true, (p) => seen.push(p.done));
    const id = sent[0]!.id;
    handler!({ type: 'progress', id: id + 1, revision: -1, file: 'other', phase: 'read', done: 99, total: 100 });
    handler!({ type: 'progress', id, revision: -1, file: 'big.csv', phase: 'read', done: 50, total: 100 });
    handler!({ type: 'flows', id, revision: -1, sources: [] });
    expect(await loading).toEqual([]);
    expect(seen).toEqual([50]);
  });
});
