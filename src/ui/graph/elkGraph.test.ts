import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { NodeData } from '../../engine';
import { buildElkGraph, layoutInputs, layoutKey, readElkLayout, type LayoutNode } from './elkGraph';
import { createLayouter, type ElkLike } from './elkLayout';
import { NS_MIN_H, NS_MIN_W, RING_MAX, WL_H, WL_W, type Placed } from './layout';

const elk: ElkLike = new ELK();

/** A generated cluster: `namespaces` x `workloads` Deployments, plus the internet and a network set. */
function cluster(namespaces: number, workloads: number): NodeData[] {
  const out: NodeData[] = [
    { id: 'ext:internet', kind: 'external', name: 'internet', labels: {} },
    { id: 'gnetset:dns', kind: 'networkset', name: 'dns', labels: {} },
  ];
  for (let i = 0; i < namespaces; i++) {
    const ns = `team-${String(i).padStart(3, '0')}`;
    out.push({ id: `ns:${ns}`, kind: 'namespace', name: ns, labels: {} });
    for (let j = 0; j < workloads; j++) {
      out.push({ id: `wl:${ns}/Deployment/svc-${j}`, kind: 'workload', name: `svc-${j}`, namespace: ns, workloadKind: 'Deployment', labels: {} });
    }
  }
  return out;
}

/** Absolute boxes (a child's position is relative to its parent, as React Flow has it). */
function absolute(placed: readonly Placed[]): Map<string, Placed> {
  const out = new Map<string, Placed>();
  for (const p of placed) {
    const parent = p.parentId ? out.get(p.parentId) : undefined;
    if (p.parentId) expect(parent, `${p.id}'s parent comes first`).toBeDefined();
    out.set(p.id, { ...p, x: p.x + (parent?.x ?? 0), y: p.y + (parent?.y ?? 0) });
  }
  return out;
}

const overlaps = (a: Placed, b: Placed) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every node placed once; children inside their parent; no two siblings overlap. */
function expectWellFormed(inputs: readonly LayoutNode[], placed: readonly Placed[]): void {
  expect(placed.map((p) => p.id).sort()).toEqual(inputs.map((n) => n.id).sort());
  const abs = absolute(placed);
  const siblings = new Map<string, Placed[]>();
  for (const p of abs.values()) {
    const key = p.parentId ?? '';
    siblings.set(key, [...(siblings.get(key) ?? []), p]);
    if (!p.parentId) continue;
    const parent = abs.get(p.parentId)!;
    expect(p.x, `${p.id} inside ${parent.id}`).toBeGreaterThanOrEqual(parent.x);
    expect(p.y).toBeGreaterThanOrEqual(parent.y + 40); // below the namespace's title bar
    expect(p.x + p.width).toBeLessThanOrEqual(parent.x + parent.width);
    expect(p.y + p.height).toBeLessThanOrEqual(parent.y + parent.height);
  }
  for (const group of siblings.values()) {
    // Sorted sweep over x: only boxes that start before the current one ends can overlap it.
    const byX = [...group].sort((a, b) => a.x - b.x);
    for (let i = 0; i < byX.length; i++) {
      for (let j = i + 1; j < byX.length && byX[j]!.x < byX[i]!.x + byX[i]!.width; j++) {
        expect(overlaps(byX[i]!, byX[j]!), `${byX[i]!.id} overlaps ${byX[j]!.id}`).toBe(false);
      }
    }
  }
}

describe('layoutInputs', () => {
  it('puts namespaced nodes inside their shown namespace and gives every node its box', () => {
    const inputs = layoutInputs([
      ...cluster(1, 2),
      { id: 'netset:gone/x', kind: 'networkset', name: 'x', namespace: 'gone', labels: {} },
    ]);
    const byId = new Map(inputs.map((n) => [n.id, n]));
    expect(byId.get('wl:team-000/Deployment/svc-1')).toEqual({ id: 'wl:team-000/Deployment/svc-1', parentId: 'ns:team-000', width: WL_W, height: WL_H, kind: 'workload' });
    expect(byId.get('ns:team-000')).toEqual({ id: 'ns:team-000', width: NS_MIN_W, height: NS_MIN_H, kind: 'namespace' });
    // A member of a namespace that is not shown (collapsed away, say) stands on its own.
    expect(byId.get('netset:gone/x')!.parentId).toBeUndefined();
    expect(byId.get('ext:internet')!.parentId).toBeUndefined();
  });
});

describe('layoutKey', () => {
  it('depends on the node set, parents and sizes only, not on the order', () => {
    const a = layoutInputs(cluster(2, 3));
    expect(layoutKey([...a].reverse())).toBe(layoutKey(a));
    expect(layoutKey(a.slice(1))).not.toBe(layoutKey(a));
    expect(layoutKey(a.map((n) => (n.id === 'ns:team-001' ? { ...n, width: 400 } : n)))).not.toBe(layoutKey(a));
    expect(layoutKey(a.map((n) => (n.id === 'wl:team-001/Deployment/svc-0' ? { ...n, parentId: 'ns:team-000' } : n)))).not.toBe(layoutKey(a));
  });
});

