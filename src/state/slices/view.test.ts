import { describe, expect, it } from 'vitest';
import type { AnalysisResult, NodeData } from '../../engine';
import { COLLAPSE_THRESHOLD } from '../collapse';
import { createAppStore } from '../store';

const node = (id: string, kind: NodeData['kind'], namespace?: string): NodeData =>
  ({ id, kind, name: id, labels: {}, ...(namespace !== undefined ? { namespace } : {}) });

function result(nodes: NodeData[]): AnalysisResult {
  return { nodes, edges: [], diagnostics: [], counts: { allow: 0, partial: 0, deny: 0 }, policyCount: 0, board: [] };
}

const SMALL = [node('ns:a', 'namespace'), node('ns:b', 'namespace'), node('wl:a/Pod/x', 'workload', 'a'), node('wl:b/Pod/y', 'workload', 'b')];
const big = (namespaces: string[]) => [
  ...namespaces.map((ns) => node(`ns:${ns}`, 'namespace')),
  ...Array.from({ length: COLLAPSE_THRESHOLD + 1 }, (_, i) => node(`wl:${namespaces[i % namespaces.length]!}/Pod/p${i}`, 'workload', namespaces[i % namespaces.length])),
];
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('view slice: namespace collapse', () => {
  it('toggles, collapses all and expands all', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().applyAnalysis(1, result(SMALL), 1);
    expect(sorted(s().collapsedNamespaces)).toEqual([]);
    s().toggleNamespace('ns:a');
    expect(sorted(s().collapsedNamespaces)).toEqual(['ns:a']);
    s().toggleNamespace('ns:a');
    expect(sorted(s().collapsedNamespaces)).toEqual([]);
    s().collapseAll();
    expect(sorted(s().collapsedNamespaces)).toEqual(['ns:a', 'ns:b']);
    s().expandNamespaces(['ns:b']);
    expect(sorted(s().collapsedNamespaces)).toEqual(['ns:a']);
    s().expandAll();
    expect(sorted(s().collapsedNamespaces)).toEqual([]);
  });

  it('selects the namespace when the selected node is collapsed into it', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().applyAnalysis(1, result(SMALL), 1);
    s().selectNode('wl:a/Pod/x');
    s().toggleNamespace('ns:b');
    expect(s().selectedNode).toBe('wl:a/Pod/x');
    s().toggleNamespace('ns:a');
    expect([s().selectedNode, s().focusNode]).toEqual(['ns:a', 'ns:a']);
    s().expandAll();
    s().selectNode('wl:b/Pod/y');
    s().collapseAll();
    expect([s().selectedNode, s().focusNode]).toEqual(['ns:b', 'ns:b']);
  });

  it('starts a big workspace collapsed, keeps toggles across re-evaluations, collapses new namespaces', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().applyAnalysis(1, result(big(['a', 'b'])), 1);
    expect(sorted(s().collapsedNamespaces)).toEqual(['ns:a', 'ns:b']);
    s().toggleNamespace('ns:b');
    s().applyAnalysis(2, result(big(['a', 'b'])), 1);
    expect(sorted(s().collapsedNamespaces)).toEqual(['ns:a']);
    s().applyAnalysis(3, result(big(['a', 'b', 'c'])), 1);
    expect(sorted(s().collapsedNamespaces)).toEqual(['ns:a', 'ns:c']);
  });

  it('gives a new workspace its own defaults: a small one after a big one starts expanded', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().applyAnalysis(1, result(big(['a', 'b'])), 1);
    s().replaceFiles([{ path: 'w.yaml', text: '' }]);
    // Until the new analysis arrives the graph on screen keeps its state.
    expect(sorted(s().collapsedNamespaces)).toEqual(['ns:a', 'ns:b']);
    s().applyAnalysis(s().revision, result(SMALL), 1);
    expect(sorted(s().collapsedNamespaces)).toEqual([]);
  });

  it('a selected edge with an end in a collapsing namespace is dropped; its focus node is stood for by the namespace', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().applyAnalysis(1, result(SMALL), 1);
    s().selectNode('wl:a/Pod/x');
    s().selectEdge('wl:a/Pod/x->wl:b/Pod/y');
    expect(s().focusNode).toBe('wl:a/Pod/x');
    s().toggleNamespace('ns:a');
    expect(s().selectedEdge).toBeNull();
    expect(s().selectedNode).toBeNull();
    expect(s().focusNode).toBe('ns:a');
    // An edge with no end in the collapsing namespace stays selected.
    s().expandAll();
    s().selectEdge('wl:b/Pod/y->wl:a/Pod/x');
    s().toggleNamespace('ns:b');
    expect(s().selectedEdge).toBeNull();
    s().expandAll();
    s().selectNode('wl:b/Pod/y');
    s().selectEdge('wl:b/Pod/y->ext:internet');
    s().collapseAll();
    expect(s().focusNode).toBe('ns:b');
    expect(s().selectedEdge).toBeNull();
  });
});
