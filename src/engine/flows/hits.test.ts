import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../analysis';
import { countHits, type ActionTallies, type HitReport } from './hits';
import { readCsvFlows, readFlows } from './readers';

const read = (f: string) => readFileSync(new URL(`../../../examples/walkthrough/${f}`, import.meta.url), 'utf8');
const CLUSTER = read('cluster.yaml');
const STEP3 = read('step-3.yaml');
const STAGED = readFileSync(new URL('../../../fixtures/flows/nginx-lockdown.yaml', import.meta.url), 'utf8');
const FLOWS = `src_ns,src_name,dst_ns,dst_name,proto,port,action,count
shams,busybox,default,nginx,TCP,80,allow,12
shams,busybox,default,nginx,TCP,443,allow,2
shams,busybox,-,8.8.8.8,UDP,53,allow,3
default,nginx,shams,busybox,TCP,8080,allow,1
nowhere,ghost,default,nginx,TCP,80,allow,5
`;

const session = (policies: string) => analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'policies.yaml', text: policies }]);
const flows = (t: ActionTallies) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.flows > 0).map(([k, v]) => [k, v.flows]));
const policy = (r: HitReport, name: string) => r.policies.find((p) => p.name === name)!;

describe('countHits: flows replayed through the engine, enforced and pending', () => {
  const report = countHits(session(STEP3 + STAGED), readCsvFlows(FLOWS).records);

  it('per policy and per rule, what each allowed and denied', () => {
    expect(report.records).toBe(5);
    expect(report.counted).toBe(5);
    const nginx = policy(report, 'allow-nginx-ingress-from-busybox');
    expect(flows(nginx.enforced)).toEqual({ allow: 14 });
    expect(nginx.rules.map((r) => [r.direction, r.rule, flows(r.enforced)])).toEqual([['ingress', 0, { allow: 14 }]]);
    const busybox = policy(report, 'allow-busybox-egress');
    expect(flows(busybox.enforced)).toEqual({ allow: 17 }); // 12 + 2 to nginx, 3 to 8.8.8.8
    // nginx -> busybox: nginx's egress and busybox's ingress end in the default deny's tier.
    const deny = policy(report, 'default-deny');
    expect(deny.rules.map((r) => [r.direction, r.rule, flows(r.enforced)])).toEqual([['egress', -1, { deny: 1 }], ['ingress', -1, { deny: 1 }]]);
  });

  it('the draft: its rules count in the pending scope only; what it would newly deny', () => {
    const draft = policy(report, 'nginx-lockdown');
    expect(flows(draft.enforced)).toEqual({});
    expect(draft.rules.map((r) => [r.rule, flows(r.pending)])).toEqual([[0, { allow: 2 }], [1, { deny: 12 }]]);
    expect(report.newlyDenied.map((f) => [f.src, f.dst, f.port, f.tally.flows, f.lines])).toEqual([['wl:shams/Pod/busybox', 'wl:default/Pod/nginx', 80, 12, [2]]]);
    expect(report.newlyAllowed).toEqual([]);
  });

  it('records with an end the workspace lacks are kept and counted, not dropped', () => {
    expect(report.unmatched.tally.flows).toBe(5);
    expect(report.unmatched.examples).toEqual([{ line: 6, end: 'src', what: 'nowhere/ghost' }]);
  });

  it('the log says nginx -> busybox was allowed; the workspace denies it: listed', () => {
    expect(report.disagreements).toEqual([{ line: 5, recorded: 'allow', ours: 'deny', src: 'wl:default/Pod/nginx', dst: 'wl:shams/Pod/busybox' }]);
  });

  it('a connection logged at both ends counts once; aggregated names and labels find their workload', () => {
    const calico = [
      { reporter: 'src', proto: 'tcp', dest_port: 80, num_flows: 4, source_type: 'wep', source_namespace: 'shams', source_name_aggr: 'busybox', dest_type: 'wep', dest_namespace: 'default', dest_name_aggr: 'ngi*', action: 'allow' },
      { reporter: 'dst', proto: 'tcp', dest_port: 80, num_flows: 4, source_type: 'wep', source_namespace: 'shams', source_name_aggr: 'busybox', dest_type: 'wep', dest_namespace: 'default', dest_labels: { labels: ['run=nginx'] }, action: 'allow' },
    ].map((o) => JSON.stringify(o)).join('\n');
    const r = countHits(session(STEP3), readFlows(calico).records);
    expect(r.counted).toBe(1);
    expect(flows(policy(r, 'allow-nginx-ingress-from-busybox').enforced)).toEqual({ allow: 4 });
  });

  it('edge badges: flows per pair of graph ends, what the draft would break; addresses land on their node', () => {
    const edge = (src: string, dst: string) => report.edges.find((e) => e.src.node === src && e.dst.node === dst);
    const toNginx = edge('wl:shams/Pod/busybox', 'wl:default/Pod/nginx')!;
    expect([toNginx.total.flows, toNginx.enforcedDenied.flows, toNginx.pendingDenied.flows, toNginx.newlyDenied.flows, toNginx.newlyAllowed.flows]).toEqual([14, 0, 12, 12, 0]);
    // 8.8.8.8 is outside every pod and CIDR node: the internet's edge.
    expect(edge('wl:shams/Pod/busybox', 'ext:internet')?.total.flows).toBe(3);
    const back = edge('wl:default/Pod/nginx', 'wl:shams/Pod/busybox')!;
    expect([back.total.flows, back.enforcedDenied.flows, back.newlyDenied.flows]).toEqual([1, 1, 0]);
    // The ghost is not in the workspace: an unknown node of its own, its flows drawn, nothing decided.
    expect(report.unknownEnds).toEqual([{ id: 'unknown:nowhere/ghost', label: 'nowhere/ghost', flows: 5 }]);
    const ghost = edge('unknown:nowhere/ghost', 'wl:default/Pod/nginx')!;
    expect([ghost.total.flows, ghost.enforcedDenied.flows, ghost.pendingDenied.flows, ghost.newlyDenied.flows]).toEqual([5, 0, 0, 0]);
    expect(report.edges).toHaveLength(4);
  });

  it('edge badges: an address inside a policy CIDR lands on that CIDR node, a pod IP on its pod', () => {
    const cidr = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: to-dns, namespace: shams}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 8.8.0.0/16}}]
