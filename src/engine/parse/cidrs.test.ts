import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, reanalyze, type Session } from '../index';
import { formatCidr, parseCidr, type IpRange } from '../net/ip';
import { buildPeerUniverse } from '../matrix/peers';

const cluster = `
apiVersion: v1
kind: Namespace
metadata: {name: a}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: a, labels: {app: web}}
spec: {containers: [{name: c}]}
status: {podIP: 10.1.0.5}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkSet
metadata: {name: partners, labels: {role: partner}}
spec: {nets: [172.16.0.0/12]}
`;

const egressTo = (name: string, cidrs: string[], except: string[] = []) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: a}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
${cidrs.map((c) => `    - to: [{ipBlock: {cidr: ${c}${except.length > 0 ? `, except: [${except.join(', ')}]` : ''}}}]\n      ports: [{port: ${name.length * 10}}]`).join('\n')}
`;

function run(...policies: string[]): Session {
  return analyzeWorkspace([{ path: 'c.yaml', text: cluster }, ...policies.map((text, i) => ({ path: `p${i}.yaml`, text }))]);
}
const ids = (s: Session) => s.result.nodes.map((n) => n.id).filter((id) => id.startsWith('cidr:') || id.startsWith('ext:'));
const cidr = (t: string) => parseCidr(t) as IpRange;

/** Which address node holds an address: the one whose members contain it (members are disjoint). */
function ownerOf(s: Session, addr: string): string[] {
  const ip = cidr(addr);
  const peers = buildPeerUniverse(s.workspace);
  return s.workspace.nodes.filter((n) => n.type === 'external' || n.type === 'networkset')
    .filter((n) => peers.peersOf(n).some((p) => p.type === 'block' && p.block.v === ip.v && p.block.lo <= ip.lo && ip.hi <= p.block.hi))
    .map((n) => n.id);
}

describe('CIDR nodes (design.md cidr:<cidr>)', () => {
  it('formats canonical CIDRs, host bits masked', () => {
    expect(formatCidr(cidr('10.1.2.3/8'))).toBe('10.0.0.0/8');
    expect(formatCidr(cidr('fd00::1/64'))).toBe('fd00::/64');
    expect(formatCidr(cidr('1.2.3.4'))).toBe('1.2.3.4/32');
  });

  it('partitions nested CIDRs: 10.1.0.0/16 takes its addresses from 10.0.0.0/8, the internet keeps the rest', () => {
    const s = run(egressTo('outer', ['10.0.0.0/8']), egressTo('in', ['10.1.0.0/16']));
    expect(ids(s)).toEqual(['cidr:10.0.0.0/8', 'cidr:10.1.0.0/16', 'ext:internet']);
    expect(ownerOf(s, '10.1.2.3')).toEqual(['cidr:10.1.0.0/16']);
    expect(ownerOf(s, '10.2.0.1')).toEqual(['cidr:10.0.0.0/8']);
    expect(ownerOf(s, '11.0.0.1')).toEqual(['ext:internet']);
    const edge = (dst: string) => s.result.edges.find((e) => e.source === 'wl:a/Pod/web' && e.target === dst)!;
    // Port 50 from `outer` (both CIDRs), port 20 from `in` (the /16 only): each node uniform.
    expect([edge('cidr:10.0.0.0/8').connections, edge('cidr:10.0.0.0/8').mixed]).toEqual(['TCP 50', false]);
    expect([edge('cidr:10.1.0.0/16').connections, edge('cidr:10.1.0.0/16').mixed]).toEqual(['TCP 20,50', false]);
    expect(edge('ext:internet').verdict).toBe('deny');
    // No edge between two address nodes.
    expect(s.result.edges.some((e) => e.source.startsWith('cidr:') && (e.target.startsWith('cidr:') || e.target.startsWith('ext:')))).toBe(false);
  });

  it('a CIDR covering pod IPs leaves them to the pods; a CIDR that is one pod IP is no node', () => {
    const s = run(egressTo('pod', ['10.1.0.5/32']), egressTo('wide', ['10.1.0.0/24']));
    expect(ids(s)).toEqual(['cidr:10.1.0.0/24', 'ext:internet']);
    expect(ownerOf(s, '10.1.0.5')).toEqual([]); // the pod's own address is the pod
    expect(ownerOf(s, '10.1.0.6')).toEqual(['cidr:10.1.0.0/24']);
  });

  it('a CIDR equal to (or inside) a network set\'s net is no node; one around it keeps the rest', () => {
    expect(ids(run(egressTo('eq', ['172.16.0.0/12']), egressTo('in', ['172.17.0.0/16'])))).toEqual(['ext:internet']);
    const s = run(egressTo('around', ['172.0.0.0/8']));
    expect(ids(s)).toEqual(['cidr:172.0.0.0/8', 'ext:internet']);
    expect(ownerOf(s, '172.16.0.1')).toEqual(['gnetset:partners']);
    expect(ownerOf(s, '172.1.0.1')).toEqual(['cidr:172.0.0.0/8']);
  });

  it('0.0.0.0/0, ::/0 and except CIDRs make no node; IPv6 CIDRs do', () => {
    expect(ids(run(egressTo('all', ['0.0.0.0/0'], ['10.0.0.0/8'])))).toEqual(['ext:internet']);
    const s = run(egressTo('six', ['::/0', 'fd00::/64']));
    expect(ids(s)).toEqual(['cidr:fd00::/64', 'ext:internet']);
    expect(ownerOf(s, 'fd00::7')).toEqual(['cidr:fd00::/64']);
    expect(s.result.nodes.find((n) => n.id === 'cidr:fd00::/64')).toMatchObject({ kind: 'external', name: 'fd00::/64' });
  });

  it('reanalyze equals analyzeWorkspace after adding, removing and moving a CIDR between nets and notNets', () => {
    const calico = (field: 'nets' | 'notNets', name = 'c') => `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: ${name}, namespace: a}
spec:
  selector: app == 'web'
  types: [Egress]
  egress: [{action: Allow, destination: {${field}: [10.0.0.0/8]}}]
`;
    // p0 keeps 10.0.0.0/8 a CIDR feature throughout (in notNets), so that the nets/notNets swap
    // leaves the peer classes as they were: only the node set tells the edit apart.
    const files = (p: string) => [{ path: 'c.yaml', text: cluster }, { path: 'p0.yaml', text: `${egressTo('base', ['192.168.0.0/16'])}---${calico('notNets', 'keep')}` }, { path: 'p1.yaml', text: p }];
    let reused = 0;
    const steps = [egressTo('x', ['10.0.0.0/8']), egressTo('x', ['10.0.0.0/8', '10.1.0.0/16']), egressTo('x', ['10.1.0.0/16']), egressTo('x', ['10.9.0.0/16']).replace('policyTypes: [Egress]', 'policyTypes: [Egress] '), calico('nets'), calico('nets').replace('Allow', 'Deny'), calico('notNets'), calico('nets'), egressTo('y', ['192.168.0.0/16'])];
    let prev = analyzeWorkspace(files(steps[0]!));
    for (const text of steps.slice(1)) {
      const got = reanalyze(prev, files(text));
      const want = analyzeWorkspace(files(text));
      expect(got.result.nodes).toEqual(want.result.nodes);
      expect(got.result.edges).toEqual(want.result.edges);
      expect(got.result.counts).toEqual(want.result.counts);
      if (got.evaluation?.universe === prev.evaluation?.universe) reused++;
      prev = got;
    }
    expect(ids(prev)).toEqual(['cidr:192.168.0.0/16', 'ext:internet']);
    expect(reused).toBeGreaterThan(0); // the incremental path ran too
  });
});
