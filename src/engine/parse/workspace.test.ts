import { describe, expect, it } from 'vitest';
import { buildWorkspace } from './workspace';

const read = (text: string) => buildWorkspace([{ path: 'w.yaml', text }]);

describe('buildWorkspace: workloads', () => {
  it('counts Job parallelism and CronJob job parallelism as pods', () => {
    const ws = read([
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi, namespace: a}\nspec: {parallelism: 3, template: {metadata: {labels: {app: pi}}, spec: {containers: [{name: c}]}}}',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: a}\nspec: {schedule: "@daily", jobTemplate: {spec: {parallelism: 2, template: {spec: {containers: [{name: c}]}}}}}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec: {template: {spec: {containers: [{name: c}]}}}',
    ].join('\n---\n'));
    const replicas = Object.fromEntries(ws.nodes.flatMap((n) => (n.type === 'workload' ? [[n.id, n.replicas]] : [])));
    expect(replicas).toEqual({ 'wl:a/Job/pi': 3, 'wl:a/CronJob/nightly': 2, 'wl:a/Deployment/web': 1 });
  });

  it('keeps a Pod with a wrong apiVersion (with a warning) instead of dropping it silently', () => {
    const ws = read('apiVersion: apps/v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c}]}');
    expect(ws.nodes.map((n) => n.id)).toContain('wl:a/Pod/p');
    expect(ws.diagnostics).toMatchObject([{ code: 'NPC005', severity: 'warning', line: 1 }]);
  });

  it('a malformed container ports field costs the named ports, not the pod', () => {
    const ws = read('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, ports: {}}]}');
    expect(ws.nodes.map((n) => n.id)).toContain('wl:a/Pod/p');
    expect(ws.diagnostics.map((d) => [d.code, d.severity])).toEqual([['NPC005', 'warning']]);
  });

  it('groups pods by their controller owner', () => {
    const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: a, ownerReferences: [{kind: ReplicaSet, name: web-5d9, controller: true}]}\nspec: {containers: [{name: c}]}`;
    const ws = read([pod('web-5d9-x'), pod('web-5d9-y')].join('\n---\n'));
    const node = ws.nodes.find((n) => n.id === 'wl:a/ReplicaSet/web-5d9');
    expect(node?.type === 'workload' && node.endpoints.map((e) => e.name)).toEqual(['web-5d9-x', 'web-5d9-y']);
  });
});
