import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../analysis';

/**
 * The editor's markers are the engine's diagnostics (src/ui/editor/markers.ts maps them
 * one to one), so this table pins them down exactly: each bad document carries a `«` where
 * its diagnostic must start (the marker is removed before the document is read), and the
 * diagnostic's code, line and column must be exactly there.
 */

const NS = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
`;

function calico(spec: string, name = 'p'): string {
  return `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
${spec}`;
}

function k8s(spec: string, name = 'p'): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
${spec}`;
}

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c}]}
`;

const anp = (name: string, priority: number) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: ${name}}
spec:
  priority: ${priority}
  subject: {namespaces: {}}
  ingress: [{action: Allow, from: [{namespaces: {}}]}]
`;

/** [what, code, document with a `«` where the diagnostic starts]. */
const TABLE: [string, string, string][] = [
  ['selector syntax error, plain scalar', 'NPC010', calico('  selector: app == «&& x\n')],
  ['selector syntax error, double-quoted with escapes', 'NPC010', calico('  selector: "app == \\"x\\" && «%"\n')],
  ['selector syntax error, single-quoted with a doubled quote', 'NPC010', calico("  selector: 'app == ''x'' && «%'\n")],
  // `||` is an operator; the third `|` is the error.
  ['selector syntax error inside a rule', 'NPC010', calico('  selector: all()\n  ingress:\n    - action: Allow\n      source: {selector: "has(app) ||«| x"}\n')],
  ['invalid CIDR', 'NPC030', calico('  selector: all()\n  egress:\n    - action: Allow\n      destination: {nets: [«10.0.0.0/33]}\n')],
  ['port range out of order', 'NPC020', calico('  selector: all()\n  ingress:\n    - action: Allow\n      protocol: TCP\n      destination: {ports: [«"90:80"]}\n')],
  ['port out of range', 'NPC020', k8s('  podSelector: {}\n  ingress:\n    - ports: [{protocol: TCP, port: «70000}]\n')],
  ['endPort below port', 'NPC020', k8s('  podSelector: {}\n  ingress:\n    - ports: [{protocol: TCP, port: 9000, endPort: «8000}]\n')],
  ['name that is not DNS-1123', 'NPC009', k8s('  podSelector: {}\n', '«Bad_Name')],
  ['duplicate name', 'NPC006', `${k8s('  podSelector: {}\n', 'same')}---\n${k8s('  podSelector: {}\n', '«same')}`],
  ['AdminNetworkPolicy priority clash', 'NPC062', `${anp('first', 5)}---\n«${anp('second', 5)}`],
  ['egress rules without policyTypes also close ingress', 'NPC063', k8s('  podSelector: {}\n  «egress:\n    - to: [{podSelector: {}}]\n')],
  ['a stray `-` splitting one peer into two', 'NPC064', k8s('  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector: {matchLabels: {team: a}}\n        - «podSelector: {matchLabels: {app: b}}\n')],
  ['a tier no Tier defines', 'NPC065', calico('  tier: «security\n  selector: all()\n', 'security.p')],
  ['a selector that matches no endpoint', 'NPC066', `${POD}---\n${calico('  selector: «app == "nobody"\n')}`],
  ['a default-deny egress that leaves no way to DNS', 'NPC067', `${POD}---\n${k8s('  podSelector: {}\n  «policyTypes: [Egress]\n')}`],
  ['a named port no selected pod declares (K8s)', 'NPC068', `${POD}---\n${k8s('  podSelector: {}\n  ingress:\n    - ports: [«{protocol: TCP, port: http}]\n')}`],
  ['a named port no endpoint declares (Calico egress destination)', 'NPC068', `${POD}---\n${calico('  selector: all()\n  egress:\n    - action: Allow\n      protocol: TCP\n      destination: {«ports: [metrics]}\n')}`],
  ['a Calico policy name calicoctl rejects', 'NPC009', calico('  selector: all()\n', '«Bad_Name')],
  ['a Tier name calicoctl rejects', 'NPC009', 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: «Security}\nspec: {order: 100}\n'],
];

