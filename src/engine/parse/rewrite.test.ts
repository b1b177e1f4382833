import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { appendDocument, editObject, findObject, removeObject, type Rewrite, type RewriteResult } from './rewrite';

const NAMESPACE = `# The namespace, kubectl style.
apiVersion: v1
kind: Namespace
metadata:
  name: shop   # trailing comment, spaced by hand
`;
const POLICY = `--- # the policy
# Owned by team web.
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  order: 100
  selector: app == "web"   # the frontends
  types: [Ingress]
  ingress:
  - action: Allow
    protocol: TCP
    source:
      selector: app == 'lb'
    destination:
      ports: [80]
`;
const LIST = `---
apiVersion: projectcalico.org/v3
kind: NetworkPolicyList
items:
- metadata:
    name: a
    namespace: shop
  spec:
    selector: all()
- metadata:
    name: b
    namespace: shop
  spec:
    selector: all()
`;
const FILE = NAMESPACE + POLICY + LIST;

function ok(r: RewriteResult): Rewrite {
  if ('error' in r) throw new Error(r.error);
  return r;
}
/** Applying the change to the old text gives the new text: what the editor does. */
function applied(text: string, r: Rewrite): string {
  return text.slice(0, r.change.offset) + r.change.insert + text.slice(r.change.offset + r.change.deleteCount);
}
const docsOf = (text: string) => parseAllDocuments(text as string) as ReturnType<typeof parseAllDocuments> & unknown[];
const findTop = (text: string, docIndex: number) => {
  const v = (docsOf(text) as { toJS(): unknown }[])[docIndex]?.toJS() as { metadata?: { name?: unknown } } | null | undefined;
  return v && typeof v === 'object' && !Array.isArray(v) && 'kind' in v ? v : undefined;
};
const dataOf = (text: string) => (docsOf(text) as { toJS(): unknown }[]).map((d) => d.toJS());

describe('findObject', () => {
  it('finds documents and List items by kind, namespace and name', () => {
    expect(findObject(FILE, { kind: 'Namespace', name: 'shop' })).toEqual({ docIndex: 0, base: [] });
    expect(findObject(FILE, { kind: 'NetworkPolicy', name: 'web', namespace: 'shop' })).toEqual({ docIndex: 1, base: [] });
    expect(findObject(FILE, { kind: 'NetworkPolicy', name: 'b', namespace: 'shop' })).toEqual({ docIndex: 2, base: ['items', 1] });
    expect(findObject(FILE, { kind: 'NetworkPolicy', name: 'web', namespace: 'other' })).toBeNull();
    expect(findObject(FILE, { kind: 'Namespace', name: 'shop', namespace: 'shop' })).toBeNull();
  });
});

