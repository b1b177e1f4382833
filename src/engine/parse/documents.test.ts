import { describe, expect, it } from 'vitest';
import { readDocuments } from './documents';

describe('readDocuments', () => {
  it('reads every document of a multi-document file with its position', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n';
    const { objects, diagnostics } = readDocuments([{ path: 'ns.yaml', text }]);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => [o.kind, o.docIndex, o.range.line])).toEqual([['Namespace', 0, 1], ['Namespace', 1, 6]]);
    // A field path resolves to the line and column of its value.
    expect(objects[1]!.locate(['metadata', 'name'])).toMatchObject({ line: 9, column: 9 });
    // A missing field falls back to its closest existing ancestor.
    expect(objects[1]!.locate(['spec', 'podSelector'])).toMatchObject({ line: 6 });
  });

  it('reads JSON with the same parser', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "x"}}';
    const { objects } = readDocuments([{ path: 'pod.json', text }]);
    expect(objects).toHaveLength(1);
    expect(objects[0]!.value).toMatchObject({ metadata: { name: 'p', namespace: 'x' } });
  });

  it('expands kubectl List and calicoctl typed lists, whose items may omit kind', () => {
    const text = [
      'apiVersion: v1', 'kind: List', 'items:', '  - apiVersion: v1', '    kind: Namespace', '    metadata: {name: a}',
      '---',
      'apiVersion: projectcalico.org/v3', 'kind: NetworkPolicyList', 'items:', '  - metadata: {name: np, namespace: a}', '    spec: {selector: all()}',
    ].join('\n');
    const { objects, diagnostics } = readDocuments([{ path: 'list.yaml', text }]);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual(['v1 Namespace', 'projectcalico.org/v3 NetworkPolicy']);
    expect(objects[1]!.range.line).toBe(11);
  });

  it('locates syntax errors and keeps the other documents', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\nkind: [unclosed\n';
    const { objects, diagnostics } = readDocuments([{ path: 'bad.yaml', text }]);
    expect(objects).toHaveLength(1);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]).toMatchObject({ code: 'NPC001', path: 'bad.yaml', severity: 'error' });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(6);
  });

  it('reports documents that are not Kubernetes objects', () => {
    const { diagnostics } = readDocuments([{ path: 'x.yaml', text: '- just\n- a list\n---\nkind: Pod\n' }]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['NPC002', 1], ['NPC002', 4]]);
  });

  it('reads a top-level sequence of resources (JSON arrays some tools write)', () => {
    const { objects, diagnostics } = readDocuments([{ path: 'a.json', text: '[{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b"}}]' }]);
    expect(diagnostics).toEqual([]);
    expect(objects.map((o) => (o.value.metadata as { name: string }).name)).toEqual(['a', 'b']);
  });

  it('accepts a leading tab inside a flow sequence as kubectl does, with a warning', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  args:\n    [\n      "a",\n\t      "b",\n    ]\n';
    const { objects, diagnostics } = readDocuments([{ path: 'tab.yaml', text }]);
    expect(objects[0]!.value.spec).toEqual({ args: ['a', 'b'] });
    expect(diagnostics).toMatchObject([{ code: 'NPC001', severity: 'warning', line: 9 }]);
    // A tab that breaks the structure for real stays an error.
    expect(readDocuments([{ path: 't2.yaml', text: 'a:\n\tb: 1\n  c: [\n' }]).diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('rejects duplicate keys, which kubectl would too', () => {
    const { diagnostics } = readDocuments([{ path: 'd.yaml', text: 'apiVersion: v1\nkind: Pod\nkind: Pod\n' }]);
    expect(diagnostics[0]).toMatchObject({ code: 'NPC001', line: 3 });
  });
});
