import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, countHits, explainConnection, readFlows, type Session } from './index';
import { planEnforce } from './author/stage';
import { CLUSTER_PATH, DEMO_CLUSTER, DEMO_FLOWS, POLICIES_PATH, WALKTHROUGH } from '../app/demo';

const BUSYBOX = 'wl:shams/Pod/busybox';
const NGINX = 'wl:default/Pod/nginx';
const DNS = 'wl:kube-system/Pod/kube-dns';
const NET = 'ext:internet';
const PODS = [BUSYBOX, NGINX, DNS];

function step(i: number): Session {
  return analyzeWorkspace([{ path: CLUSTER_PATH, text: DEMO_CLUSTER }, { path: POLICIES_PATH, text: WALKTHROUGH[i]!.policies }]);
}

function verdict(s: Session, a: string, b: string): string {
  const e = s.result.edges.find((x) => x.source === a && x.target === b);
  if (!e) throw new Error(`no edge ${a}->${b}`);
  return e.verdict;
}

function explain(s: Session, a: string, b: string) {
  const r = explainConnection(s, a, b, { protocol: 6, port: 80 });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('the seed article walkthrough', () => {
  it('has the demo cluster: three pods in three namespaces and the internet', () => {
    const s = step(0);
    // The staged default deny would cut busybox's DNS lookups, as step 1 does: said of the draft.
    expect(s.result.diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.code, d.message.split(' ').slice(0, 2).join(' ')])).toEqual([['NPC067', "StagedGlobalNetworkPolicy 'default-deny'"]]);
    expect(s.result.nodes.map((n) => n.id).sort()).toEqual(
      ['ext:internet', 'ns:default', 'ns:kube-system', 'ns:shams', DNS, NGINX, BUSYBOX].sort(),
    );
    // Every ordered pair except internet -> internet.
    expect(s.result.edges).toHaveLength(4 * 3);
    expect(s.result.nodes.find((n) => n.id === NGINX)?.ports).toEqual([{ name: 'http', protocol: 6, port: 80 }]);
  });

  it('step 0: no policy enforced, every edge allowed via the namespace profile; the staged default deny is pending', () => {
    const s = step(0);
    expect(s.result.edges.every((e) => e.verdict === 'allow' && e.connections === 'All Connections')).toBe(true);
    // Pending: step 1's verdicts exactly.
    const one = step(1);
    for (const e of s.result.edges) expect(e.pendingVerdict ?? e.verdict, e.id).toBe(one.result.edges.find((x) => x.id === e.id)!.verdict);
    const why = explain(s, BUSYBOX, NGINX);
    expect(why.egress.steps).toEqual([{ kind: 'profile', profile: 'kns.shams', ruleIndex: 0, action: 'allow' }]);
    expect(why.ingress.steps).toEqual([{ kind: 'profile', profile: 'kns.default', ruleIndex: 0, action: 'allow' }]);
  });

  it('step 1: default deny closes every pod-to-pod edge, kube-system is exempt', () => {
    const s = step(1);
    for (const a of PODS) for (const b of PODS) if (a !== b) expect(verdict(s, a, b), `${a}->${b}`).toBe('deny');
    expect(verdict(s, BUSYBOX, NET)).toBe('deny');
    expect(verdict(s, NET, NGINX)).toBe('deny');
    // kube-dns is not selected (namespaceSelector excludes kube-system): it still reaches out.
    expect(verdict(s, DNS, NET)).toBe('allow');
    const why = explain(s, BUSYBOX, NGINX);
    expect(why.allowed).toBe(false);
    expect(why.egress.steps).toMatchObject([{ kind: 'end-of-tier', tier: 'default', action: 'deny', policy: { kind: 'GlobalNetworkPolicy', name: 'default-deny' } }]);
  });

  it('step 2: busybox egress allowed; nginx ingress still closed', () => {
    const s = step(2);
    expect(verdict(s, BUSYBOX, NGINX)).toBe('deny');
    expect(verdict(s, BUSYBOX, NET)).toBe('allow');
    expect(verdict(s, BUSYBOX, DNS)).toBe('allow');
    expect(verdict(s, NGINX, BUSYBOX)).toBe('deny');
    const why = explain(s, BUSYBOX, NGINX);
    expect(why.egress).toMatchObject({ allowed: true, steps: [{ kind: 'rule', policy: { name: 'allow-busybox-egress', namespace: 'shams' }, ruleIndex: 0, action: 'allow' }] });
    expect(why.ingress).toMatchObject({ allowed: false, steps: [{ kind: 'end-of-tier', action: 'deny' }] });
  });

  it('step 3: busybox reaches nginx, not the other way round', () => {
    const s = step(3);
    expect(verdict(s, BUSYBOX, NGINX)).toBe('allow');
    expect(verdict(s, NGINX, BUSYBOX)).toBe('deny');
    expect(verdict(s, DNS, NGINX)).toBe('deny');
    expect(verdict(s, NET, NGINX)).toBe('deny');
    const why = explain(s, BUSYBOX, NGINX);
    expect(why.ingress.steps).toMatchObject([{ kind: 'rule', policy: { name: 'allow-nginx-ingress-from-busybox' }, ruleIndex: 0, action: 'allow' }]);
    expect(why.text.join('\n')).toContain('default/default.allow-nginx-ingress-from-busybox');
  });

  it('step 4: the draft changes nothing enforced; pending, busybox reaches nginx on 443 only', () => {
    const s = step(4);
    const three = step(3);
    for (const e of s.result.edges) expect([e.id, e.verdict, e.connections]).toEqual([e.id, three.result.edges.find((x) => x.id === e.id)!.verdict, three.result.edges.find((x) => x.id === e.id)!.connections]);
    const edge = s.result.edges.find((e) => e.source === BUSYBOX && e.target === NGINX)!;
    expect([edge.verdict, edge.pendingVerdict, edge.pendingConnections]).toEqual(['allow', 'partial', 'TCP 443']);
  });

  it('step 5 is what Enforce makes of step 4: the same documents, the draft a NetworkPolicy', () => {
    const files = [{ path: CLUSTER_PATH, text: DEMO_CLUSTER }, { path: POLICIES_PATH, text: WALKTHROUGH[4]!.policies }];
    const changes = planEnforce(files, { kind: 'StagedNetworkPolicy', namespace: 'default', name: 'nginx-https-only' });
    if ('error' in changes) throw new Error(changes.error);
    const strip = (t: string) => t.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    expect(strip(changes.find((c) => c.path === POLICIES_PATH)!.after)).toBe(strip(WALKTHROUGH[5]!.policies));
    const s = step(5);
    const edge = s.result.edges.find((e) => e.source === BUSYBOX && e.target === NGINX)!;
    expect([edge.verdict, edge.connections, edge.pendingVerdict]).toEqual(['partial', 'TCP 443', undefined]);
  });

  it("the demo's flow log: read whole; at step 0 the draft breaks every flow but kube-dns's; at step 4 busybox's HTTP", () => {
    const read = readFlows(DEMO_FLOWS);
    expect([read.format, read.records.length, read.errors]).toEqual(['calico', 20, []]);
    const zero = countHits(step(0), read.records);
    expect(zero.counted).toBe(12);
    expect(zero.unmatched.tally.flows).toBe(0);
    expect(zero.newlyDenied.map((f) => [f.src, f.dst, f.port, f.tally.flows])).toEqual([
      [BUSYBOX, DNS, 53, 40], ['203.0.113.9', NGINX, 80, 30], [BUSYBOX, NGINX, 80, 24], [BUSYBOX, '151.101.1.69', 443, 12], [NGINX, DNS, 53, 8], [BUSYBOX, NGINX, 443, 6],
    ]);
    expect(zero.disagreements).toEqual([]);
    // The draft decides busybox -> nginx at both ends: each side's end of tier counts it, the policy once.
    const draft = zero.policies.find((p) => p.name === 'default-deny')!;
    expect([draft.kind, draft.enforced.deny.flows, draft.pending.deny.flows]).toEqual(['StagedGlobalNetworkPolicy', 0, 120]);
    expect(draft.rules.map((r) => [r.direction, r.rule, r.pending.deny.flows])).toEqual([['egress', -1, 90], ['ingress', -1, 60]]);
    const four = countHits(step(4), read.records);
    expect(four.newlyDenied.map((f) => [f.src, f.dst, f.port, f.tally.flows])).toEqual([[BUSYBOX, NGINX, 80, 24]]);
  });
});
