import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from './conformance';

// Two bare pods; b accepts only TCP 80 from a, and TCP 443 from 10.0.0.0/8.
const TOPOLOGY = `
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: default, labels: {app: a}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: default, labels: {app: b}}
spec: {containers: [{name: c, image: x}]}
`;
const POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-ingress, namespace: default}
spec:
  podSelector: {matchLabels: {app: b}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: a}}}]
    ports: [{protocol: TCP, port: 80}]
  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
    ports: [{protocol: TCP, port: 443}]
`;
const BAD_POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: default}
spec:
  podSelector: {}
  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]
`;

// a is exposed by an Ingress on Service port 80 -> pod port 8080 (no policy selects a).
const EXPOSURE = `
apiVersion: v1
kind: Service
metadata: {name: a, namespace: default}
spec: {selector: {app: a}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: a, namespace: default}
spec: {defaultBackend: {service: {name: a, port: {number: 80}}}}
`;

const ALL = 'All Connections';
/** The full netpol-analyzer answer: the address space is split at 10.0.0.0/8. */
const NPA_EXPECTED = [
  { src: 'default/a[Pod]', dst: 'default/b[Pod]', conn: 'TCP 80' },
  { src: 'default/b[Pod]', dst: 'default/a[Pod]', conn: ALL },
  { src: 'default/a[Pod]', dst: '0.0.0.0-255.255.255.255[External]', conn: ALL },
  { src: 'default/b[Pod]', dst: '0.0.0.0-255.255.255.255[External]', conn: ALL },
  { src: '0.0.0.0-255.255.255.255[External]', dst: 'default/a[Pod]', conn: ALL },
  { src: '10.0.0.0-10.255.255.255[External]', dst: 'default/b[Pod]', conn: 'TCP 443' },
];
/**
 * The same facts under NCA's conventions, with the external ranges cut differently from ours
 * (10.0.0.0/8 printed as two rows, one of them on two lines): must still pass.
 */
const NCA_EXPECTED = [
  { src: 'default/a', dst: 'default/b', conn: 'TCP 80' },
  { src: 'default/b', dst: 'default/a', conn: ALL },
  { src: 'default/a', dst: '0.0.0.0-255.255.255.255', conn: ALL },
  { src: 'default/b', dst: '0.0.0.0-127.255.255.255', conn: ALL },
  { src: 'default/b', dst: '128.0.0.0-255.255.255.255', conn: ALL },
  { src: '0.0.0.0-255.255.255.255', dst: 'default/a', conn: ALL },
  { src: '10.0.0.0-10.127.255.255', dst: 'default/b', conn: 'TCP 443' },
  { src: '10.128.0.0-10.255.255.255', dst: 'default/b', conn: 'TCP 443' },
];

let root: string;
const write = (dir: string, files: Record<string, unknown>) => {
  mkdirSync(join(root, dir), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(root, dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 1));
  }
};
const connectivity = (conventions: string, expected: unknown, query: object = {}) => ({
  'topology.yaml': TOPOLOGY, 'policy.yaml': POLICY,
  'case.json': { source: 'synthetic', conventions, inputs: ['topology.yaml', 'policy.yaml'], query: { kind: 'connectivity', ...query }, expected },
});
const withIngress = (expected: unknown) => ({
  'topology.yaml': TOPOLOGY, 'policy.yaml': POLICY, 'exposure.yaml': EXPOSURE,
  'case.json': { source: 'synthetic', conventions: 'netpol-analyzer', inputs: ['topology.yaml', 'policy.yaml', 'exposure.yaml'], query: { kind: 'connectivity' }, expected },
});
const IC_ROW = { src: '{ingress-controller}', dst: 'default/a[Pod]', conn: 'TCP 8080' };

