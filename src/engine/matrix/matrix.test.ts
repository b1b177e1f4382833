// Differential properties of the class-based matrix:
// 1. it equals the direct per-pod evaluation (matrix/reference.ts) on random clusters (pod IPs,
//    network sets, host endpoints, host-networked pods, named ports, CIDRs, ipVersion, staged
//    policies, Kubernetes and Calico policies) and on the generated S and M clusters;
// 2. `reanalyze` after random policy edits equals `analyzeWorkspace` of the edited files.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, evaluationMembers, reanalyze, type Session } from '../index';
import { scopeOf } from '../analysis';
import type { WorkspaceFile } from '../parse/documents';
import type { Peer } from '../evaluate/peer';
import { buildPeerUniverse } from './peers';
import { referenceConnectivity, referencePeerEvaluator } from './reference';
import { generateCluster, PRESETS } from '../../../fixtures/generate';

const NAMESPACES = ['n1', 'n2'];
const KEYS = ['app', 'tier'];
const VALUES = ['a', 'b'];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.6', '10.1.0.7', '192.168.1.1'];
const CIDRS = ['10.0.0.0/30', '10.0.0.0/8', '10.1.0.0/16', '192.168.0.0/16', '10.0.0.2/32'];

const label = fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES));
const selector = fc.oneof(
  label.map(([k, v]) => `${k} == '${v}'`),
  label.map(([k, v]) => `${k} != '${v}'`),
  fc.constantFrom(...KEYS).map((k) => `has(${k})`),
  fc.constant('all()'),
  fc.constantFrom('role == "x"', 'role in {"x", "y"}', "projectcalico.org/serviceaccount == 'sa1'", 'pcsa.team == "red"'),
  fc.tuple(label, label).map(([[k1, v1], [k2, v2]]) => `${k1} == '${v1}' || ${k2} == '${v2}'`),
);

const pod = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  labels: fc.uniqueArray(label, { selector: ([k]) => k, maxLength: 2 }),
  ip: fc.option(fc.constantFrom(...IPS), { nil: undefined }),
  hostNetwork: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  sa: fc.constantFrom('default', 'sa1', 'sa2'),
  http: fc.constantFrom(0, 80, 8080),
  dns: fc.constantFrom('', 'UDP', 'TCP'),
  template: fc.boolean(),
  // SPEC §6.34: where it runs (k1 has a Node object, k2 is known from hostIP only).
  node: fc.constantFrom(undefined, 'k1', 'k2'),
  hostIp: fc.boolean(),
});
type Pod = typeof pod extends fc.Arbitrary<infer T> ? T : never;

const netset = fc.record({
  global: fc.boolean(),
  ns: fc.constantFrom(...NAMESPACES),
  nets: fc.uniqueArray(fc.constantFrom(...CIDRS), { minLength: 1, maxLength: 2 }),
  role: fc.constantFrom('x', 'y'),
});
const hep = fc.record({
  ips: fc.uniqueArray(fc.constantFrom('10.0.0.2', '172.16.0.1', '10.1.0.9'), { maxLength: 2 }),
  role: fc.constantFrom('x', 'y'),
  profile: fc.constantFrom('', 'projectcalico-default-allow', 'kns.n1'),
  node: fc.constantFrom('n', 'k1', 'k2'),
});

