import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, explainConnection } from '../engine';
import { readFileSync } from 'node:fs';
import { explanationSides } from './explanation';

describe('explanationSides', () => {
  it('gives each step the text trace\'s own line and the policy\'s trace name', () => {
    const read = (f: string) => readFileSync(new URL(`../../examples/walkthrough/${f}`, import.meta.url), 'utf8');
    const s = analyzeWorkspace([{ path: 'cluster.yaml', text: read('cluster.yaml') }, { path: 'policies.yaml', text: read('step-2.yaml') }]);
    const x = explainConnection(s, 'wl:shams/Pod/busybox', 'wl:default/Pod/nginx', { protocol: 6, port: 80 });
    if ('error' in x) throw new Error(x.error);
    const [egress, ingress] = explanationSides(x);
    expect(egress).toMatchObject({ direction: 'egress', enforced: true, allowed: true });
    expect(egress.steps.map((v) => [v.step.kind, v.policyName])).toEqual([['rule', 'shams/default.allow-busybox-egress']]);
    expect(ingress).toMatchObject({ direction: 'ingress', allowed: false });
    expect(ingress.steps.map((v) => [v.step.kind, v.policyName])).toEqual([['end-of-tier', 'default.default-deny']]);
    // The step lines are the text trace's lines (after each side's head line).
    expect([...egress.steps, ...ingress.steps].map((v) => `  ${v.text}`)).toEqual(x.text.filter((l) => l.startsWith('  ')));
    const profile = explainConnection(s, 'wl:kube-system/Pod/kube-dns', 'ext:internet', { protocol: 17, port: 53 });
    if ('error' in profile) throw new Error(profile.error);
    const [out, into] = explanationSides(profile);
    expect(out.steps.map((v) => [v.step.kind, v.policyName])).toEqual([['profile', undefined]]);
    expect(into).toMatchObject({ enforced: false, steps: [] });
  });
});
