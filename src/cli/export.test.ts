import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { upstreamSchemaErrors } from '../../fixtures/upstreamSchemas';
import { runExport } from './export';

const root = fileURLToPath(new URL('../../', import.meta.url));
const step3 = [`${root}examples/walkthrough/cluster.yaml`, `${root}examples/walkthrough/step-3.yaml`];

function capture(fn: (out: (s: string) => void, err: (s: string) => void) => number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = fn((s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const kinds = (text: string) => parseAllDocuments(text).map((d) => (d.toJS() as { kind: string }).kind);

const K8S = `# kept: the team's note
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: default
  resourceVersion: "4711"
spec:
  podSelector: {matchLabels: {run: nginx}}
  ingress:
  - ports: [{port: 80}]
`;

describe('export (CLI)', () => {
  it('calicoctl: the Calico policies with their comments, the cluster skipped, each in the report', () => {
    const r = capture((o, e) => runExport(step3, { target: 'calicoctl' }, undefined, o, e));
    expect(r.code).toBe(0);
    expect(kinds(r.out)).toEqual(['GlobalNetworkPolicy', 'NetworkPolicy', 'NetworkPolicy']);
    expect(r.out.startsWith('# Step 1: deny everything')).toBe(true);
    expect(r.err).toContain('skipped: Pod shams/busybox');
    expect(r.err).toContain('exported: NetworkPolicy default/allow-nginx-ingress-from-busybox');
    expect(r.err.split('\n').pop()).toBe('3 document(s) for calicoctl');
    for (const d of parseAllDocuments(r.out)) expect(upstreamSchemaErrors(d.toJS())).toEqual([]);
  });

  it('a Kubernetes policy: skipped for calicoctl unless converted; kubectl gets it as written, noise stripped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npc-export-'));
    const file = join(dir, 'web.yaml');
    writeFileSync(file, K8S);
    const skipped = capture((o, e) => runExport([file], { target: 'calicoctl' }, undefined, o, e));
    expect(skipped.out).toBe('');
    expect(skipped.err).toContain('skipped: NetworkPolicy default/web');
    const kubectl = capture((o, e) => runExport([file], { target: 'kubectl' }, undefined, o, e));
    expect(kubectl.out).toBe(K8S.replace('  resourceVersion: "4711"\n', '').replace(/\n$/, ''));
    const out = join(dir, 'out.yaml');
    const converted = capture((o, e) => runExport([file], { target: 'calicoctl', convertK8s: true, stage: true }, out, o, e));
    expect(converted.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('# kept: the team\'s note\napiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\n')).toBe(true);
    const [doc] = parseAllDocuments(text).map((d) => d.toJS() as { spec: Record<string, unknown> });
    expect(doc!.spec).toEqual({
      tier: 'default', order: 1000, selector: "projectcalico.org/orchestrator == 'k8s' && run == 'nginx'", types: ['Ingress'],
      ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [80] } }], stagedAction: 'Set',
    });
    expect(upstreamSchemaErrors(parseAllDocuments(text)[0]!.toJS())).toEqual([]);
    expect(converted.err).toContain('converted: StagedNetworkPolicy default/web');
  });

  it('3.31 names policies outside the default tier by their tier', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npc-export-'));
    const file = join(dir, 'tiered.yaml');
    writeFileSync(file, `apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: 100}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: block}
spec: {tier: security, selector: all(), types: [Ingress]}
`);
    const r = capture((o, e) => runExport([file], { target: 'calicoctl', calicoVersion: '3.31' }, undefined, o, e));
    expect(r.out).toContain('name: security.block');
    expect(r.err).toContain('named security.block (Calico 3.31 names policies by tier)');
    expect(capture((o, e) => runExport([file], { target: 'calicoctl', calicoVersion: '3.32' }, undefined, o, e)).out).toContain('metadata: {name: block}');
  });

  it('invalid input: its errors, located, nothing exported, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npc-export-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, K8S.replace('{port: 80}', '{port: 70000}'));
    const r = capture((o, e) => runExport([file], { target: 'kubectl' }, undefined, o, e));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/bad\.yaml:11:\d+: error NPC020/);
    expect(r.err).toContain('not exported: 1 error(s) in the input');
  });
});
