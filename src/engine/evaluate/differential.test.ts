// Differential property: the symbolic evaluator (all connections at once, used for the graph)
// and the per-flow reference evaluator (used for explanations) must agree on every flow, for
// random clusters and random Calico / Kubernetes policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, ASSUMED_SOURCE_PORT, connSetFromJSON } from '../index';
import { explainConnection } from '../explain/connection';

const LABELS = ['app', 'tier', 'team'];
const VALUES = ['a', 'b', 'c'];
const NAMESPACES = ['n1', 'n2'];

const label = fc.tuple(fc.constantFrom(...LABELS), fc.constantFrom(...VALUES));
const selector = fc.oneof(
  label.map(([k, v]) => `${k} == "${v}"`),
  label.map(([k, v]) => `${k} != "${v}"`),
  fc.constantFrom(...LABELS).map((k) => `has(${k})`),
  fc.constant('all()'),
  fc.tuple(label, label).map(([[k1, v1], [k2, v2]]) => `${k1} == "${v1}" || ${k2} == "${v2}"`),
);
const ports = fc.oneof(
  fc.constant(''),
  fc.constantFrom('[80]', '[53]', '["1000:2000"]', '[http]', '[80, dns]'),
);
// Source-port conditions (SPEC §3.2 step 4), numeric and named (resolved on the source pod, §3.5).
const srcPorts = fc.oneof(
  fc.constant(''),
  fc.constantFrom('ports: [151]', 'ports: ["1:1023"]', 'notPorts: ["1:1023"]', 'ports: [http]', 'notPorts: [dns, 151]', 'ports: [80, "8000:9000"]'),
);
const protocol = fc.constantFrom('', 'TCP', 'UDP', 'ICMP');
const action = fc.constantFrom('Allow', 'Deny', 'Pass', 'Log');

// SPEC §3.6: a services match alone on the peer side (destination on egress, source on ingress).
const rule = (dir: 'ingress' | 'egress') => fc.record({ action, protocol, ports, srcPorts, peer: fc.option(selector), ns: fc.option(fc.constantFrom(...NAMESPACES)), notSel: fc.option(selector), svc: fc.constantFrom(false, false, false, true) })
  .map((r) => {
    const proto = (r.ports !== '' || r.srcPorts !== '') && r.protocol === '' ? 'TCP' : r.protocol;
    const p = proto === 'ICMP' ? '' : r.ports;
    const sp = proto === 'ICMP' ? '' : r.srcPorts;
    const lines = [`    - action: ${r.action}`];
    if (proto) lines.push(`      protocol: ${proto}`);
    if (r.svc && dir === 'egress') return [...lines, '      destination: {services: {name: svc, namespace: n1}}'].join('\n');
    if (r.svc) return [...lines, '      source: {services: {name: svc, namespace: n1}}', ...(p ? [`      destination: {ports: ${p}}`] : [])].join('\n');
    const peer: string[] = [];
    if (r.peer) peer.push(`selector: '${r.peer}'`);
    if (r.notSel) peer.push(`notSelector: '${r.notSel}'`);
    if (r.ns) peer.push(`namespaceSelector: "projectcalico.org/name == '${r.ns}'"`);
    if (sp) peer.push(sp);
    lines.push(`      source: {${peer.join(', ')}}`);
    if (p) lines.push(`      destination: {ports: ${p}}`);
    return lines.join('\n');
  });

const calicoPolicy = fc.record({
  global: fc.boolean(), ns: fc.constantFrom(...NAMESPACES), sel: selector, tier: fc.constantFrom('default', 'security'),
  order: fc.option(fc.integer({ min: 1, max: 3 })), ingress: fc.array(rule('ingress'), { maxLength: 3 }), egress: fc.array(rule('egress'), { maxLength: 3 }),
});

const pod = fc.record({ ns: fc.constantFrom(...NAMESPACES), labels: fc.uniqueArray(label, { selector: ([k]) => k, maxLength: 3 }), http: fc.constantFrom(80, 8080), dnsUdp: fc.boolean(), backend: fc.boolean(), node: fc.constantFrom('', 'k1', 'k2') });

