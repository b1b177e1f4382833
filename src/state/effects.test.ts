import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { connectEngine } from './effects';
import { EngineClient, inProcessTransport, type Transport } from '../worker/client';
import { createDispatcher } from '../worker/dispatch';
import type { EngineRequest, EngineResponse } from '../worker/protocol';

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n';
const POD = (name: string) => `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: a\n`;

function setup(transport?: Transport) {
  const store = createAppStore();
  store.getState().replaceFiles([{ path: 'w.yaml', text: NS + POD('p1') }]);
  const client = new EngineClient(transport ?? inProcessTransport(createDispatcher(() => 0)));
  const engine = connectEngine(store, client, { debounceMs: 5 });
  return { store, engine, client };
}

describe('store effects', () => {
  it('evaluates on start and after an edit, tagging results by revision', async () => {
    const { store, engine } = setup();
    await engine.whenAnalyzed(store.getState().revision);
    expect(store.getState().analysis?.nodes.map((n) => n.id)).toContain('wl:a/Pod/p1');
    store.getState().setFileText('w.yaml', NS + POD('p1') + POD('p2'));
    const rev = store.getState().revision;
    await engine.whenAnalyzed(rev);
    expect(store.getState().analysisRevision).toBe(rev);
    expect(store.getState().analysis?.nodes.map((n) => n.id)).toContain('wl:a/Pod/p2');
    engine.dispose();
  });

  it('keeps the last good graph when the new text does not parse, but shows its problems', async () => {
    const { store, engine } = setup();
    await engine.whenAnalyzed(store.getState().revision);
    const good = store.getState().analysis;
    store.getState().setFileText('w.yaml', `${NS}---\nkind: [broken\n`, 'typing');
    await engine.whenAnalyzed(store.getState().revision);
    expect(store.getState().analysis).toBe(good);
    expect(store.getState().diagnostics.some((d) => d.code === 'NPC001')).toBe(true);
    expect(store.getState().files[0]!.text).toContain('[broken'); // the user's text is never discarded
    engine.dispose();
  });

  it('keeps the last good graph when an edit brings a new error (a policy the API server would reject)', async () => {
    const { store, engine, client } = setup();
    const deny = (sel: string) => `---\napiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata:\n  name: d\n  namespace: a\nspec:\n  selector: ${sel}\n  types: [Ingress]\n`;
    store.getState().setFileText('w.yaml', NS + POD('p1') + POD('p2') + deny('all()'));
    await engine.whenAnalyzed(store.getState().revision);
    const good = store.getState().analysis;
    expect(good?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    store.getState().setFileText('w.yaml', NS + POD('p1') + POD('p2') + deny('all() && %'), 'typing');
    await engine.whenAnalyzed(store.getState().revision);
    expect(store.getState().analysis).toBe(good);
    expect(store.getState().diagnostics.map((d) => d.code)).toContain('NPC010');
    // Explanations come from the shown model: the deny policy still isolates p2's ingress.
    const explained = await client.explain('wl:a/Pod/p1', 'wl:a/Pod/p2', 'TCP/80');
    expect(JSON.stringify(explained)).toContain('"d"');
    // The same text from a whole edit (an import, the graph): shown, the rejected policy left out.
    store.getState().setFileText('w.yaml', NS + POD('p1') + POD('p2') + deny('all() && %') + '\n');
    await engine.whenAnalyzed(store.getState().revision);
    expect(store.getState().analysis).not.toBe(good);
    expect(store.getState().analysisRevision).toBe(store.getState().revision);
    expect(JSON.stringify(await client.explain('wl:a/Pod/p1', 'wl:a/Pod/p2', 'TCP/80'))).not.toContain('"d"');
    engine.dispose();
  });

  it('drops an answer for an older revision that arrives after a newer one', async () => {
    // A transport that answers the first request last.
    const dispatch = createDispatcher(() => 0);
    let handler: ((r: EngineResponse) => void) | null = null;
    const held: EngineRequest[] = [];
    const transport: Transport = {
      send: (req) => {
        held.push(req);
        if (held.length === 2) {
          const [first, second] = held;
          setTimeout(() => { handler?.(dispatch(second!)); handler?.(dispatch(first!)); }, 0);
        }
      },
      onMessage: (h) => { handler = h; },
      close: () => undefined,
    };
    const { store, engine } = setup(transport);
    store.getState().setFileText('w.yaml', NS + POD('newest'));
    engine.flush();
    await engine.whenAnalyzed(store.getState().revision);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().analysis?.nodes.map((n) => n.id)).toContain('wl:a/Pod/newest');
    expect(store.getState().analysis?.nodes.map((n) => n.id)).not.toContain('wl:a/Pod/p1');
    engine.dispose();
  });

  it('sends edits made while an evaluation runs as one request for the newest text, once it answers', async () => {
    // A transport that holds every request until released.
    const dispatch = createDispatcher(() => 0);
    let handler: ((r: EngineResponse) => void) | null = null;
    const held: EngineRequest[] = [];
    const release = () => { for (const r of held.splice(0)) handler?.(dispatch(r)); };
    const transport: Transport = { send: (req) => { held.push(req); }, onMessage: (h) => { handler = h; }, close: () => undefined };
    const { store, engine } = setup(transport);
    const analyses = () => held.filter((r) => r.type === 'analyze') as Extract<EngineRequest, { type: 'analyze' }>[];
    expect(analyses()).toHaveLength(1); // the first evaluation, still unanswered
    store.getState().setFileText('w.yaml', NS + POD('a1'));
    store.getState().setFileText('w.yaml', NS + POD('a2'));
    store.getState().setFileText('w.yaml', NS + POD('a3'));
    await new Promise((r) => setTimeout(r, 20)); // longer than the quiet time: still nothing sent
    expect(analyses()).toHaveLength(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(analyses()).toHaveLength(1); // the one request sent after the answer
    expect(analyses()[0]!.revision).toBe(store.getState().revision);
    expect(analyses()[0]!.files[0]!.text).toContain('a3');
    expect(store.getState().evaluating).toBe(true);
    release();
    await engine.whenAnalyzed(store.getState().revision);
    expect(store.getState().analysis?.nodes.map((n) => n.id)).toContain('wl:a/Pod/a3');
    expect(store.getState().evaluating).toBe(false);
    engine.dispose();
  });
});