function run(dir: string, minPass?: number): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = runConformance(join(root, dir), minPass, (s) => lines.push(s), { verbose: true, jobs: 0 });
  return { code, lines };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'netpol-conformance-test-'));
  write('good/npa/pass', connectivity('netpol-analyzer', NPA_EXPECTED));
  write('good/npa/focus', connectivity('netpol-analyzer', NPA_EXPECTED.filter((r) => r.dst === 'default/b[Pod]'), { focus_workload: ['b'], focus_direction: 'ingress' }));
  write('good/npa/focus-conn', connectivity('netpol-analyzer', [
    { src: 'default/a[Pod]', dst: 'default/b[Pod]', conn: 'TCP 80' },
    { src: 'default/b[Pod]', dst: 'default/a[Pod]', conn: 'TCP 80' },
    { src: 'default/b[Pod]', dst: '0.0.0.0-255.255.255.255[External]', conn: 'TCP 80' },
  ], { focus_conn: 'tcp-80', focus_workload: ['default/b'] }));
  write('good/npa/ingress', withIngress([...NPA_EXPECTED, IC_ROW]));
  write('good/nca/split-ranges', connectivity('nca', NCA_EXPECTED));
  write('good/nca/raw-only', connectivity('nca', null));
  write('good/validation/bad-cidr', {
    'policy.yaml': BAD_POLICY,
    'case.json': { source: 'synthetic', inputs: ['policy.yaml'], query: { kind: 'validation' }, expected: null, expected_error: true },
  });
  write('good/probe/recipe', {
    'topology.yaml': TOPOLOGY, 'policy.yaml': POLICY,
    'case.json': {
      source: 'synthetic', inputs: ['topology.yaml', 'policy.yaml'], query: { kind: 'probe' },
      expected: [
        { src: 'default/a', dst: 'default/b', probe: 'TCP 80', allowed: true },
        { src: 'default/a', dst: 'default/b', probe: 'TCP 81', allowed: false },
        { src: 'ip:10.1.2.3', dst: 'default/b', probe: 'TCP 443', allowed: true },
        { src: 'ip:8.8.8.8', dst: 'default/b', probe: 'TCP 443', allowed: false },
      ],
    },
  });
  write('good/calico-selector', {
    'selector_vectors.json': {
      match_vectors: [{ selector: 'a == "b"', labels: { a: 'b' }, expected_match: true }, { selector: 'has(x)', labels: {}, expected_match: false }],
      parse_error_vectors: [{ selector: 'b == b', expected_error: true }],
      canonicalisation_vectors: [{ input: ' (all() )', canonical: 'all()', expected_uid: null }],
      tokenizer_vectors: [{ input: 'a==\'b\'', expected_tokens: [{ kind: 'TokLabel', value: 'a' }, { kind: 'TokEq' }, { kind: 'TokStringLiteral', value: 'b' }, { kind: 'TokEOF' }] }],
    },
  });

  // Each of these must fail.
  write('bad/wrong-conn', connectivity('netpol-analyzer', NPA_EXPECTED.map((r) => (r.conn === 'TCP 80' ? { ...r, conn: 'TCP 81' } : r))));
  write('bad/missing-row', connectivity('netpol-analyzer', NPA_EXPECTED.slice(1)));
  write('bad/wrong-range', connectivity('nca', NCA_EXPECTED.map((r) => (r.src === '10.128.0.0-10.255.255.255' ? { ...r, src: '10.128.0.0-10.255.255.254' } : r))));
  write('bad/to-ingress-controller', withIngress([...NPA_EXPECTED, IC_ROW, { src: 'default/b[Pod]', dst: '{ingress-controller}', conn: ALL }]));
  write('bad/unknown-node', connectivity('netpol-analyzer', [...NPA_EXPECTED, { src: 'hep1', dst: 'default/a[Pod]', conn: ALL }]));
  write('bad/validation-accepted', {
    'policy.yaml': POLICY,
    'case.json': { source: 'synthetic', inputs: ['policy.yaml'], query: { kind: 'validation' }, expected: null, expected_error: true },
  });
  write('bad/probe', {
    'topology.yaml': TOPOLOGY, 'policy.yaml': POLICY,
    'case.json': { source: 'synthetic', inputs: ['topology.yaml', 'policy.yaml'], query: { kind: 'probe' }, expected: [{ src: 'default/b', dst: 'default/a', probe: 'UDP 53', allowed: false }] },
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runConformance', () => {
  it('passes correct cases of every kind, skips raw-only ones, and exits 0', () => {
    const { code, lines } = run('good');
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(lines.at(-1)).toBe('12 passed, 0 failed'); // 5 connectivity + 1 validation + 1 probe + 5 selector vectors
    expect(lines).toContain('SKIP nca connectivity nca/raw-only: not normalized (expected: null)');
    expect(lines.some((l) => /^validation\s+validation\s+1\s+0\s+0$/.test(l))).toBe(true);
    expect(lines.some((l) => /^calico-selector\s+tokenizer\s+1\s+0\s+0$/.test(l))).toBe(true);
    expect(code).toBe(0);
  });

  it('fails every wrong expectation with a reason naming the first differing pair', () => {
    const { code, lines } = run('bad');
    expect(lines.at(-1)).toBe('0 passed, 7 failed');
    expect(code).toBe(1);
    const reason = (id: string) => lines.find((l) => l.startsWith('FAIL') && l.includes(` ${id}: `));
    expect(reason('wrong-conn')).toContain("default/a[Pod] -> default/b[Pod]: expected 'TCP 81', got 'TCP 80'");
    expect(reason('missing-row')).toContain("expected 'No Connections', got 'TCP 80'");
    expect(reason('wrong-range')).toContain("10.255.255.255 -> default/b: expected 'No Connections', got 'TCP 443'");
    expect(reason('unknown-node')).toContain("expected node 'hep1'");
    // Connections to the ingress controller are not modelled (netpol-analyzer lists none).
    expect(reason('to-ingress-controller')).toContain("default/b[Pod] -> {ingress-controller}: expected 'All Connections', got 'No Connections'");
    expect(reason('validation-accepted')).toContain('no error diagnostic');
    expect(reason('probe')).toContain('expected blocked, got allowed');
  });

  it('applies the floor: exit 0 at or above --min-pass, 1 below it', () => {
    const all = (min?: number) => runConformance(root, min, () => {}, { jobs: 0 });
    expect(all()).toBe(1); // without a floor any failure fails
    expect(all(12)).toBe(0);
    expect(all(13)).toBe(1);
  });

  it('counts a reviewed exception apart, and fails on an exception that passes again (stale)', () => {
    const reason = 'the expectation contradicts the spec in a way this test pretends to prove';
    const exceptions = new Map([['wrong-conn', { reason, spec: '§0' }]]);
    const lines: string[] = [];
    const code = runConformance(join(root, 'bad'), 5, (l) => lines.push(l), { jobs: 0, exceptions });
    expect(lines.at(-1)).toBe('0 passed, 6 failed');
    expect(lines).toContain(`  wrong-conn (§0): ${reason}`);
    expect(code).toBe(1); // floor 5 not met
    const stale = new Map([['npa/pass', { reason, spec: '§0' }]]);
    const staleLines: string[] = [];
    expect(runConformance(join(root, 'good'), 0, (l) => staleLines.push(l), { jobs: 0, exceptions: stale, verbose: true })).toBe(1);
    expect(staleLines.some((l) => l.includes('npa/pass passes now: remove it from the exceptions list'))).toBe(true);
  });
});
