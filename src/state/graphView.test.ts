import { describe, expect, it } from 'vitest';
import type { NodeData } from '../engine';
import { changedByDraft, EDGE_FILTERS, filterEdges, hasStagedVerdicts, matchNodes } from './graphView';
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
    { id: 'a->b', source: 'a', target: 'b', verdict: 'allow' as const, connections: 'All Connections' },
    { id: 'b->a', source: 'b', target: 'a', verdict: 'deny' as const, connections: 'No Connections' },
    { id: 'a->c', source: 'a', target: 'c', verdict: 'partial' as const, connections: 'TCP 80' },
    { id: 'c->b', source: 'c', target: 'b', verdict: 'deny' as const, connections: 'No Connections' },
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

  describe('changed by draft', () => {
    const staged = [
      { ...E[0]!, pendingVerdict: 'allow' as const, pendingConnections: 'All Connections' },
      { ...E[1]!, pendingVerdict: 'partial' as const, pendingConnections: 'TCP 443' },
      // Same verdict, other connections: changed.
      { ...E[2]!, pendingVerdict: 'partial' as const, pendingConnections: 'TCP 80,443' },
      // A mixed edge: partial from some members, the pending scope only keeps what all allow.
      { ...E[3]!, verdict: 'partial' as const, pendingVerdict: 'deny' as const, pendingConnections: 'No Connections' },
    ];
    it('keeps the edges whose pending connections differ from the enforced ones', () => {
      expect(ids(filterEdges(staged, 'changed', null))).toEqual(['b->a', 'a->c']);
    });
    it('keeps nothing without staged policies', () => expect(filterEdges(E, 'changed', 'a')).toEqual([]));
    it('keeps a summary edge when any member pair changed, whatever its labels', () => {
      const summary = { id: 'ns:a->ns:b', source: 'ns:a', target: 'ns:b', verdict: 'partial' as const, connections: '1 of 2 pairs allowed', pendingConnections: '1 of 2 pairs allowed' };
      expect(changedByDraft({ ...summary, summary: { changed: 2 } })).toBe(true);
      expect(changedByDraft({ ...summary, pendingConnections: '2 of 2 pairs allowed', summary: { changed: 0 } })).toBe(false);
    });
    it('is offered only when edges carry pending verdicts', () => {
      expect([hasStagedVerdicts(staged), hasStagedVerdicts(E), hasStagedVerdicts([])]).toEqual([true, false, false]);
      expect(EDGE_FILTERS.map((f) => f.mode)).toContain('changed');
    });
  });
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
