import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../index';

// SPEC §6.34, §4.2: the cluster's own nodes are sources with a rule of their own (traffic from a
// pod's own node is let in), so their addresses are a graph node apart from the internet.
const cluster = (placed: boolean) => `
apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: a, labels: {app: web}}
spec: {${placed ? 'nodeName: node-1, ' : ''}containers: [{name: c}]}
status: {podIP: 10.0.1.5${placed ? ', hostIP: 10.240.0.4' : ''}}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: a, labels: {app: db}}
spec: {${placed ? 'nodeName: node-2, ' : ''}containers: [{name: c}]}
status: {podIP: 10.0.2.5${placed ? ', hostIP: 10.240.0.5' : ''}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: a}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

function edges(placed: boolean): Map<string, string> {
  const s = analyzeWorkspace([{ path: 'c.yaml', text: cluster(placed) }]);
  return new Map(s.result.edges.map((e) => [e.id, e.verdict]));
}

describe('cluster nodes as an external node of their own', () => {
  it('takes the node addresses out of the internet: the internet is denied, the nodes are let in to their own pods only', () => {
    const e = edges(true);
    expect(e.get('ext:internet->wl:a/Pod/web')).toBe('deny');
    expect(e.get('ext:internet->wl:a/Pod/db')).toBe('deny');
    // Two nodes, each allowed into its own pod only: some members allowed, some not.
    expect(e.get('ext:nodes->wl:a/Pod/web')).toBe('partial');
    expect(e.get('wl:a/Pod/web->ext:nodes')).toBe('allow');
  });

  it('is absent when no pod placement is known', () => {
    const s = analyzeWorkspace([{ path: 'c.yaml', text: cluster(false) }]);
    expect(s.result.nodes.map((n) => n.id)).not.toContain('ext:nodes');
    expect(edges(false).get('ext:internet->wl:a/Pod/web')).toBe('deny');
  });
});
