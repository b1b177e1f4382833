import { describe, expect, it } from 'vitest';
import type { PolicyFocus } from '../../engine';
import { focusBannerText } from './focusBanner';

const base: PolicyFocus = {
  kind: 'NetworkPolicy', namespace: 'default', name: 'allow-nginx', tier: 'default', staged: false, displayName: 'default/default.allow-nginx',
  range: { path: 'p.yaml', line: 1, column: 1, endLine: 9, endColumn: 1 }, selected: ['wl:default/Pod/nginx'], selectedPods: [], endpoints: 1, peers: [],
};

describe('focusBannerText', () => {
  it('names the policy and counts endpoints, workloads and rule peers', () => {
    expect(focusBannerText(base)).toEqual({ policy: 'NetworkPolicy default/allow-nginx', selects: 'selector matches 1 endpoint in 1 workload', peers: 'no rule peers' });
    const wide = { ...base, kind: 'GlobalNetworkPolicy' as const, staged: true, selected: ['wl:a/Deployment/web', 'wl:b/Pod/x', 'hep:n1'], endpoints: 5, peers: ['ext:internet', 'wl:b/Pod/x'] };
    const { namespace: _ns, ...global } = wide;
    expect(focusBannerText(global)).toEqual({
      policy: 'GlobalNetworkPolicy allow-nginx (staged)', selects: 'selector matches 5 endpoints in 2 workloads and 1 host endpoint', peers: "its rules' peers match 2 nodes",
    });
  });

  it('names the rule at the cursor and says when nothing is selected', () => {
    const rule = { ...base, selected: [], endpoints: 0, peers: ['wl:shams/Pod/busybox'], rule: { direction: 'ingress' as const, index: 2, action: 'Allow' as const, range: base.range } };
    expect(focusBannerText(rule)).toMatchObject({ selects: 'selector matches no endpoint', peers: 'ingress rule #2 (Allow): peers match 1 node' });
    expect(focusBannerText({ ...base, selected: ['hep:n1'] }).selects).toBe('selector matches 1 endpoint in 1 host endpoint');
  });
});
