import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from './store';
import { autosave, loadSaved, type KeyValueStorage, type Saved, type WorkspaceStorage } from './persist';

function memory(initial?: unknown): WorkspaceStorage & { value: unknown; writes: number; fail?: string } {
  const m = {
    value: initial, writes: 0, fail: undefined as string | undefined,
    read: async () => m.value,
    write: async (v: Saved) => {
      if (m.fail) throw new Error(m.fail);
      m.writes++;
      m.value = structuredClone(v);
    },
  };
  return m;
}
function legacy(entries: Record<string, string> = {}): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}
const SAVED: Saved = { files: [{ path: 'a.yaml', text: 'x' }], activePath: 'a.yaml', walkthroughStep: 2 };

describe('workspace autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads what it saved, and ignores what does not look like a workspace', async () => {
    expect(await loadSaved(memory(SAVED))).toEqual(SAVED);
    expect(await loadSaved(memory({ files: [{ path: 1 }] }))).toBeNull();
    expect(await loadSaved(memory(undefined))).toBeNull();
    expect(await loadSaved({ read: () => Promise.reject(new Error('blocked')), write: async () => undefined })).toBeNull();
  });

  it('carries over a workspace the first versions left in localStorage', async () => {
    const old = legacy({ 'netpol-canvas/workspace/v1': JSON.stringify(SAVED) });
    expect(await loadSaved(memory(undefined), old)).toEqual(SAVED);
    // The new storage wins once it has something.
    expect(await loadSaved(memory({ ...SAVED, walkthroughStep: 3 }), old)).toMatchObject({ walkthroughStep: 3 });
  });

  it('saves after a pause, at once on flush, and then forgets the old localStorage copy', async () => {
    const store = createAppStore();
    const db = memory();
    const old = legacy({ 'netpol-canvas/workspace/v1': '{}' });
    const results: (string | null)[] = [];
    const saving = autosave(store, db, { delayMs: 400, legacy: old, onResult: (e) => results.push(e) });
    store.getState().replaceFiles([{ path: 'w.yaml', text: 'one' }]);
    await vi.advanceTimersByTimeAsync(399);
    expect(db.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(db.value).toEqual({ files: [{ path: 'w.yaml', text: 'one' }], activePath: 'w.yaml', walkthroughStep: 0 });
    expect(old.map.size).toBe(0);
    store.getState().setFileText('w.yaml', 'two');
    await saving.flush();
    expect((db.value as Saved).files[0]!.text).toBe('two');
    expect(results).toEqual([null, null]);
    saving.stop();
  });

  it('a failing save is reported, and the work stays in memory', async () => {
    const store = createAppStore();
    const db = memory();
    db.fail = 'QuotaExceededError';
    const results: (string | null)[] = [];
    const saving = autosave(store, db, { onResult: (e) => results.push(e) });
    store.getState().replaceFiles([{ path: 'w.yaml', text: 'big' }]);
    await saving.flush();
    expect(results).toEqual(['QuotaExceededError']);
    expect(store.getState().files[0]!.text).toBe('big');
    db.fail = undefined;
    store.getState().setFileText('w.yaml', 'smaller');
    await saving.flush();
    expect(results).toEqual(['QuotaExceededError', null]);
    saving.stop();
  });
});