describe('buildElkGraph', () => {
  it('nests members in their namespace, external nodes in their own group, everything in id order', () => {
    const inputs = layoutInputs(cluster(3, 2)).reverse();
    const g = buildElkGraph(inputs);
    expect(g.children!.map((c) => c.id)).toEqual(['__external', '__namespaces']);
    expect(g.children![0]!.children!.map((c) => c.id)).toEqual(['ext:internet', 'gnetset:dns']);
    const namespaces = g.children![1]!.children!;
    expect(namespaces.map((c) => c.id)).toEqual(['ns:team-000', 'ns:team-001', 'ns:team-002']);
    expect(namespaces[0]!.children!.map((c) => c.id)).toEqual(['wl:team-000/Deployment/svc-0', 'wl:team-000/Deployment/svc-1']);
    // A compound node's size is ELK's to compute; a leaf keeps its box.
    expect(namespaces[0]!.width).toBeUndefined();
    expect(g.children![0]!.children![0]).toEqual({ id: 'ext:internet', width: WL_W, height: WL_H });
  });

  it('makes a namespace without shown members a leaf of its own size (a collapsed namespace)', () => {
    const g = buildElkGraph([{ id: 'ns:a', width: 300, height: 90, kind: 'namespace' }]);
    expect(g.children).toEqual([{ id: '__namespaces', layoutOptions: expect.any(Object), children: [{ id: 'ns:a', width: 300, height: 90 }] }]);
  });
});

describe('ELK layout (elk.bundled in Node)', () => {
  it('100 namespaces x 20 workloads: members inside their namespace, no sibling overlaps, externals at the left', async () => {
    const inputs = layoutInputs(cluster(100, 20));
    const placed = readElkLayout(await elk.layout(buildElkGraph(inputs)));
    expectWellFormed(inputs, placed);
    const abs = absolute(placed);
    const leftmostNamespace = Math.min(...[...abs.values()].filter((p) => p.id.startsWith('ns:')).map((p) => p.x));
    expect(abs.get('ext:internet')!.x + WL_W).toBeLessThan(leftmostNamespace);
    expect(abs.get('gnetset:dns')!.x + WL_W).toBeLessThan(leftmostNamespace);
    // 20 members of 170x64 pack in rows, wider than tall: not one long column.
    const ns = abs.get('ns:team-000')!;
    expect(ns.width).toBeGreaterThan(ns.height);
  }, 30_000);

  it('100 leaf namespaces (collapsed): packed without overlaps', async () => {
    const inputs = layoutInputs(cluster(100, 0));
    const placed = readElkLayout(await elk.layout(buildElkGraph(inputs)));
    expectWellFormed(inputs, placed);
  });

  it('the same input gives the same output, whatever order the nodes come in', async () => {
    const inputs = layoutInputs(cluster(30, 5));
    const a = readElkLayout(await new ELK().layout(buildElkGraph(inputs)));
    const b = readElkLayout(await new ELK().layout(buildElkGraph([...inputs].reverse())));
    expect(b).toEqual(a);
  });

  it(`up to ${RING_MAX} top-level blocks stand on a ring, members still inside and apart`, async () => {
    const inputs = layoutInputs(cluster(3, 4));
    const placed = readElkLayout(await elk.layout(buildElkGraph(inputs)));
    expectWellFormed(inputs, placed);
    const abs = absolute(placed);
    // Five blocks: the first (the internet) at the top, centred on x = 0.
    const top = abs.get('ext:internet')!;
    expect(top.x + top.width / 2).toBeCloseTo(0, 0);
    for (const p of abs.values()) if (!p.parentId && p.id !== top.id) expect(p.y).toBeGreaterThan(top.y);
  });
});

describe('createLayouter', () => {
  it('caches by node set: the same nodes are laid out once, a new node set again', async () => {
    let calls = 0;
    const counting: ElkLike = { layout: (g) => { calls++; return elk.layout(g); } };
    const layouter = createLayouter(counting);
    const inputs = layoutInputs(cluster(2, 2));
    const [a, b] = await Promise.all([layouter.layout(inputs), layouter.layout([...inputs].reverse())]);
    expect(b).toBe(a);
    expect(calls).toBe(1);
    expect(layouter.cached(layoutKey(inputs))).toBe(a);
    await layouter.layout(inputs.slice(0, -1));
    expect(calls).toBe(2);
    expect(await layouter.layout(inputs)).toBe(a);
    expect(calls).toBe(2);
  });

  it('forgets the oldest node set beyond its cache size', async () => {
    const layouter = createLayouter(elk, { cacheSize: 1 });
    const one = layoutInputs(cluster(1, 1));
    const two = layoutInputs(cluster(2, 1));
    await layouter.layout(one);
    await layouter.layout(two);
    expect(layouter.cached(layoutKey(one))).toBeUndefined();
    expect(layouter.cached(layoutKey(two))).toBeDefined();
  });

  it('rejects when ELK fails or takes too long (the caller keeps the instant layout), and tries again later', async () => {
    const failing = createLayouter({ layout: () => Promise.reject(new Error('worker crashed')) });
    await expect(failing.layout(layoutInputs(cluster(1, 1)))).rejects.toThrow('worker crashed');
    const hanging = createLayouter({ layout: () => new Promise(() => {}) }, { timeoutMs: 20 });
    await expect(hanging.layout(layoutInputs(cluster(1, 1)))).rejects.toThrow(/more than 20 ms/);
    expect(hanging.cached(layoutKey(layoutInputs(cluster(1, 1))))).toBeUndefined();
  });
});