describe('editObject: only the edited lines change, elsewhere byte for byte', () => {
  it('a changed order rewrites that one line; comments, padding and flow lists stay', () => {
    const r = ok(editObject(FILE, { docIndex: 1, base: [] }, [{ op: 'set', at: ['spec', 'order'], value: 50 }]));
    expect(r.text).toBe(FILE.replace('order: 100', 'order: 50'));
    expect(applied(FILE, r)).toBe(r.text);
    expect(r.change).toEqual({ offset: FILE.indexOf('order: 100') + 'order: '.length, deleteCount: 2, insert: '5' });
  });

  it('an appended rule is written in the file\'s own style (list items at the key\'s column)', () => {
    const r = ok(editObject(FILE, { docIndex: 1, base: [] }, [{
      op: 'append', at: ['spec', 'ingress'],
      value: { action: 'Deny', protocol: 'UDP', destination: { ports: [53] } },
    }]));
    expect(r.text).toBe(`${NAMESPACE}${POLICY}  - action: Deny
    protocol: UDP
    destination:
      ports:
      - 53
${LIST}`);
    expect(r.change.offset).toBe(NAMESPACE.length + POLICY.length);
    expect(r.change.deleteCount).toBe(0);
  });

  it('prepend puts the item first (a Deny that must win in its policy)', () => {
    const r = ok(editObject(FILE, { docIndex: 1, base: [] }, [{ op: 'prepend', at: ['spec', 'ingress'], value: { action: 'Deny' } }]));
    expect(r.text).toBe(FILE.replace('  ingress:\n  - action: Allow', '  ingress:\n  - action: Deny\n  - action: Allow'));
  });

  it('a new field whose parents are missing is created as block maps', () => {
    const r = ok(editObject(FILE, { docIndex: 0, base: [] }, [{ op: 'set', at: ['metadata', 'labels', 'team'], value: 'web' }]));
    expect(r.text.startsWith(`# The namespace, kubectl style.
apiVersion: v1
kind: Namespace
metadata:
  name: shop   # trailing comment, spaced by hand
  labels:
    team: web
`)).toBe(true);
    expect(r.text.slice(r.text.indexOf('--- # the policy'))).toBe(POLICY + LIST);
  });

  it('a changed string keeps its quoting; a value that needs quotes gets them', () => {
    const text = 'kind: GlobalNetworkPolicy\napiVersion: projectcalico.org/v3\nmetadata:\n  name: g\nspec:\n  selector: "app == \'a\'"\n';
    const quoted = ok(editObject(text, { docIndex: 0, base: [] }, [{ op: 'set', at: ['spec', 'selector'], value: "app == 'b'" }]));
    expect(quoted.text).toBe(text.replace("'a'", "'b'"));
    const r = ok(editObject(FILE, { docIndex: 1, base: [] }, [{ op: 'set', at: ['metadata', 'name'], value: 'web: # not a comment' }]));
    expect((dataOf(r.text)[1] as { metadata: { name: string } }).metadata.name).toBe('web: # not a comment');
  });

  it('deleting a field removes its lines only', () => {
    const r = ok(editObject(FILE, { docIndex: 1, base: [] }, [{ op: 'delete', at: ['spec', 'order'] }]));
    expect(r.text).toBe(FILE.replace('  order: 100\n', ''));
  });

  it('an item of a List is edited in place', () => {
    const r = ok(editObject(FILE, { docIndex: 2, base: ['items', 1] }, [{ op: 'set', at: ['spec', 'order'], value: 10 }]));
    expect(r.text).toBe(FILE.replace(`    name: b
    namespace: shop
  spec:
    selector: all()
`, `    name: b
    namespace: shop
  spec:
    selector: all()
    order: 10
`));
  });

  it('every edit reads back as the data the edit means', () => {
    const r = ok(editObject(FILE, { docIndex: 1, base: [] }, [
      { op: 'set', at: ['spec', 'selector'], value: 'app == "web" && tier == "front"' },
      { op: 'append', at: ['spec', 'egress'], value: { action: 'Allow' } },
    ]));
    const [, policy] = dataOf(r.text) as [unknown, { spec: Record<string, unknown> }];
    expect(policy.spec.selector).toBe('app == "web" && tier == "front"');
    expect(policy.spec.egress).toEqual([{ action: 'Allow' }]);
    expect(r.text).toContain('# the frontends');
  });

  it('indented list style is followed too, and 4-space indents', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
    name: x
    namespace: a
spec:
    podSelector: {}
    policyTypes:
        - Ingress
`;
    const r = ok(editObject(text, { docIndex: 0, base: [] }, [{ op: 'append', at: ['spec', 'policyTypes'], value: 'Egress' }]));
    expect(r.text).toBe(`${text}        - Egress\n`);
  });

  it('when the edited lines cannot be merged into the original, the whole document is rendered, still correct', () => {
    // Mixed list styles in one document: the rendering cannot line up with both.
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: a
spec:
  containers:
  - name: c
    ports:
      - containerPort: 80
`;
    const r = ok(editObject(text, { docIndex: 0, base: [] }, [{ op: 'append', at: ['spec', 'containers', 0, 'ports'], value: { containerPort: 81 } }]));
    expect(dataOf(r.text)[0]).toEqual({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' },
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: 81 }] }] },
    });
  });

  it('refuses a document that is not there, does not parse, or a list that is not a list', () => {
    expect(editObject(FILE, { docIndex: 7, base: [] }, [])).toEqual({ error: 'the file has no document 8' });
    expect(editObject('kind: [broken\n', { docIndex: 0, base: [] }, [])).toHaveProperty('error');
    expect(editObject(FILE, { docIndex: 1, base: [] }, [{ op: 'append', at: ['spec', 'selector'], value: 1 }]))
      .toEqual({ error: 'spec.selector is not a list' });
    expect(editObject(FILE, { docIndex: 2, base: ['items', 9] }, [])).toHaveProperty('error');
  });
});

