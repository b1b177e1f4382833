import { describe, expect, it } from 'vitest';
import { workspaceFacts } from './workspaceFacts';
import type { NodeData } from '../engine';

describe('workspaceFacts', () => {
  it('splits namespace labels from endpoint labels, sorts and dedups, collects namespaces and port names', () => {
    const nodes: NodeData[] = [
      { id: 'ns:shop', kind: 'namespace', name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'pay' } },
      { id: 'ns:a', kind: 'namespace', name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' } },
      { id: 'wl:shop/Deployment/web', kind: 'workload', name: 'web', namespace: 'shop', labels: { app: 'web' }, ports: [{ name: 'http', protocol: 6, port: 80 }] },
      { id: 'wl:shop/Deployment/api', kind: 'workload', name: 'api', namespace: 'shop', labels: { app: 'api', tier: 'be' }, ports: [{ name: 'http', protocol: 6, port: 8080 }] },
      { id: 'ext:internet', kind: 'external', name: 'internet', labels: { ignored: 'yes' } },
    ];
    expect(workspaceFacts(nodes)).toEqual({
      endpointLabels: { app: ['api', 'web'], tier: ['be'] },
      namespaceLabels: { 'kubernetes.io/metadata.name': ['a', 'shop'], team: ['pay'] },
      namespaces: ['a', 'shop'],
      namedPorts: ['http'],
    });
  });
});