function render(pods: { ns: string; labels: [string, string][]; http: number; dnsUdp: boolean; backend: boolean; node: string }[], policies: { global: boolean; ns: string; sel: string; tier: string; order: number | null; ingress: string[]; egress: string[] }[]): string {
  const docs: string[] = ['apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100, defaultAction: Pass}'];
  for (const ns of NAMESPACES) docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}`);
  pods.forEach((p, i) => {
    const labels = p.labels.map(([k, v]) => `${k}: ${v}`).join(', ');
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ${p.ns}, labels: {${labels}}}\nspec:\n  containers:\n    - name: c\n      ports: [{name: http, containerPort: ${p.http}}, {name: dns, containerPort: 53, protocol: ${p.dnsUdp ? 'UDP' : 'TCP'}}]${p.node ? `\n  nodeName: ${p.node}` : ''}\nstatus: {podIP: 10.0.0.${i + 1}}`);
  });
  // SPEC §6.34: a host-networked agent on node k1: its traffic to k1's pods skips their ingress policy.
  docs.push('apiVersion: v1\nkind: Node\nmetadata: {name: k1}\nstatus: {addresses: [{type: InternalIP, address: 10.9.0.1}]}');
  docs.push('apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: n1, labels: {app: a}}\nspec: {nodeName: k1, hostNetwork: true, containers: [{name: c}]}\nstatus: {podIP: 10.9.0.1}');
  // One Service's backends: some pods (two slices with different ports) and an outside address.
  const backends = pods.flatMap((p, i) => (p.backend ? [`10.0.0.${i + 1}`] : []));
  docs.push(`apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: svc-1, namespace: n1, labels: {kubernetes.io/service-name: svc}}\naddressType: IPv4\nendpoints: [{addresses: [${backends.filter((_, i) => i % 2 === 0).join(', ')}]}]\nports: [{port: 80}, {port: 53, protocol: UDP}]`);
  docs.push(`apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: svc-2, namespace: n1, labels: {kubernetes.io/service-name: svc}}\naddressType: IPv4\nendpoints: [{addresses: [${[...backends.filter((_, i) => i % 2 === 1), '192.0.2.1'].join(', ')}]}]\nports: [{port: 8080}]`);
  policies.forEach((p, i) => {
    const kind = p.global ? 'GlobalNetworkPolicy' : 'NetworkPolicy';
    const name = p.tier === 'default' ? `pol${i}` : `security.pol${i}`;
    const meta = p.global ? `{name: ${name}}` : `{name: ${name}, namespace: ${p.ns}}`;
    const body = [`  tier: ${p.tier}`, `  selector: '${p.sel}'`];
    if (p.order !== null) body.push(`  order: ${p.order}`);
    body.push(p.ingress.length ? `  ingress:\n${p.ingress.join('\n')}` : '', p.egress.length ? `  egress:\n${p.egress.join('\n')}` : '');
    docs.push(`apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata: ${meta}\nspec:\n${body.filter(Boolean).join('\n')}`);
  });
  return docs.join('\n---\n');
}

const FLOWS = [
  { protocol: 6, port: 80 }, { protocol: 6, port: 8080 }, { protocol: 6, port: 1500 }, { protocol: 6, port: 53 },
  { protocol: 17, port: 53 }, { protocol: 17, port: 80 }, { protocol: 1, icmpType: 8, icmpCode: 0 }, { protocol: 132, port: 80 },
  // With source ports: inside and outside the generated conditions, and at named-port numbers.
  { protocol: 6, port: 80, srcPort: 151 }, { protocol: 6, port: 80, srcPort: 80 }, { protocol: 6, port: 8080, srcPort: 8080 },
  { protocol: 6, port: 1500, srcPort: 1023 }, { protocol: 6, port: 53, srcPort: 53 }, { protocol: 17, port: 53, srcPort: 53 },
  { protocol: 6, port: 80, srcPort: 8500 }, { protocol: 6, port: 443, srcPort: 1024 },
];

describe('symbolic and per-flow evaluators agree', () => {
  it('on random clusters, policies and flows', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(pod, { minLength: 2, maxLength: 4 }), fc.array(calicoPolicy, { maxLength: 4 }), (pods, policies) => {
        const s = analyzeWorkspace([{ path: 'w.yaml', text: render(pods, policies) }]);
        const errors = s.result.diagnostics.filter((d) => d.severity === 'error');
        expect(errors).toEqual([]);
        for (const e of s.result.edges) {
          // A node whose members differ (the internet with a backend address) is explained by its
          // first member only; matrix.test.ts compares members one by one.
          if (e.mixed) continue;
          const set = connSetFromJSON(e.allowed);
          for (const flow of FLOWS) {
            const why = explainConnection(s, e.source, e.target, flow);
            if ('error' in why) throw new Error(why.error);
            // A flow without source port is explained with the assumed one: ask the set the same.
            const symbolic = set.containsFlow(flow.protocol, flow.port, flow.icmpType, flow.icmpCode, flow.srcPort ?? ASSUMED_SOURCE_PORT);
            if (symbolic !== why.allowed) {
              throw new Error(`${e.id} ${JSON.stringify(flow)}: symbolic ${symbolic}, per-flow ${why.allowed}\n${why.text.join('\n')}`);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
