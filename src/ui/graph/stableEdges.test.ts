import { describe, expect, it } from 'vitest';
import { reuseEdges, reuseNodes } from './stableEdges';
import type { DrawnEdge } from './EdgeLayer';

const edge = (id: string, verdict: 'allow' | 'partial' | 'deny', extra: Partial<DrawnEdge['data']> = {}): DrawnEdge => ({
  id, source: id.split('->')[0]!, target: id.split('->')[1]!, selected: false,
  data: { verdict, connections: verdict === 'allow' ? 'All Connections' : 'TCP 80', ...extra }, ariaLabel: `${id} ${verdict}`,
});

describe('reuseEdges', () => {
  it('gives back the previous object for an unchanged edge and the new one for a changed edge', () => {
    const before = [edge('a->b', 'allow'), edge('b->a', 'partial'), edge('a->c', 'partial')];
    const after = reuseEdges(before, [edge('a->b', 'allow'), edge('b->a', 'allow'), edge('a->c', 'partial', { dimmed: true }), edge('c->a', 'allow')]);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]!.data.verdict).toBe('allow');
    expect(after[2]).not.toBe(before[2]); // a data flag changed
    expect(after[3]!.id).toBe('c->a');
  });

  it('a change of selection, label or pending verdict is a change', () => {
    const e = edge('a->b', 'allow');
    const prev = [e];
    expect(reuseEdges(prev, [{ ...edge('a->b', 'allow'), selected: true }])[0]).not.toBe(e);
    expect(reuseEdges(prev, [{ ...edge('a->b', 'allow'), ariaLabel: 'other' }])[0]).not.toBe(e);
    expect(reuseEdges(prev, [edge('a->b', 'allow', { pendingVerdict: 'deny' })])[0]).not.toBe(e);
    expect(reuseEdges(prev, [edge('a->b', 'allow')])[0]).toBe(e);
  });

  it('gives back the previous array itself when nothing drawn changed, a new one when order or count did', () => {
    const before = [edge('a->b', 'allow'), edge('b->a', 'partial')];
    expect(reuseEdges(before, [edge('a->b', 'allow'), edge('b->a', 'partial')])).toBe(before);
    const swapped = reuseEdges(before, [edge('b->a', 'partial'), edge('a->b', 'allow')]);
    expect(swapped).not.toBe(before);
    expect(swapped[0]).toBe(before[1]);
    expect(reuseEdges(before, [edge('a->b', 'allow')])).not.toBe(before);
  });
});

describe('reuseNodes', () => {
  const node = (id: string, x: number, labels: Record<string, string> = {}) => ({
    id, type: 'workload', position: { x, y: 0 }, data: { node: { id, kind: 'workload', name: id, labels } }, style: { width: 170, height: 64 },
  });
  it('keeps the previous object when place, size and data are equal in content, not when any differs', () => {
    const before = [node('a', 0), node('b', 10), node('c', 20)];
    const after = reuseNodes(before, [node('a', 0), node('b', 11), node('c', 20, { app: 'x' }), node('d', 0)]);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[2]!.data).toEqual({ node: { id: 'c', kind: 'workload', name: 'c', labels: { app: 'x' } } });
    expect(after.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('gives back the previous array itself when every node is unchanged', () => {
    const before = [node('a', 0), node('b', 10)];
    expect(reuseNodes(before, [node('a', 0), node('b', 10)])).toBe(before);
    expect(reuseNodes(before, [node('a', 0), node('b', 10), node('c', 0)])).not.toBe(before);
  });
});
