import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, explainConnection, policyFocus, type PolicyFocus, type Session } from '../index';
import { CLUSTER_PATH, DEMO_CLUSTER, POLICIES_PATH, WALKTHROUGH } from '../../app/demo';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const DNS = 'wl:kube-system/Pod/kube-dns';
const NET = 'ext:internet';

/** 1-based line of the first line of `text` that contains `needle` (after line `after`). */
function lineOf(text: string, needle: string, after = 0): number {
  const i = text.split('\n').findIndex((l, n) => n + 1 > after && l.includes(needle));
  if (i < 0) throw new Error(`no '${needle}'`);
  return i + 1;
}

function focus(s: Session, path: string, line: number): PolicyFocus {
  const f = policyFocus(s, path, line);
  if (!f) throw new Error(`no policy at ${path}:${line}`);
  return f;
}

const CLUSTER = `apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {team: x}}
---
apiVersion: v1
kind: Namespace
metadata: {name: b, labels: {team: y}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: a}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: a, labels: {app: db}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: cli, namespace: b, labels: {app: cli}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: b, labels: {app: web}}
spec: {hostNetwork: true, containers: [{name: c, image: i}]}
`;

const K8S = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-in
  namespace: a
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: {team: y}
      ports:
        - port: 80
    - from:
        - podSelector:
            matchLabels: {app: db}
  egress:
    - to:
        - ipBlock: {cidr: 0.0.0.0/0}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata:
  name: team-y
spec:
  namespaceSelector: team == "y"
  egress:
    - action: Allow
      destination:
        namespaceSelector: team == "x"
        selector: app == "db"
    - action: Deny
