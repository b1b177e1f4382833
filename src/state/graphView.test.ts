import { describe, expect, it } from 'vitest';
import type { NodeData } from '../engine';
import { filterEdges, matchNodes } from './graphView';
import { createAppStore } from './store';

const node = (id: string, kind: NodeData['kind'], name: string, namespace?: string, labels: Record<string, string> = {}): NodeData =>
  ({ id, kind, name, labels, ...(namespace !== undefined ? { namespace } : {}) });

const NODES: NodeData[] = [
  node('ns:default', 'namespace', 'default', undefined, { 'kubernetes.io/metadata.name': 'default' }),
  node('ns:shams', 'namespace', 'shams'),
  node('wl:default/Pod/nginx', 'workload', 'nginx', 'default', { run: 'nginx', app: 'web' }),
  node('wl:shams/Pod/busybox', 'workload', 'busybox', 'shams', { run: 'busybox' }),
  node('wl:shams/Deployment/nginx-proxy', 'workload', 'nginx-proxy', 'shams', { app: 'proxy' }),
  node('ext:internet', 'external', 'internet'),
];

describe('matchNodes', () => {
  it('is null for an empty or blank query (no search)', () => {
    expect(matchNodes(NODES, '')).toBeNull();
    expect(matchNodes(NODES, '   ')).toBeNull();
  });

  it('matches a name substring, case-insensitively, and namespace/name', () => {
    expect(matchNodes(NODES, 'nginx')).toEqual(['wl:default/Pod/nginx', 'wl:shams/Deployment/nginx-proxy']);
    expect(matchNodes(NODES, 'NGI')).toEqual(['wl:default/Pod/nginx', 'wl:shams/Deployment/nginx-proxy']);
    expect(matchNodes(NODES, 'default/ng')).toEqual(['wl:default/Pod/nginx']);
    expect(matchNodes(NODES, 'inter')).toEqual(['ext:internet']);
  });

  it('matches a label key=value exactly, and a bare label key', () => {
    expect(matchNodes(NODES, 'run=nginx')).toEqual(['wl:default/Pod/nginx']);
    expect(matchNodes(NODES, 'run==nginx')).toEqual(['wl:default/Pod/nginx']);
    expect(matchNodes(NODES, 'run=ngin')).toEqual([]);
    expect(matchNodes(NODES, 'Run=nginx')).toEqual([]);
    expect(matchNodes(NODES, 'run')).toEqual(['wl:default/Pod/nginx', 'wl:shams/Pod/busybox']);
    expect(matchNodes(NODES, 'app')).toEqual(['wl:default/Pod/nginx', 'wl:shams/Deployment/nginx-proxy']);
  });

  it('matches a namespace group and its members with ns:', () => {
    expect(matchNodes(NODES, 'ns:shams')).toEqual(['ns:shams', 'wl:shams/Pod/busybox', 'wl:shams/Deployment/nginx-proxy']);
    expect(matchNodes(NODES, 'ns:sham')).toEqual([]);
  });

  it('requires every term', () => {
    expect(matchNodes(NODES, 'ns:shams nginx')).toEqual(['wl:shams/Deployment/nginx-proxy']);
    expect(matchNodes(NODES, 'app=web run')).toEqual(['wl:default/Pod/nginx']);
  });
});

describe('filterEdges', () => {
  const E = [
    { id: 'a->b', source: 'a', target: 'b', verdict: 'allow' as const },
    { id: 'b->a', source: 'b', target: 'a', verdict: 'deny' as const },
    { id: 'a->c', source: 'a', target: 'c', verdict: 'partial' as const },
    { id: 'c->b', source: 'c', target: 'b', verdict: 'deny' as const },
  ];
  const ids = (es: { id: string }[]) => es.map((e) => e.id);

  it('keeps every edge in mode all', () => expect(ids(filterEdges(E, 'all', null))).toEqual(['a->b', 'b->a', 'a->c', 'c->b']));
  it('keeps only denied edges', () => expect(ids(filterEdges(E, 'deny', 'a'))).toEqual(['b->a', 'c->b']));
  it('keeps allowed and partly allowed edges', () => expect(ids(filterEdges(E, 'allow', null))).toEqual(['a->b', 'a->c']));
  it('keeps the edges touching the selected node, both directions', () => {
    expect(ids(filterEdges(E, 'focus', 'b'))).toEqual(['a->b', 'b->a', 'c->b']);
    expect(ids(filterEdges(E, 'focus', 'c'))).toEqual(['a->c', 'c->b']);
  });
  it('keeps nothing in focus mode without a selection', () => expect(filterEdges(E, 'focus', null)).toEqual([]));
});

describe('view slice: focus node', () => {
  it('follows the selected node, survives selecting an edge, and clears with the selection', () => {
    const store = createAppStore();
    const s = () => store.getState();
    expect(s().focusNode).toBeNull();
    s().selectNode('b');
    expect(s().focusNode).toBe('b');
    s().selectEdge('a->b');
    expect([s().selectedNode, s().focusNode]).toEqual([null, 'b']);
    s().selectNode('c');
    expect(s().focusNode).toBe('c');
    s().selectNode(null);
    expect(s().focusNode).toBeNull();
  });

  it('holds the search query and the edge filter mode', () => {
    const store = createAppStore();
    expect([store.getState().searchQuery, store.getState().edgeFilter]).toEqual(['', 'all']);
    store.getState().setSearchQuery('app=nginx');
    store.getState().setEdgeFilter('deny');
    expect([store.getState().searchQuery, store.getState().edgeFilter]).toEqual(['app=nginx', 'deny']);
  });
});
