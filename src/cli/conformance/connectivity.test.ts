import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, evaluationMembers, type HepMember, type PodMember } from '../../engine';
import { nameNodes } from './connectivity';

const hep = (name: string, labels: Record<string, string>, profiles: string[] = []): HepMember => ({ type: 'hep', name, nodeId: `hep:${name}`, labels, profiles });
const podMember = (name: string): PodMember => ({
  type: 'pod', namespace: 'ns', name, nodeId: `wl:ns/ReplicaSet/web-5d8f`, workloadKind: 'ReplicaSet', workloadName: 'web-5d8f',
  template: false, replicas: 3, labels: { role: 'worker' },
});

describe('nameNodes: host endpoints under NCA conventions', () => {
  const heps = [
    hep('w1', { role: 'worker' }),
    hep('w2', { role: 'worker' }),
    hep('w3', { role: 'worker' }), // third identical one: NCA drops it
    hep('w4', { role: 'master' }),
    hep('p1', { role: 'worker' }, ['first', 'b', 'c']),
    hep('p2', { role: 'worker' }, ['first', 'c', 'b']), // later profiles only add labels: same group as p1
    hep('p3', { role: 'worker' }, ['first', 'b', 'c']), // third of that group: dropped
    hep('p4', { role: 'worker' }, ['b', 'first', 'c']), // another first profile: another group
  ];

  it('keeps only the first two host endpoints of each NCA equivalence group (labels, first profile, other profiles as a set)', () => {
    const { nodes, clash } = nameNodes([], 'nca', heps);
    expect(clash).toBeUndefined();
    expect([...nodes.keys()].sort()).toEqual(['p1', 'p2', 'p4', 'w1', 'w2', 'w4']);
    expect(nodes.get('w1')).toMatchObject({ namespace: '', members: [heps[0]] });
  });

  it('counts host endpoints apart from pods with the same labels', () => {
    const { nodes } = nameNodes([podMember('web-5d8f-a'), podMember('web-5d8f-b')], 'nca', heps.slice(0, 2));
    expect([...nodes.keys()].sort()).toEqual(['ns/web-5d8f-a', 'ns/web-5d8f-b', 'w1', 'w2']);
  });

  it('keeps every host endpoint under netpol-analyzer conventions', () => {
    const { nodes } = nameNodes([], 'netpol-analyzer', heps);
    expect(nodes.size).toBe(heps.length);
  });
});

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