`;
    const pods = `apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: web, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-5d8f, apiVersion: apps/v1, uid: u1, controller: true}]}
status: {podIP: 10.0.0.7}
`;
    const s = analyzeWorkspace([{ path: 'cluster.yaml', text: CLUSTER }, { path: 'p.yaml', text: cidr }, { path: 'pods.yaml', text: pods }]);
    const r = countHits(s, readCsvFlows('src_ns,src_name,dst_ns,dst_name,proto,port,action,count\nshams,busybox,-,8.8.4.4,UDP,53,allow,2\nshams,busybox,-,10.0.0.7,TCP,80,deny,1\n').records);
    expect(r.edges.map((e) => [e.dst.node, e.dst.pod, e.total.flows])).toEqual([['cidr:8.8.0.0/16', undefined, 2], ['wl:web/ReplicaSet/web-5d8f', 'pod:web/web-1', 1]]);
  });

  it('lenses: every policy and rule where it is written, with its counts; unused ones zero', () => {
    const lens = (name: string, rule?: number) => report.lenses.find((l) => l.policy.name === name && l.rule === rule)!;
    const nginx = lens('allow-nginx-ingress-from-busybox');
    expect([nginx.path, STEP3.split('\n')[nginx.line - 1], flows(nginx.enforced)]).toEqual(['policies.yaml', 'apiVersion: projectcalico.org/v3', { allow: 14 }]);
    const rule0 = lens('allow-nginx-ingress-from-busybox', 0);
    expect([rule0.direction, STEP3.split('\n')[rule0.line - 1]?.trim(), flows(rule0.enforced)]).toEqual(['ingress', '- action: Allow', { allow: 14 }]);
    // The draft's rules: pending counts only; its Allow of 443 saw nothing of these flows.
    expect([flows(lens('nginx-lockdown', 0).pending), flows(lens('nginx-lockdown', 1).pending), flows(lens('nginx-lockdown', 1).enforced)]).toEqual([{ allow: 2 }, { deny: 12 }, {}]);
    // Every policy has its lens, hit or not: 4 policies, 1 + 1 + 2 rules.
    expect(report.lenses.filter((l) => l.rule === undefined)).toHaveLength(4);
    expect(report.lenses).toHaveLength(8);
  });

  it('past 50 unknown ends, the others share one node (their flows summed)', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `ghosts,g${String(i).padStart(2, '0')},default,nginx,TCP,80,allow,2`);
    const r = countHits(session(STEP3), readCsvFlows(`src_ns,src_name,dst_ns,dst_name,proto,port,action,count\n${rows.join('\n')}\n`).records);
    expect(r.unknownEnds).toHaveLength(51);
    expect(r.unknownEnds.find((u) => u.id === 'unknown:other')).toEqual({ id: 'unknown:other', label: 'other ends not in the workspace', flows: 20 });
    expect(r.unmatched.tally.flows).toBe(120);
  });
});
