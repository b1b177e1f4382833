import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../analysis';
import { orderBetween, planCreateTier, planDeleteTier, planMove, planRenameTier } from './reorder';

const CLUSTER = readFileSync(new URL('../../../examples/walkthrough/cluster.yaml', import.meta.url), 'utf8');
const POLICIES = `# two policies on nginx whose order decides
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: allow-busybox
  namespace: default
spec:
  order: 100
  selector: run == 'nginx'
  ingress:
    - action: Allow
      source: {namespaceSelector: all(), selector: run == 'busybox'}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata:
  name: deny-busybox
  namespace: default
spec:
  order: 200 # after the allow
  selector: run == 'nginx'
  ingress:
    - action: Deny
      source: {namespaceSelector: all(), selector: run == 'busybox'}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: k8s, namespace: default}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security}
spec: {order: 100}
`;
const files = (p: string) => [{ path: 'cluster.yaml', text: CLUSTER }, { path: 'policies.yaml', text: p }];
const EDGE = 'wl:shams/Pod/busybox->wl:default/Pod/nginx';
const run = (p: string) => analyzeWorkspace(files(p)).result;
const ok = <T,>(r: T | { error: string }): T => {
  if (typeof r === 'object' && r !== null && 'error' in r) throw new Error((r as { error: string }).error);
  return r as T;
};

describe('planMove: the board reorders by rewriting one order', () => {
  it('moving the deny before the allow flips the verdict that depends on their order, and only that', () => {
    const before = run(POLICIES);
    expect(before.edges.find((e) => e.id === EDGE)!.connections).toBe('All Connections');
    expect(before.board.find((t) => t.name === 'default')!.policies.map((p) => `${p.name}@${String(p.order)}`)).toEqual(['allow-busybox@100', 'deny-busybox@200', 'k8s@1000']);
    const [change] = ok(planMove(files(POLICIES), before.board, { kind: 'NetworkPolicy', namespace: 'default', name: 'deny-busybox' }, 'default', 0));
    expect(change!.after).toBe(POLICIES.replace('order: 200 # after the allow', 'order: 50 # after the allow'));
    expect(change!.summary).toEqual(['NetworkPolicy default/deny-busybox: order 200 -> 50']);
    const after = run(change!.after);
    expect(after.edges.find((e) => e.id === EDGE)!.connections).toBe('No Connections');
    expect(after.board.find((t) => t.name === 'default')!.policies.map((p) => p.name)).toEqual(['deny-busybox', 'allow-busybox', 'k8s']);
    const changed = after.edges.filter((e) => before.edges.find((b) => b.id === e.id)!.connections !== e.connections).map((e) => e.id);
    expect(changed).toEqual([EDGE]);
  });

  it('into another tier: tier and order rewritten; a Kubernetes policy stays where Calico puts it', () => {
    const board = run(POLICIES).board;
    const [change] = ok(planMove(files(POLICIES), board, { kind: 'NetworkPolicy', namespace: 'default', name: 'deny-busybox' }, 'security', 0));
    expect(change!.after).toContain('  order: 200 # after the allow\n  selector: run == \'nginx\'\n  ingress:\n    - action: Deny\n      source: {namespaceSelector: all(), selector: run == \'busybox\'}\n  tier: security\n');
    expect(run(change!.after).board.find((t) => t.name === 'security')!.policies.map((p) => p.name)).toEqual(['deny-busybox']);
    expect(planMove(files(POLICIES), board, { kind: 'KubernetesNetworkPolicy', namespace: 'default', name: 'k8s' }, 'default', 0)).toHaveProperty('error');
  });

  it('orders between neighbours', () => {
    expect(orderBetween(100, 200)).toBe(150);
    expect(orderBetween(100, 101)).toBe(100.5);
    expect(orderBetween(undefined, 100)).toBe(50);
    expect(orderBetween(undefined, 0)).toBe(-1);
    expect(orderBetween(100, undefined)).toBe(200);
    expect(orderBetween(100, null)).toBe(200);
    expect(orderBetween(null, undefined)).toBeNull();
    expect(orderBetween(null, null)).toBeNull();
    expect(orderBetween(undefined, null)).toBe(100);
    expect(orderBetween(100, 100)).toBeNull();
  });
});

describe('tiers', () => {
  it('created, renamed with the policies that name it, deleted when empty', () => {
    const board = run(POLICIES).board;
    const [created] = ok(planCreateTier(files(POLICIES), board, 'platform', 50, 'policies.yaml'));
    expect(created!.after).toBe(`${POLICIES}---\napiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: platform\nspec:\n  order: 50\n`);
    expect(run(created!.after).board.map((t) => t.name)).toEqual(['platform', 'security', 'default']);
    expect(planCreateTier(files(POLICIES), board, 'Bad_Name', null, 'policies.yaml')).toHaveProperty('error');

    const [moved] = ok(planMove(files(POLICIES), board, { kind: 'NetworkPolicy', namespace: 'default', name: 'deny-busybox' }, 'security', 0));
    const board2 = run(moved!.after).board;
    expect(planDeleteTier(files(moved!.after), board2, 'security')).toEqual({ error: 'tier security still has 1 policy: move or delete them first' });
    const [renamed] = ok(planRenameTier(files(moved!.after), board2, 'security', 'guard'));
    expect(renamed!.summary).toEqual(['Tier security -> guard', 'NetworkPolicy deny-busybox: tier guard']);
    const board3 = run(renamed!.after);
    expect(board3.board.find((t) => t.name === 'guard')!.policies.map((p) => p.name)).toEqual(['deny-busybox']);
    expect(board3.diagnostics.filter((d) => d.code === 'NPC065')).toEqual([]);
    // A rename changes names only: every edge as before.
    const edges = (r: typeof board3) => r.edges.map((e) => `${e.id} ${e.connections}`);
    expect(edges(board3)).toEqual(edges(run(moved!.after)));

    const [deleted] = ok(planDeleteTier(files(POLICIES), board, 'security'));
    expect(deleted!.after).toBe(POLICIES.slice(0, POLICIES.lastIndexOf('---\napiVersion: projectcalico.org/v3\nkind: Tier')));
  });
});