/** One Calico rule (lines under `ingress:` / `egress:`), peer on the far side of the direction. */
const calicoRule = (dir: 'ingress' | 'egress') => fc.record({
  action: fc.constantFrom('Allow', 'Deny', 'Pass', 'Log'),
  protocol: fc.constantFrom('', 'TCP', 'UDP', 'ICMP'),
  ports: fc.constantFrom('', '[80]', '[53]', '["1000:9000"]', '[http]', '[80, dns]'),
  notPorts: fc.constantFrom('', '', '[8080]', '[http]'),
  // Source-port conditions (SPEC §3.2 step 4); named ones resolve on the source pod (§3.5).
  srcPorts: fc.constantFrom('', '', 'ports: [151]', 'ports: [http]', 'notPorts: [dns, "1:1023"]', 'ports: [http, 80]', 'notPorts: [http]'),
  selector: fc.option(selector, { nil: undefined }),
  notSelector: fc.option(selector, { nil: undefined }),
  namespaceSelector: fc.option(fc.constantFrom('all()', 'global()', "projectcalico.org/name == 'n1'", 'team == "red"'), { nil: undefined }),
  sa: fc.option(fc.constantFrom('names: [sa1]', "selector: team == 'red'"), { nil: undefined }),
  nets: fc.option(fc.uniqueArray(fc.constantFrom(...CIDRS), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  notNets: fc.option(fc.constantFrom('10.0.0.0/30', '192.168.0.0/16'), { nil: undefined }),
  ipVersion: fc.constantFrom(0, 0, 0, 4, 6),
  // SPEC §3.6: a services match stands alone (no selectors, nets; on a destination no ports).
  service: fc.constantFrom(undefined, undefined, undefined, '{name: svc1, namespace: n1}', '{name: svc2, namespace: n2}', '{name: none, namespace: n1}'),
}).map((r) => {
  const proto = r.protocol === 'ICMP' ? 'ICMP' : (r.ports !== '' || r.notPorts !== '' || r.srcPorts !== '') && r.protocol === '' ? 'TCP' : r.protocol;
  const hasPorts = proto === 'TCP' || proto === 'UDP';
  const lines = [`    - action: ${r.action}`];
  if (proto) lines.push(`      protocol: ${proto}`);
  // SPEC §3.1: ipVersion 6 with ICMP or with (IPv4-only) CIDRs is rejected: keep the rules valid.
  const v6Conflict = r.ipVersion === 6 && (proto === 'ICMP' || (!r.service && (r.nets !== undefined || r.notNets !== undefined)));
  if (r.ipVersion && !v6Conflict) lines.push(`      ipVersion: ${r.ipVersion}`);
  const peer: string[] = [];
  if (r.service) {
    if (dir === 'ingress') lines.push(`      source: {services: ${r.service}}`, `      destination: {${hasPorts && r.ports ? `ports: ${r.ports}` : ''}}`);
    else lines.push(`      destination: {services: ${r.service}}`);
    return lines.join('\n');
  }
  if (r.selector) peer.push(`selector: "${r.selector.replace(/"/g, "'")}"`);
  if (r.notSelector) peer.push(`notSelector: "${r.notSelector.replace(/"/g, "'")}"`);
  if (r.namespaceSelector) peer.push(`namespaceSelector: "${r.namespaceSelector.replace(/"/g, "'")}"`);
  if (r.sa) peer.push(`serviceAccounts: {${r.sa}}`);
  if (r.nets) peer.push(`nets: [${r.nets.join(', ')}]`);
  if (r.notNets) peer.push(`notNets: [${r.notNets}]`);
  const ports: string[] = [];
  if (hasPorts && r.ports) ports.push(`ports: ${r.ports}`);
  if (hasPorts && r.notPorts) ports.push(`notPorts: ${r.notPorts}`);
  const src = hasPorts && r.srcPorts ? [r.srcPorts] : [];
  if (dir === 'ingress') {
    lines.push(`      source: {${[...peer, ...src].join(', ')}}`);
    lines.push(`      destination: {${ports.join(', ')}}`);
  } else {
    if (src.length > 0) lines.push(`      source: {${src.join(', ')}}`);
    lines.push(`      destination: {${[...peer, ...ports].join(', ')}}`);
  }
  return lines.join('\n');
});

const calicoPolicy = fc.record({
  kind: fc.constantFrom('NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy'),
  ns: fc.constantFrom(...NAMESPACES),
  sel: selector,
  tier: fc.constantFrom('default', 'security'),
  order: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  ingress: fc.array(calicoRule('ingress'), { maxLength: 3 }),
  egress: fc.array(calicoRule('egress'), { maxLength: 3 }),
}).map((p) => (i: number) => {
  const name = p.tier === 'default' ? `pol${i}` : `security.pol${i}`;
  const meta = p.kind === 'GlobalNetworkPolicy' ? `{name: ${name}}` : `{name: ${name}, namespace: ${p.ns}}`;
  const body = [`  tier: ${p.tier}`, `  selector: "${p.sel.replace(/"/g, "'")}"`];
  if (p.order !== undefined) body.push(`  order: ${p.order}`);
  if (p.ingress.length) body.push(`  ingress:\n${p.ingress.join('\n')}`);
  if (p.egress.length) body.push(`  egress:\n${p.egress.join('\n')}`);
  return `apiVersion: projectcalico.org/v3\nkind: ${p.kind}\nmetadata: ${meta}\nspec:\n${body.join('\n')}`;
});

const k8sPeer = fc.oneof(
  label.map(([k, v]) => `{podSelector: {matchLabels: {${k}: ${v}}}}`),
  fc.constant('{namespaceSelector: {}}'),
  fc.constant('{namespaceSelector: {matchLabels: {team: red}}, podSelector: {}}'),
  fc.constantFrom('{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/30]}}', '{ipBlock: {cidr: 192.168.0.0/16}}'),
);
const k8sPolicy = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  sel: fc.option(label, { nil: undefined }),
  types: fc.constantFrom('[Ingress]', '[Egress]', '[Ingress, Egress]'),
  ingress: fc.array(fc.record({ peers: fc.array(k8sPeer, { maxLength: 2 }), ports: fc.constantFrom('', '[{port: 80}]', '[{port: http}]', '[{port: dns, protocol: UDP}]', '[{port: 1000, endPort: 9000}]') }), { maxLength: 2 }),
  egress: fc.array(fc.record({ peers: fc.array(k8sPeer, { maxLength: 2 }), ports: fc.constantFrom('', '[{port: 53, protocol: UDP}]', '[{port: http}]') }), { maxLength: 2 }),
}).map((p) => (i: number) => {
  const rule = (key: 'from' | 'to', r: { peers: string[]; ports: string }) => {
    const parts: string[] = [];
    if (r.peers.length) parts.push(`${key}: [${r.peers.join(', ')}]`);
    if (r.ports) parts.push(`ports: ${r.ports}`);
    return `{${parts.join(', ')}}`;
  };
  const sel = p.sel ? `{matchLabels: {${p.sel[0]}: ${p.sel[1]}}}` : '{}';
  const lines = [`  podSelector: ${sel}`, `  policyTypes: ${p.types}`];
  if (p.ingress.length) lines.push(`  ingress: [${p.ingress.map((r) => rule('from', r)).join(', ')}]`);
  if (p.egress.length) lines.push(`  egress: [${p.egress.map((r) => rule('to', r)).join(', ')}]`);
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: knp${i}, namespace: ${p.ns}}\nspec:\n${lines.join('\n')}`;
});

const policy = fc.oneof(calicoPolicy, k8sPolicy);
type PolicyMaker = (i: number) => string;

const NODE_IPS: Record<string, string> = { k1: '10.9.0.1', k2: '10.9.0.2' };

function renderCluster(pods: Pod[], sets: { global: boolean; ns: string; nets: string[]; role: string }[], heps: { ips: string[]; role: string; profile: string; node: string }[]): string {
  const docs: string[] = ['apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100, defaultAction: Pass}'];
  docs.push('apiVersion: v1\nkind: Namespace\nmetadata: {name: n1, labels: {team: red}}', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: n2}');
  docs.push('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa1, namespace: n1, labels: {team: red}}');
  docs.push('apiVersion: v1\nkind: Node\nmetadata: {name: k1}\nstatus: {addresses: [{type: InternalIP, address: 10.9.0.1}]}');
  pods.forEach((p, i) => {
    const labels = p.labels.map(([k, v]) => `${k}: ${v}`).join(', ');
    const ports: string[] = [];
    if (p.http) ports.push(`{name: http, containerPort: ${p.http}}`);
    if (p.dns) ports.push(`{name: dns, containerPort: 53, protocol: ${p.dns}}`);
    const spec = [`  serviceAccountName: ${p.sa}`, `  containers: [{name: c, ports: [${ports.join(', ')}]}]`];
    if (p.hostNetwork) spec.push('  hostNetwork: true');
    if (p.node) spec.push(`  nodeName: ${p.node}`);
    if (p.template) {
      docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}, namespace: ${p.ns}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {x: y}}\n  template:\n    metadata: {labels: {${labels}}}\n    spec:\n${spec.map((l) => `    ${l}`).join('\n')}`);
    } else {
      const podIp = p.hostNetwork && p.node ? NODE_IPS[p.node] : p.ip;
      const fields = [...(podIp ? [`podIP: ${podIp}`] : []), ...(p.node && p.hostIp ? [`hostIP: ${NODE_IPS[p.node]}`] : [])];
      const status = fields.length ? `\nstatus: {${fields.join(', ')}}` : '';
      docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ${p.ns}, labels: {${labels}}}\nspec:\n${spec.join('\n')}${status}`);
    }
  });
  sets.forEach((s, i) => {
    const meta = s.global ? `{name: gs${i}, labels: {role: ${s.role}}}` : `{name: s${i}, namespace: ${s.ns}, labels: {role: ${s.role}}}`;
    docs.push(`apiVersion: projectcalico.org/v3\nkind: ${s.global ? 'GlobalNetworkSet' : 'NetworkSet'}\nmetadata: ${meta}\nspec: {nets: [${s.nets.join(', ')}]}`);
  });
  heps.forEach((h, i) => {
    const profiles = h.profile ? `, profiles: [${h.profile}]` : '';
    docs.push(`apiVersion: projectcalico.org/v3\nkind: HostEndpoint\nmetadata: {name: h${i}, labels: {role: ${h.role}}}\nspec: {node: ${h.node}, expectedIPs: [${h.ips.join(', ')}]${profiles}}`);
  });
  return docs.join('\n---\n');
}

/** An EndpointSlice of svc1 (n1) or svc2 (n2): pod, HEP and outside addresses, numbered and unnumbered ports. */
const slice = fc.record({
  svc: fc.constantFrom('svc1 n1', 'svc2 n2'),
  addresses: fc.uniqueArray(fc.constantFrom(...IPS, '172.16.0.1', '203.0.113.5'), { maxLength: 3 }),
  ports: fc.constantFrom('[{port: 80}]', '[{port: 53, protocol: UDP}, {port: 80}]', '[{port: 8080, protocol: TCP}]', '[{name: x}]', '[]'),
});
type Slice = typeof slice extends fc.Arbitrary<infer T> ? T : never;

function renderSlices(slices: Slice[]): string[] {
  return slices.map((e, i) => {
    const [svc, ns] = e.svc.split(' ');
    return `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: es${i}, namespace: ${ns}, labels: {kubernetes.io/service-name: ${svc}}}\naddressType: IPv4\nendpoints: [{addresses: [${e.addresses.join(', ')}]}]\nports: ${e.ports}`;
  });
}

const cluster = fc.record({
  pods: fc.array(pod, { minLength: 1, maxLength: 6 }),
  sets: fc.array(netset, { maxLength: 2 }),
  heps: fc.array(hep, { maxLength: 2 }),
  slices: fc.array(slice, { maxLength: 3 }),
});

/**
 * A policy that applies to nothing but mentions every label key, named port and CIDR the
 * generators use: with it, edits rarely change the peer classes (the incremental path runs);
 * without it, they often do (a full evaluation over new classes).
 */
const ANCHOR = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: anchor}
spec:
  selector: app == 'none'
  ingress:
    - action: Log
      protocol: TCP
      source: {selector: "has(app) && has(tier) && has(role) && has(projectcalico.org/serviceaccount) && has(pcsa.team) && has(pcns.team) && has(projectcalico.org/namespace) && has(projectcalico.org/name) && has(pcns.projectcalico.org/name) && has(projectcalico.org/orchestrator)", nets: [${CIDRS.join(', ')}]}
      destination: {ports: [http, dns]}
    - {action: Log, source: {services: {name: svc1, namespace: n1}}}
    - {action: Log, source: {services: {name: svc2, namespace: n2}}}
    - {action: Log, source: {services: {name: none, namespace: n1}}}
`;