/** The pod above, with the container ports the NPC068 rows name. */
const POD_WITH_PORTS = POD.replace('[{name: c}]', '[{name: c, ports: [{name: http, containerPort: 80}, {name: metrics, containerPort: 9090}]}]');

function at(text: string): { text: string; line: number; column: number } {
  const i = text.indexOf('«');
  if (i < 0 || text.indexOf('«', i + 1) >= 0) throw new Error('one « per document');
  const before = text.slice(0, i).split('\n');
  return { text: text.slice(0, i) + text.slice(i + 1), line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('diagnostics table: code, line and column', () => {
  it.each(TABLE)('%s: %s', (_, code, marked) => {
    const want = at(NS + marked);
    const found = analyzeWorkspace([{ path: 'p.yaml', text: want.text }]).result.diagnostics.filter((d) => d.code === code);
    expect(found.map((d) => ({ code: d.code, path: d.path, line: d.line, column: d.column }))).toEqual([{ code, path: 'p.yaml', line: want.line, column: want.column }]);
  });

  it('the marked diagnostics can fail: the same documents fixed report none of them', () => {
    const fixed: [string, string][] = [
      ['NPC010', calico('  selector: app == "x" && has(tier)\n')],
      ['NPC030', calico('  selector: all()\n  egress:\n    - action: Allow\n      destination: {nets: [10.0.0.0/8]}\n')],
      ['NPC020', calico('  selector: all()\n  ingress:\n    - action: Allow\n      protocol: TCP\n      destination: {ports: ["80:90"]}\n')],
      ['NPC063', k8s('  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{podSelector: {}}]\n')],
      ['NPC065', `apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100}\n---\n${calico('  tier: security\n  selector: all()\n', 'security.p')}`],
      ['NPC066', `${POD}---\n${calico('  selector: app == "web"\n')}`],
      ['NPC067', `${POD}---\n${k8s('  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{protocol: UDP, port: 53}]\n')}`],
      ['NPC068', `${POD_WITH_PORTS}---\n${k8s('  podSelector: {}\n  ingress:\n    - ports: [{protocol: TCP, port: http}]\n')}`],
      ['NPC068', `${POD_WITH_PORTS}---\n${calico('  selector: all()\n  egress:\n    - action: Allow\n      protocol: TCP\n      destination: {ports: [metrics]}\n')}`],
      ['NPC009', `${calico('  selector: all()\n', 'good-name.v2')}---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: security}\nspec: {order: 100}\n`],
      ['NPC064', k8s('  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector: {matchLabels: {team: a}}\n          podSelector: {matchLabels: {app: b}}\n')],
    ];
    for (const [code, text] of fixed) {
      const codes = analyzeWorkspace([{ path: 'p.yaml', text: NS + text }]).result.diagnostics.map((d) => d.code);
      expect(codes, code).not.toContain(code);
    }
  });

  it('valid documents produce no error: the walkthrough at every step warns only that its default deny cuts off DNS', () => {
    const dir = new URL('../../../examples/walkthrough/', import.meta.url);
    const cluster = readFileSync(new URL('cluster.yaml', dir), 'utf8');
    for (const step of ['step-1.yaml', 'step-2.yaml', 'step-3.yaml']) {
      const text = readFileSync(new URL(step, dir), 'utf8');
      const loud = analyzeWorkspace([{ path: 'cluster.yaml', text: cluster }, { path: 'policies.yaml', text }]).result.diagnostics
        .filter((d) => d.severity !== 'info');
      // True at every step: nginx (and, before step 2, busybox) may send UDP 53 nowhere.
      expect(loud.map((d) => `${d.code} ${d.line}:${d.column} ${/'[^']+'/.exec(d.message)?.[0]}`), step).toEqual(['NPC067 8:3 \'default-deny\'']);
    }
  });
});
