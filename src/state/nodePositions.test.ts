import { describe, expect, it } from 'vitest';
import { applyDragged, readDraggedPositions, type PlacedBox } from './nodePositions';
import { loadNodePositions, persistNodePositions, type KeyValueStorage } from './persist';
import { createAppStore, whenLaidOut } from './store';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const placed: PlacedBox[] = [
  { id: 'ext:internet', x: -300, y: 0, width: 170, height: 64 },
  { id: 'ns:a', x: 0, y: 0, width: 400, height: 200 },
  { id: 'wl:a/Pod/x', x: 20, y: 40, width: 170, height: 64, parentId: 'ns:a' },
  { id: 'wl:a/Pod/y', x: 210, y: 40, width: 170, height: 64, parentId: 'ns:a' },
];

describe('applyDragged', () => {
  it('lets a dragged position win over the layout, keeping order and the other nodes', () => {
    const out = applyDragged(placed, { 'ext:internet': { x: 5, y: 6 }, 'wl:a/Pod/y': { x: 100, y: 90, parentId: 'ns:a' } });
    expect(out.map((p) => p.id)).toEqual(placed.map((p) => p.id));
    expect(out[0]).toEqual({ ...placed[0], x: 5, y: 6 });
    expect(out[1]).toBe(placed[1]);
    expect(out[3]).toEqual({ ...placed[3], x: 100, y: 90 });
  });

  it('ignores a position saved under another parent (the node moved or its namespace is collapsed)', () => {
    const out = applyDragged(placed, { 'wl:a/Pod/x': { x: 1, y: 1, parentId: 'ns:b' }, 'ns:a': { x: 9, y: 9, parentId: 'ns:z' } });
    expect(out).toEqual(placed);
  });

  it('clamps a member into its namespace when the layout made the namespace smaller', () => {
    const out = applyDragged(placed, { 'wl:a/Pod/x': { x: 900, y: -50, parentId: 'ns:a' } });
    expect(out[2]).toMatchObject({ x: 400 - 170, y: 0 });
  });
});

describe('readDraggedPositions', () => {
  it('keeps finite {x, y, parentId?} entries and drops the rest', () => {
    expect(readDraggedPositions({
      a: { x: 1, y: 2 }, b: { x: 1, y: 2, parentId: 'ns:a' }, c: { x: '1', y: 2 }, d: { x: Infinity, y: 0 },
      e: { x: 1, y: 2, parentId: 7 }, f: null,
    })).toEqual({ a: { x: 1, y: 2 }, b: { x: 1, y: 2, parentId: 'ns:a' } });
    expect(readDraggedPositions([1, 2])).toEqual({});
    expect(readDraggedPositions('x')).toEqual({});
  });
});

describe('dragged positions persistence', () => {
  it('saves every change, reads it back, and Re-layout forgets them', () => {
    const st = memoryStorage();
    const store = createAppStore();
    const stop = persistNodePositions(store, st);
    store.getState().setSearchQuery('x');
    expect(st.map.size).toBe(0);
    store.getState().setNodePosition('wl:a/Pod/x', { x: 30, y: 50, parentId: 'ns:a' });
    store.getState().setNodePosition('ext:internet', { x: -10, y: 4 });
    expect(loadNodePositions(st)).toEqual({ 'wl:a/Pod/x': { x: 30, y: 50, parentId: 'ns:a' }, 'ext:internet': { x: -10, y: 4 } });
    const before = store.getState().relayoutRequest;
    store.getState().relayout();
    expect(store.getState().nodePositions).toEqual({});
    expect(store.getState().relayoutRequest).toBe(before + 1);
    expect(loadNodePositions(st)).toEqual({});
    stop();
    store.getState().setNodePosition('ext:internet', { x: 1, y: 1 });
    expect(loadNodePositions(st)).toEqual({});
  });

  it('reads nothing from garbage', () => {
    const st = memoryStorage();
    st.map.set('netpol-canvas/positions/v1', '{oops');
    expect(loadNodePositions(st)).toEqual({});
  });
});

describe('whenLaidOut', () => {
  it('resolves once the graph has laid out that revision or a newer one, never before', async () => {
    const store = createAppStore();
    let done = false;
    const waiting = whenLaidOut(store, 3).then(() => { done = true; });
    store.getState().markLaidOut(2);
    await Promise.resolve();
    expect(done).toBe(false);
    store.getState().markLaidOut(4);
    await waiting;
    expect(done).toBe(true);
    store.getState().markLaidOut(1); // an older revision never goes back
    expect(store.getState().laidOutRevision).toBe(4);
    await whenLaidOut(store, 4);
  });
});