function files(c: { pods: Pod[]; sets: { global: boolean; ns: string; nets: string[]; role: string }[]; heps: { ips: string[]; role: string; profile: string; node: string }[]; slices?: Slice[]; anchor?: boolean }, policies: (PolicyMaker | null)[]): WorkspaceFile[] {
  const out: WorkspaceFile[] = [{ path: 'cluster.yaml', text: [renderCluster(c.pods, c.sets, c.heps), ...renderSlices(c.slices ?? [])].join('\n---\n') }];
  if (c.anchor) out.push({ path: 'anchor.yaml', text: ANCHOR });
  policies.forEach((p, i) => {
    if (p) out.push({ path: `p${i}.yaml`, text: p(i) });
  });
  return out;
}

function errorsOf(s: Session) {
  return s.result.diagnostics.filter((d) => d.severity === 'error');
}

/** The class-based matrix of both scopes, and the members, against the direct evaluation. */
function checkAgainstReference(s: Session): void {
  const ws = s.workspace;
  for (const scope of ['enforced', 'pending'] as const) {
    const matrix = scopeOf(s, scope).matrix;
    const got = [...matrix.pairs()];
    const want = referenceConnectivity(ws, scope);
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => {
      const w = want[i]!;
      expect(`${g.src}->${g.dst}`).toBe(`${w.src}->${w.dst}`);
      if (!g.allowed.equals(w.allowed) || !g.someAllowed.equals(w.someAllowed)) {
        throw new Error(`${scope} ${g.src}->${g.dst}: classes ${g.allowed.toString()} / ${g.someAllowed.toString()}, reference ${w.allowed.toString()} / ${w.someAllowed.toString()}`);
      }
    });
    // Evaluation members (the conformance view): every member pair.
    const peers = buildPeerUniverse(ws);
    const ref = referencePeerEvaluator(ws, scope);
    const ev = evaluationMembers(s, scope);
    const peerOf = new Map<unknown, Peer>();
    for (const m of ev.pods) {
      const node = ws.nodes.find((n) => n.id === m.nodeId);
      const ep = node?.type === 'workload' ? node.endpoints.find((e) => e.name === m.name) : undefined;
      peerOf.set(m, peers.endpoint(ep!));
    }
    for (const m of ev.heps) {
      const node = ws.nodes.find((n) => n.id === m.nodeId);
      if (node?.type === 'hostendpoint') peerOf.set(m, peers.endpoint(node.endpoint));
    }
    ev.blocks.forEach((m, i) => peerOf.set(m, peers.allBlocks[i]!));
    const all = [...ev.pods, ...ev.heps, ...ev.blocks];
    for (const a of all) {
      for (const b of all) {
        const g = ev.allowed(a, b);
        const w = ref(peerOf.get(a)!, peerOf.get(b)!);
        if (!g.equals(w)) throw new Error(`${scope} members ${JSON.stringify(a, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))} -> ${JSON.stringify(b, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}: ${g.toString()} vs ${w.toString()}`);
      }
    }
  }
}