describe('editObject on every shipped workspace file', () => {
  const dirs = ['examples/walkthrough', 'fixtures/cases', 'fixtures/scenarios'];
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(d, f)));
  it('reads them all', () => expect(files.length).toBeGreaterThan(60));
  it('an edit that changes nothing gives back the text byte for byte, document by document', () => {
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      (docsOf(text) as { errors: unknown[] }[]).forEach((doc, docIndex) => {
        if (doc.errors.length > 0 || !findTop(text, docIndex)) return;
        const r = ok(editObject(text, { docIndex, base: [] }, []));
        expect({ path, docIndex, text: r.text }).toEqual({ path, docIndex, text });
        expect(r.change.insert).toBe('');
      });
    }
  });
  it('setting metadata.name changes that line only', () => {
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      (docsOf(text) as { errors: unknown[] }[]).forEach((doc, docIndex) => {
        const name = findTop(text, docIndex)?.metadata?.name;
        if (doc.errors.length > 0 || typeof name !== 'string') return;
        const r = ok(editObject(text, { docIndex, base: [] }, [{ op: 'set', at: ['metadata', 'name'], value: `${name}-x` }]));
        const before = text.split('\n');
        const after = r.text.split('\n');
        expect({ path, docIndex, lines: after.length }).toEqual({ path, docIndex, lines: before.length });
        const changed = before.flatMap((l, i) => (l === after[i] ? [] : [[l, after[i]]]));
        expect({ path, docIndex, changed: changed.length }).toEqual({ path, docIndex, changed: 1 });
        expect(changed[0]![1]).toContain(`${name}-x`);
      });
    }
  });
  it('CRLF text stays CRLF, new lines included', () => {
    const text = POLICY.replace(/\n/g, '\r\n');
    const r = ok(editObject(text, { docIndex: 0, base: [] }, [{ op: 'append', at: ['spec', 'egress'], value: { action: 'Allow' } }]));
    expect(r.text).toBe(`${text}  egress:\r\n  - action: Allow\r\n`);
    expect(applied(text, r)).toBe(r.text);
  });
});

describe('appendDocument and removeObject', () => {
  const NEW = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'shop' }, spec: { selector: 'all()', types: ['Ingress'] } };

  it('a new document goes at the end after a separator, in the file\'s style', () => {
    const r = appendDocument(FILE, NEW);
    expect(r.text).toBe(`${FILE}---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: n
  namespace: shop
spec:
  selector: all()
  types:
  - Ingress
`);
    expect(r.change).toEqual({ offset: FILE.length, deleteCount: 0, insert: r.text.slice(FILE.length) });
    expect(appendDocument('', NEW).text.startsWith('apiVersion:')).toBe(true);
    expect(appendDocument('kind: Namespace', NEW).text.startsWith('kind: Namespace\n---\n')).toBe(true);
  });

  it('removing a document leaves the others byte for byte; a List item goes from its List', () => {
    expect(ok(removeObject(FILE, { docIndex: 1, base: [] })).text).toBe(NAMESPACE + LIST);
    expect(ok(removeObject(FILE, { docIndex: 0, base: [] })).text).toBe(POLICY + LIST);
    const r = ok(removeObject(FILE, { docIndex: 2, base: ['items', 0] }));
    expect(r.text).toBe(NAMESPACE + POLICY + LIST.replace(`- metadata:
    name: a
    namespace: shop
  spec:
    selector: all()
`, ''));
  });
});
