import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store';
import { TYPING_BURST_MS } from './history';

const texts = (store: ReturnType<typeof createAppStore>) => store.getState().files.map((f) => `${f.path}=${f.text}`);

describe('one undo history for every model edit', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fresh() {
    const store = createAppStore();
    store.getState().replaceFiles([{ path: 'a.yaml', text: 'a' }, { path: 'b.yaml', text: 'b' }], 'a.yaml');
    store.getState().clearHistory();
    return store;
  }

  it('a typing burst is one step; a pause starts the next', () => {
    const store = fresh();
    const s = () => store.getState();
    s().setFileText('a.yaml', 'a1', 'typing');
    vi.advanceTimersByTime(100);
    s().setFileText('a.yaml', 'a12', 'typing');
    vi.advanceTimersByTime(TYPING_BURST_MS + 1);
    s().setFileText('a.yaml', 'a123', 'typing');
    expect(s().past).toHaveLength(2);
    expect(s().undo()).toBe(true);
    expect(texts(store)).toEqual(['a.yaml=a12', 'b.yaml=b']);
    expect(s().undo()).toBe(true);
    expect(texts(store)).toEqual(['a.yaml=a', 'b.yaml=b']);
    expect(s().undo()).toBe(false);
    expect(s().redo()).toBe(true);
    expect(s().redo()).toBe(true);
    expect(texts(store)).toEqual(['a.yaml=a123', 'b.yaml=b']);
    expect(s().redo()).toBe(false);
  });

  it('typing in another file, or an edit that is not typing, is its own step', () => {
    const store = fresh();
    const s = () => store.getState();
    s().setFileText('a.yaml', 'a1', 'typing');
    s().setFileText('b.yaml', 'b1', 'typing');
    s().setFileText('b.yaml', 'b2'); // the walkthrough, the API, the graph
    s().setFileText('b.yaml', 'b3', 'typing');
    expect(s().past).toHaveLength(4);
  });

  it('files created, renamed and deleted come back; the changed file becomes the active one', () => {
    const store = fresh();
    const s = () => store.getState();
    expect(s().addFile('c.yaml', 'c')).toBeNull();
    expect(s().renameFile('c.yaml', 'd.yaml')).toBeNull();
    expect(s().deleteFile('a.yaml')).toBeNull();
    s().setActivePath('b.yaml');
    s().undo();
    expect(texts(store)).toEqual(['a.yaml=a', 'b.yaml=b', 'd.yaml=c']);
    expect(s().activePath).toBe('a.yaml');
    s().undo();
    s().undo();
    expect(texts(store)).toEqual(['a.yaml=a', 'b.yaml=b']);
    s().setFileText('b.yaml', 'new');
    expect(s().future).toEqual([]); // a new edit ends the redo branch
  });

  it('every undo and redo is a new revision for the engine, and tells the editor', () => {
    const store = fresh();
    const s = () => store.getState();
    s().editResource('a.yaml', { kind: 'X', name: 'y' }, []); // refused: no step
    expect(s().past).toHaveLength(0);
    s().setFileText('a.yaml', 'z');
    const rev = s().revision;
    const nonce = s().historyNonce;
    s().undo();
    expect(s().revision).toBe(rev + 1);
    expect(s().historyNonce).toBe(nonce + 1);
  });
});
