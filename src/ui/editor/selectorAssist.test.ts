import { describe, expect, it } from 'vitest';
import { assistAt } from './selectorAssist';
import type { WorkspaceFacts } from '../../state/workspaceFacts';

const FACTS: WorkspaceFacts = {
  endpointLabels: { app: ['api', 'web'], tier: ['backend'] },
  namespaceLabels: { 'kubernetes.io/metadata.name': ['shop', 'tools'], team: ['payments'] },
  namespaces: ['shop', 'tools'],
  namedPorts: ['http', 'metrics'],
};

/** Completion where `|` stands in the text (one line or several). */
function at(text: string) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const column = lines[line]!.indexOf('|') + 1;
  lines[line] = lines[line]!.replace('|', '');
  const r = assistAt(lines, line + 1, column, FACTS);
  return r && { labels: r.items.map((i) => i.label), inserts: r.items.map((i) => i.insertText), from: r.from, column };
}

describe('completion in Calico selectors', () => {
  it('offers endpoint label keys and functions where an expression starts', () => {
    expect(at('  selector: |')!.labels).toEqual(['app', 'tier', 'has(key)', 'all()']);
    expect(at('  selector: "app == \'x\' && |"')!.labels).toContain('tier');
    expect(at('  selector: has(|')!.labels).toContain('app');
    const partial = at('  selector: ap|')!;
    expect(partial.labels).toContain('app');
    expect(partial.from).toBe(partial.column - 2); // replaces `ap`
  });

  it('offers namespace labels and global() in namespaceSelector', () => {
    const r = at('  namespaceSelector: |')!;
    expect(r.labels).toEqual(['kubernetes.io/metadata.name', 'team', 'has(key)', 'all()', 'global()']);
  });

  it('offers the operators after a key', () => {
    expect(at('  selector: app |')!.labels).toEqual(['==', '!=', 'in {}', 'not in {}', 'contains', 'starts with', 'ends with']);
  });

  it('offers the key\'s values inside a string literal after ==, != or in {', () => {
    expect(at('  selector: app == "|"')!.labels).toEqual(['api', 'web']);
    expect(at('  selector: app != \'w|')!.labels).toEqual(['api', 'web']);
    expect(at('  selector: "tier in { \'|\' }"')!.labels).toEqual(['backend']);
    const r = at('  selector: app == "we|"')!;
    expect(r.from).toBe(r.column - 2);
  });

  it('works in flow mappings of rules, and stops at the end of the value', () => {
    expect(at('      source: {selector: "app == \'|\'"}')!.labels).toEqual(['api', 'web']);
    expect(at('      source: {selector: all(), ports: [|]}')).toBeNull();
  });
});

describe('completion in Kubernetes label maps', () => {
  it('block style: keys under matchLabels, then the key\'s values; namespace labels under namespaceSelector', () => {
    const pod = 'spec:\n  podSelector:\n    matchLabels:\n      |';
    expect(at(pod)!.inserts).toEqual(['app: ', 'tier: ']);
    expect(at('spec:\n  podSelector:\n    matchLabels:\n      app: |')!.labels).toEqual(['api', 'web']);
    const ns = 'ingress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            |';
    expect(at(ns)!.labels).toEqual(['kubernetes.io/metadata.name', 'team']);
  });

  it('flow style: keys after { or a comma, values after the colon', () => {
    expect(at('  podSelector: {matchLabels: {|}}')!.labels).toEqual(['app', 'tier']);
    expect(at('  podSelector: {matchLabels: {app: api, tier: |}}')!.labels).toEqual(['backend']);
    expect(at('      - namespaceSelector: {matchLabels: {|}}')!.labels).toEqual(['kubernetes.io/metadata.name', 'team']);
  });

  it('is silent elsewhere in a mapping', () => {
    expect(at('spec:\n  podSelector:\n    |')).toBeNull();
    expect(at('metadata:\n  name: |')).toBeNull();
  });
});

describe('completion of namespaces and named ports', () => {
  it('offers namespace names after namespace:', () => {
    expect(at('metadata: {name: p, namespace: |}')!.labels).toEqual(['shop', 'tools']);
  });
  it('offers named ports after port:', () => {
    expect(at('      - port: |')!.labels).toEqual(['http', 'metrics']);
  });
});
