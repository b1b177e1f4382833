import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, explainConnection, type Session } from './index';
import { CLUSTER_PATH, DEMO_CLUSTER, POLICIES_PATH, WALKTHROUGH } from '../app/demo';

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
    expect(s.result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(s.result.nodes.map((n) => n.id).sort()).toEqual(
      ['ext:internet', 'ns:default', 'ns:kube-system', 'ns:shams', DNS, NGINX, BUSYBOX].sort(),
    );
    // Every ordered pair except internet -> internet.
    expect(s.result.edges).toHaveLength(4 * 3);
    expect(s.result.nodes.find((n) => n.id === NGINX)?.ports).toEqual([{ name: 'http', protocol: 6, port: 80 }]);
  });

  it('step 0: no policy, every edge allowed via the namespace profile', () => {
    const s = step(0);
    expect(s.result.edges.every((e) => e.verdict === 'allow' && e.connections === 'All Connections')).toBe(true);
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
});
