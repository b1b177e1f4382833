import { describe, expect, it } from 'vitest';
import { EngineClient, inProcessTransport } from './client';
import { createDispatcher } from './dispatch';
import type { EngineRequest } from './protocol';

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
