import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../analysis';
import { planEnforce, planStage } from './stage';

const read = (f: string) => readFileSync(new URL(`../../../examples/walkthrough/${f}`, import.meta.url), 'utf8');
const CLUSTER = read('cluster.yaml');
const STEP3 = read('step-3.yaml');
const EDGE = 'wl:shams/Pod/busybox->wl:default/Pod/nginx';
const files = (p: string) => [{ path: 'cluster.yaml', text: CLUSTER }, { path: 'policies.yaml', text: p }];
const edge = (p: string) => analyzeWorkspace(files(p)).result.edges.find((e) => e.id === EDGE)!;
const only = <T,>(r: T[] | { error: string }): T => {
  if (!Array.isArray(r)) throw new Error(r.error);
  expect(r).toHaveLength(1);
  return r[0]!;
};
const NGINX = { kind: 'NetworkPolicy' as const, namespace: 'default', name: 'allow-nginx-ingress-from-busybox' };

describe('stage and enforce', () => {
  it('staging the nginx policy: the enforced edge closes, the pending one stays open; enforcing brings it back', () => {
    expect(edge(STEP3)).toMatchObject({ connections: 'All Connections' });
    const staged = only(planStage(files(STEP3), NGINX));
    expect(staged.after).toBe(STEP3.replace('kind: NetworkPolicy\nmetadata:\n  name: allow-nginx-ingress-from-busybox', 'kind: StagedNetworkPolicy\nmetadata:\n  name: allow-nginx-ingress-from-busybox')
      .replace(/(selector: run == "busybox"\n)$/, '$1  stagedAction: Set\n'));
    expect(edge(staged.after)).toMatchObject({ connections: 'No Connections', pendingConnections: 'All Connections' });
    const enforced = only(planEnforce(files(staged.after), { ...NGINX, kind: 'StagedNetworkPolicy' }));
    expect(enforced.after).toBe(STEP3);
    expect(enforced.summary).toEqual(['StagedNetworkPolicy default/allow-nginx-ingress-from-busybox enforced as NetworkPolicy default/allow-nginx-ingress-from-busybox']);
  });

  it('a staged Set next to the enforced policy of its name replaces it; a staged Delete removes both', () => {
    const draft = `${STEP3}---\napiVersion: projectcalico.org/v3\nkind: StagedNetworkPolicy\nmetadata:\n  name: allow-nginx-ingress-from-busybox\n  namespace: default\nspec:\n  selector: run == "nginx"\n  types: [Ingress]\n  stagedAction: Set\n`;
    const set = only(planEnforce(files(draft), { ...NGINX, kind: 'StagedNetworkPolicy' }));
    const kinds = (t: string) => analyzeWorkspace(files(t)).result.board.flatMap((b) => b.policies).map((p) => `${p.kind} ${p.name}`);
    // The draft has no order: the promoted policy sorts last in its tier.
    expect(kinds(set.after)).toEqual(['NetworkPolicy allow-busybox-egress', 'GlobalNetworkPolicy default-deny', 'NetworkPolicy allow-nginx-ingress-from-busybox']);
    expect(edge(set.after).connections).toBe('No Connections'); // the draft had no ingress rule
    expect(set.summary).toHaveLength(2);

    const del = only(planEnforce(files(draft.replace('stagedAction: Set', 'stagedAction: Delete')), { ...NGINX, kind: 'StagedNetworkPolicy' }));
    expect(kinds(del.after)).toEqual(['NetworkPolicy allow-busybox-egress', 'GlobalNetworkPolicy default-deny']);
    expect(del.after).toBe(STEP3.slice(0, STEP3.indexOf('---\n# Step 3')));
  });

  it('says why it cannot', () => {
    expect(planStage(files(STEP3), { ...NGINX, name: 'nope' })).toEqual({ error: 'no NetworkPolicy default/nope in the workspace' });
    expect(planEnforce(files(STEP3), NGINX)).toEqual({ error: 'allow-nginx-ingress-from-busybox is not staged' });
  });
});