describe('class-based evaluation equals per-pod evaluation', () => {
  it('on random clusters and policies', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(cluster, fc.array(policy, { maxLength: 5 }), (c, policies) => {
        const s = analyzeWorkspace(files(c, policies));
        expect(errorsOf(s)).toEqual([]);
        checkAgainstReference(s);
      }),
      { numRuns: 120 },
    );
  });

  it.each(['S', 'M'] as const)('on the generated %s cluster', { timeout: 120_000 }, (size) => {
    const s = analyzeWorkspace(generateCluster(PRESETS[size]).files);
    const got = [...scopeOf(s, 'enforced').matrix.pairs()];
    const want = referenceConnectivity(s.workspace, 'enforced');
    expect(got.length).toBe(want.length);
    const differ = got.filter((g, i) => !g.allowed.equals(want[i]!.allowed) || !g.someAllowed.equals(want[i]!.someAllowed));
    expect(differ.map((g) => `${g.src}->${g.dst}`)).toEqual([]);
    expect(s.result.counts.allow + s.result.counts.partial + s.result.counts.deny).toBe(want.length);
  });
});

/** Everything a client sees of a session. */
function visible(s: Session) {
  return { ...s.result };
}

describe('reanalyze equals analyzeWorkspace', () => {
  it('after random policy edits, additions and removals', { timeout: 60_000 }, () => {
    let incremental = 0;
    let full = 0;
    fc.assert(
      fc.property(
        cluster.chain((c) => fc.boolean().map((anchor) => ({ ...c, anchor }))),
        fc.array(fc.option(policy, { nil: null }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ file: fc.nat(5), policy: fc.option(policy, { nil: null }), broken: fc.constantFrom('', '', '', '', 'yaml', 'error', 'warning') }), { minLength: 1, maxLength: 4 }),
        (c, initial, edits) => {
          const policies = [...initial];
          let prev = analyzeWorkspace(files(c, policies));
          for (const e of edits) {
            policies[e.file % (policies.length + 1)] = e.policy;
            const next = files(c, policies);
            const last = next[next.length - 1];
            if (last && /^p\d+\.yaml$/.test(last.path)) {
              // Sometimes the edit breaks the file (YAML error, an error or a warning of the policy).
              if (e.broken === 'yaml') next[next.length - 1] = { ...last, text: `${last.text}\n  bad: [` };
              if (e.broken === 'error') next[next.length - 1] = { ...last, text: last.text.replace(/\nspec:\n/, '\nspec:\n  order: nope\n') };
              if (e.broken === 'warning') next[next.length - 1] = { ...last, text: last.text.replace(/\nspec:\n/, '\nspec:\n  bogusField: 1\n') };
            }
            const got = reanalyze(prev, next);
            const want = analyzeWorkspace(next);
            expect(visible(got)).toEqual(visible(want));
            if (got.evaluation?.universe === prev.evaluation?.universe) incremental++;
            else full++;
            prev = got;
          }
        },
      ),
      { numRuns: 80 },
    );
    // Both paths ran (broken files, new classes and the half without anchor take the full one).
    // Only their presence is asserted: the ratio depends on fast-check's seed (a CI run saw 34
    // incremental against 138 full), so a ratio bound would be a flaky test, not a check.
    expect(full).toBeGreaterThan(0);
    expect(incremental).toBeGreaterThan(0);
  });

  it('after edits inside multi-document policy files (one document re-read alone)', { timeout: 60_000 }, () => {
    // Same-line-count tweaks of one document: the documents of the file around it are reused.
    const tweaks: ((t: string) => string)[] = [
      (t) => t.replace("'a'", "'b'"), (t) => t.replace('Allow', 'Deny'), (t) => t.replace('Deny', 'Pass'),
      (t) => t.replace('[80]', '[53]'), (t) => t.replace('port: 80', 'port: 53'), (t) => t.replace('app: a', 'app: b'),
      (t) => t.replace('TCP', 'UDP'), (t) => t.replace('action: Allow', 'action: Allwo'), (t) => t.replace('order: 1', 'order: x'),
      (t) => t.replace('tier: security', 'tier: nosuchtier'), (t) => t.replace("- action: Log", '- action: Allow'),
    ];
    let reused = 0;
    fc.assert(
      fc.property(
        cluster,
        fc.array(policy, { minLength: 2, maxLength: 6 }),
        fc.array(fc.record({ doc: fc.nat(5), tweak: fc.nat(tweaks.length - 1) }), { minLength: 1, maxLength: 5 }),
        (c, policies, edits) => {
          const docs = policies.map((p, i) => p(i));
          const render = (): WorkspaceFile[] => [
            ...files({ ...c, anchor: true }, []),
            { path: 'pa.yaml', text: docs.filter((_, i) => i % 2 === 0).join('\n---\n') },
            { path: 'pb.yaml', text: docs.filter((_, i) => i % 2 === 1).join('\n---\n') },
          ];
          let prev = analyzeWorkspace(render());
          for (const e of edits) {
            const j = e.doc % docs.length;
            docs[j] = tweaks[e.tweak]!(docs[j]!);
            const next = render();
            const got = reanalyze(prev, next);
            expect(visible(got)).toEqual(visible(analyzeWorkspace(next)));
            const path = j % 2 === 0 ? 'pa.yaml' : 'pb.yaml';
            const before = new Set(prev.workspace.policies.filter((p) => p.range.path === path));
            if (got.workspace.policies.some((p) => p.range.path === path && before.has(p)) && got.workspace !== prev.workspace) reused++;
            prev = got;
          }
        },
      ),
      { numRuns: 80 },
    );
    expect(reused).toBeGreaterThan(0);
  });

  it('after edits that rename, move, stage and re-tier policies', () => {
    const np = (name: string, extra = '') => `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: n1}\nspec:\n  selector: app == 'a'\n${extra}  ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]`;
    const staged = (name: string) => np(name).replace('kind: NetworkPolicy', 'kind: StagedNetworkPolicy');
    const pods: Pod[] = [
      { ns: 'n1', labels: [['app', 'a']], ip: '10.0.0.1', hostNetwork: false, sa: 'default', http: 80, dns: '', template: false, node: undefined, hostIp: false },
      { ns: 'n2', labels: [], ip: undefined, hostNetwork: false, sa: 'sa1', http: 0, dns: 'UDP', template: true, node: undefined, hostIp: false },
    ];
    const c = { pods, sets: [], heps: [] };
    const base = files(c, []);
    const steps: Record<string, string>[] = [
      { 'a.yaml': np('x'), 'b.yaml': np('y') },
      { 'a.yaml': np('x'), 'b.yaml': np('x') }, // duplicate across files: the later one is ignored
      { 'a.yaml': np('x'), 'b.yaml': np('y') },
      { 'a.yaml': np('x', '  tier: ghost\n'), 'b.yaml': np('y') }, // a tier nobody defines
      { 'a.yaml': np('x'), 'b.yaml': np('y') }, // ... and gone again
      { 'a.yaml': '', 'b.yaml': `${np('y')}\n---\n${np('x')}` }, // moved between files
      { 'a.yaml': staged('s'), 'b.yaml': `${np('y')}\n---\n${np('x')}` }, // staged: a pending scope appears
      { 'a.yaml': staged('s').replace('[80]', '[81]'), 'b.yaml': np('y') },
      { 'b.yaml': np('y') }, // a file removed: the pending scope is gone
      { 'b.yaml': np('y'), 'c.yaml': 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: ghost}\nspec: {order: 5}' },
      { 'b.yaml': np('y', '  tier: ghost\n'), 'c.yaml': 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: ghost}\nspec: {order: 5}' },
    ];
    const render = (step: Record<string, string>) => [...base, ...Object.entries(step).map(([path, text]) => ({ path, text }))];
    let prev = analyzeWorkspace(render(steps[0]!));
    for (const step of steps.slice(1)) {
      const next = render(step);
      const got = reanalyze(prev, next);
      expect(visible(got)).toEqual(visible(analyzeWorkspace(next)));
      prev = got;
    }
  });

  // L has more than DENY_EDGE_LIMIT nodes: edges with nothing allowed are left out.
  it.each(['M', 'L'] as const)('on the generated %s cluster: one-policy edits are incremental and exact', { timeout: 120_000 }, (size) => {
    const cluster = generateCluster(PRESETS[size]);
    let prev = analyzeWorkspace(cluster.files);
    for (const port of [8081, 8082, 8080]) {
      const next = cluster.editOnePolicy(port);
      const got = reanalyze(prev, next);
      expect(got.evaluation?.universe).toBe(prev.evaluation?.universe);
      expect(visible(got)).toEqual(visible(analyzeWorkspace(next)));
      prev = got;
    }
  });
});
