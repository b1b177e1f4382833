import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, ConnSet, type EdgeData } from '../engine';
import { applyProbe, probedCounts, probeFlow, probeParts, probeText, probeVerdict } from './probe';

/** A hand-made edge: what all members allow and, when mixed, what some do. */
function edge(all: string, some?: string): Pick<EdgeData, 'allowed' | 'mixed' | 'someAllowed'> {
  const set = (spec: string) => {
    if (spec === 'all') return ConnSet.all().toJSON();
    if (spec === 'none') return ConnSet.none().toJSON();
    // One port of one protocol, from every source port (the wire form the worker sends).
    const [proto, port] = spec.split('/');
    return { rest: false, entries: [[proto === 'UDP' ? 17 : 6, [[Number(port), Number(port)]]]] } as EdgeData['allowed'];
  };
  return some === undefined ? { allowed: set(all), mixed: false } : { allowed: set(all), mixed: true, someAllowed: set(some) };
}

describe('probe texts', () => {
  it('round-trips the picker', () => {
    expect(probeText('TCP', 80)).toBe('TCP/80');
    expect(probeText('UDP', 53)).toBe('UDP/53');
    expect(probeText('ICMP', 80)).toBe('ICMP');
    expect(probeText('any', 80)).toBe('any');
    expect(probeParts('UDP/53')).toEqual({ kind: 'UDP', port: 53 });
    expect(probeParts('ICMP')).toEqual({ kind: 'ICMP', port: null });
    expect(probeParts('any')).toEqual({ kind: 'any', port: null });
  });

  it('parses with the engine, assuming the explanation\'s source port; any and bad texts are null', () => {
    expect(probeFlow('TCP/80')).toEqual({ protocol: 6, port: 80, srcPort: 32768 });
    expect(probeFlow('ICMP')).toEqual({ protocol: 1, icmpType: 8, icmpCode: 0 });
    expect(probeFlow('any')).toBeNull();
    expect(probeFlow('TCP/0')).toBeNull();
    expect(probeFlow('TCP/')).toBeNull();
  });
});

describe('probeVerdict', () => {
  const tcp80 = probeFlow('TCP/80')!;
  const udp53 = probeFlow('UDP/53')!;
  it('allow when all members allow the flow, deny when none does', () => {
    expect(probeVerdict(edge('all'), tcp80)).toBe('allow');
    expect(probeVerdict(edge('TCP/80'), tcp80)).toBe('allow');
    expect(probeVerdict(edge('TCP/80'), udp53)).toBe('deny');
    expect(probeVerdict(edge('none'), probeFlow('ICMP')!)).toBe('deny');
  });

  it('partial on a mixed edge when only some members allow it', () => {
    expect(probeVerdict(edge('none', 'TCP/80'), tcp80)).toBe('partial');
    expect(probeVerdict(edge('UDP/53', 'all'), tcp80)).toBe('partial');
    expect(probeVerdict(edge('UDP/53', 'all'), udp53)).toBe('allow');
    expect(probeVerdict(edge('none', 'TCP/80'), udp53)).toBe('deny');
  });

  it('on an engine edge: ipBlock except makes the internet mixed, TCP/80 partial, UDP/53 deny', () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: a, labels: {app: api}}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.2.0.5}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: eg, namespace: a}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}], ports: [{protocol: TCP, port: 80}]}]
`;
    const r = analyzeWorkspace([{ path: 'w.yaml', text: yaml }]).result;
    const [e] = applyProbe(r.edges.filter((x) => x.target === 'ext:internet'), 'TCP/80');
    expect(e?.mixed).toBe(true);
    expect(e?.verdict).toBe('partial');
    expect(applyProbe(r.edges.filter((x) => x.target === 'ext:internet'), 'UDP/53')[0]?.verdict).toBe('deny');
    // `any` leaves the engine's verdicts.
    expect(applyProbe(r.edges, 'any').map((x) => x.verdict)).toEqual(r.edges.map((x) => x.verdict));
  });
});

describe('probedCounts', () => {
  // Three drawn edges of 13 pairs: ten pairs with nothing allowed were left out (denyEdgesOmitted).
  const result = { edges: [edge('all'), edge('TCP/80'), edge('none', 'TCP/80')] as EdgeData[], counts: { allow: 1, partial: 2, deny: 10 } };
  it('is the engine\'s counts without a probe', () => expect(probedCounts(result, 'any')).toBe(result.counts));
  it('counts the probed verdicts, omitted pairs as deny', () => {
    expect(probedCounts(result, 'TCP/80')).toEqual({ allow: 2, partial: 1, deny: 10 });
    expect(probedCounts(result, 'UDP/53')).toEqual({ allow: 1, partial: 0, deny: 12 });
  });
});