`;

describe('policyFocus', () => {
  const s = analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'p.yaml', text: K8S }]);

  it('answers the policy at a header line: what it selects, every rule\'s peers', () => {
    const f = focus(s, 'p.yaml', lineOf(K8S, 'name: web-in'));
    expect(f).toMatchObject({ kind: 'KubernetesNetworkPolicy', namespace: 'a', name: 'web-in', displayName: 'a/knp.default.web-in', staged: false });
    // The Deployment's template stands for its replicas: one endpoint.
    expect(f.selected).toEqual(['wl:a/Deployment/web']);
    expect(f.endpoints).toBe(1);
    expect(f.selectedPods).toEqual([]);
    expect(f).not.toHaveProperty('rule');
    // Every rule: namespace b's pods (cli; agent is host-networked, no selector sees it), db, and 0.0.0.0/0 (the internet).
    expect(f.peers.sort()).toEqual(['ext:internet', 'wl:a/Pod/db', 'wl:b/Pod/cli'].sort());
  });

  it('answers the rule at a line inside it, with its peers only (namespaceSelector scoping, SPEC §3.3)', () => {
    const first = focus(s, 'p.yaml', lineOf(K8S, 'matchLabels: {team: y}'));
    expect(first.rule).toMatchObject({ direction: 'ingress', index: 0, action: 'Allow' });
    expect(first.peers).toEqual(['wl:b/Pod/cli']);
    const ports = focus(s, 'p.yaml', lineOf(K8S, '- port: 80'));
    expect(ports.rule).toMatchObject({ direction: 'ingress', index: 0 });
    const second = focus(s, 'p.yaml', lineOf(K8S, 'matchLabels: {app: db}'));
    expect(second.rule).toMatchObject({ direction: 'ingress', index: 1 });
    // A bare podSelector is scoped to the policy's namespace.
    expect(second.peers).toEqual(['wl:a/Pod/db']);
    const egress = focus(s, 'p.yaml', lineOf(K8S, 'ipBlock'));
    expect(egress.rule).toMatchObject({ direction: 'egress', index: 0 });
    expect(egress.peers).toEqual([NET]);
    // The rule's range starts at the rule itself (what the editor jumps to).
    expect(first.rule!.range.line).toBe(lineOf(K8S, '- from:'));
    expect(second.rule!.range.line).toBe(lineOf(K8S, '- from:', lineOf(K8S, '- port: 80')));
  });

  it('answers a Calico GlobalNetworkPolicy with namespaceSelector: selected and rule peers', () => {
    const head = focus(s, 'p.yaml', lineOf(K8S, 'name: team-y'));
    expect(head).toMatchObject({ kind: 'GlobalNetworkPolicy', displayName: 'default.team-y' });
    // Namespace b: cli; the host-networked agent has no workload endpoint (SPEC §4.8).
    expect(head.selected).toEqual(['wl:b/Pod/cli']);
    expect(head.selectedPods).toEqual(['pod:b/cli']);
    expect(head.endpoints).toBe(1);
    const allow = focus(s, 'p.yaml', lineOf(K8S, 'selector: app == "db"'));
    expect(allow.rule).toMatchObject({ direction: 'egress', index: 0, action: 'Allow' });
    expect(allow.peers).toEqual(['wl:a/Pod/db']);
    const deny = focus(s, 'p.yaml', lineOf(K8S, '- action: Deny'));
    expect(deny.rule).toMatchObject({ direction: 'egress', index: 1, action: 'Deny' });
    // No destination: every node is a peer.
    expect(deny.peers.sort()).toEqual(s.workspace.nodes.map((n) => n.id).sort());
  });

  it('answers null outside any policy: another file, the separator, the cluster', () => {
    expect(policyFocus(s, 'p.yaml', lineOf(K8S, '---'))).toBeNull();
    expect(policyFocus(s, 'cluster.yaml', 3)).toBeNull();
    expect(policyFocus(s, 'nope.yaml', 1)).toBeNull();
    // The last line of the first document is still in it.
    expect(focus(s, 'p.yaml', lineOf(K8S, '---') - 1).name).toBe('web-in');
  });

  it('answers the walkthrough policies (staged kinds too) and agrees with the trace\'s rule ranges', () => {
    const text = WALKTHROUGH[3]!.policies;
    const w = analyzeWorkspace([{ path: CLUSTER_PATH, text: DEMO_CLUSTER }, { path: POLICIES_PATH, text }]);
    const deny = focus(w, POLICIES_PATH, lineOf(text, 'default-deny'));
    expect(deny.selected.sort()).toEqual([BUSYBOX, NGINX].sort());
    expect(deny.peers).toEqual([]); // no rules
    const rule = focus(w, POLICIES_PATH, lineOf(text, 'selector: run == "busybox"', lineOf(text, 'source:')));
    expect(rule.rule).toMatchObject({ direction: 'ingress', index: 0 });
    expect(rule.selected).toEqual([NGINX]);
    expect(rule.peers).toEqual([BUSYBOX]);
    // The trace's deciding rule step points at the same rule range.
    const why = explainConnection(w, BUSYBOX, NGINX, { protocol: 6, port: 80 });
    if ('error' in why) throw new Error(why.error);
    const step = why.ingress.steps.find((x) => x.kind === 'rule');
    expect(step?.kind === 'rule' && step.range).toEqual(rule.rule!.range);
    expect(step?.kind === 'rule' && step.policyRange).toEqual(rule.range);
    expect(focus(w, POLICIES_PATH, lineOf(text, 'action: Allow')).peers.sort()).toEqual([BUSYBOX, DNS, NGINX, NET].sort());

    const staged = text.replace('kind: NetworkPolicy\nmetadata:\n  name: allow-busybox-egress', 'kind: StagedNetworkPolicy\nmetadata:\n  name: allow-busybox-egress');
    const ws = analyzeWorkspace([{ path: CLUSTER_PATH, text: DEMO_CLUSTER }, { path: POLICIES_PATH, text: staged }]);
    expect(focus(ws, POLICIES_PATH, lineOf(staged, 'allow-busybox-egress'))).toMatchObject({ kind: 'StagedNetworkPolicy', staged: true, selected: [BUSYBOX] });
  });

  it('answers AdminNetworkPolicy and BaselineAdminNetworkPolicy rules', () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: guard}
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels: {team: x}
  ingress:
    - action: Deny
      from:
        - namespaces:
            matchLabels: {team: y}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject:
    namespaces: {}
  egress:
    - action: Allow
      to:
        - pods:
            namespaceSelector: {matchLabels: {team: x}}
            podSelector: {matchLabels: {app: db}}
`;
    const a = analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'anp.yaml', text: anp }]);
    const guard = focus(a, 'anp.yaml', lineOf(anp, 'matchLabels: {team: y}'));
    expect(guard).toMatchObject({ kind: 'AdminNetworkPolicy', rule: { direction: 'ingress', index: 0, action: 'Deny' } });
    expect(guard.selected.sort()).toEqual(['wl:a/Deployment/web', 'wl:a/Pod/db']);
    expect(guard.peers).toEqual(['wl:b/Pod/cli']);
    const base = focus(a, 'anp.yaml', lineOf(anp, 'podSelector: {matchLabels: {app: db}}'));
    expect(base).toMatchObject({ kind: 'BaselineAdminNetworkPolicy', rule: { direction: 'egress', index: 0, action: 'Allow' } });
    expect(base.selected.sort()).toEqual(['wl:a/Deployment/web', 'wl:a/Pod/db', 'wl:b/Pod/cli']);
    expect(base.peers).toEqual(['wl:a/Pod/db']);
  });
});
