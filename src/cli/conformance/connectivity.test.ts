import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, evaluationMembers } from '../../engine';
import { nameNodes } from './connectivity';

const pod = (name: string, owners: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
  labels: {app: ${name}}
  ownerReferences: ${owners}
spec: {containers: [{name: c, image: x}]}
`;

function names(yaml: string, conv: 'netpol-analyzer' | 'nca'): string[] {
  const ev = evaluationMembers(analyzeWorkspace([{ path: 'pods.yaml', text: yaml }]));
  return [...nameNodes(ev.pods, conv).nodes.keys()].sort();
}

describe('netpol-analyzer node names (corpus README "Nodes")', () => {
  it('groups pods under their controlling owner, of any kind, [Pod] when the reference has no kind', () => {
    const yaml = [
      pod('p1', '[{name: internal-security, controller: true}]'),
      pod('p2', '[{name: internal-security, controller: true}]'),
      pod('vm-launcher', '[{kind: VirtualMachineInstance, name: fedora, controller: true}]'),
      pod('rs-1', '[{kind: ReplicaSet, name: web-5d9c, controller: true}]'),
    ].join('---');
    expect(names(yaml, 'netpol-analyzer')).toEqual([
      'default/fedora[VirtualMachineInstance]', 'default/internal-security[Pod]', 'default/web-5d9c[ReplicaSet]',
    ]);
  });

  it('names static pods (owner Node) and pods without a controlling owner by the pod', () => {
    const yaml = [
      pod('etcd-minikube', '[{kind: Node, name: minikube, controller: true}]'),
      pod('loose', '[{name: someone}]'),
    ].join('---');
    expect(names(yaml, 'netpol-analyzer')).toEqual(['default/etcd-minikube[Pod]', 'default/loose[Pod]']);
  });

  it('leaves the nca convention (one node per pod) alone', () => {
    const yaml = [pod('p1', '[{name: x, controller: true}]'), pod('p2', '[{name: x, controller: true}]')].join('---');
    expect(names(yaml, 'nca')).toEqual(['default/p1', 'default/p2']);
  });
});
