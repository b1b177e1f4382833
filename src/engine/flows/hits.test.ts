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
});
