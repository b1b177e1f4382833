import { describe, expect, it } from 'vitest';
import type { PolicyId, TraceStep } from '../../engine';
import type { PortClass } from '../../state/portClasses';
import { classText, icmpText, nodeName, policyLabel, portsText, stepOutcome } from './format';

const range = { path: 'p.yaml', line: 3, column: 5, endLine: 6, endColumn: 1 };
const gnp: PolicyId = { kind: 'GlobalNetworkPolicy', name: 'default-deny', tier: 'default' };

describe('inspector formatting', () => {
  it('names nodes, ports and ICMP keys the way users write them', () => {
    expect(nodeName('wl:shams/Pod/busybox')).toBe('shams/busybox');
    expect(nodeName('ext:internet')).toBe('internet');
    expect(nodeName('pod:a/web-1')).toBe('a/web-1');
    expect(nodeName('hep:n1')).toBe('hep:n1');
    expect(portsText([[1, 65535]])).toBe('all ports');
    expect(portsText([[80, 80], [8000, 8080]])).toBe('80, 8000-8080');
    expect(icmpText([[0, 254 * 256 + 255]])).toBe('all types');
    expect(icmpText([[8 * 256, 8 * 256]])).toBe('type 8 code 0');
    expect(icmpText([[3 * 256, 3 * 256 + 255], [0, 0]])).toBe('type 3, type 0 code 0');
    expect(icmpText([[0, 3 * 256 + 255]])).toBe('types 0-3');
    expect(icmpText([[3 * 256 + 1, 3 * 256 + 4]])).toBe('type 3 code 1-4');
    expect(icmpText([[3 * 256 + 1, 4 * 256 + 4]])).toBe('type 3 code 1 to type 4 code 4');
  });

  it('renders a port class row', () => {
    const tcp: PortClass = { members: 'all', kind: 'ports', protocol: 6, protocolName: 'TCP', ranges: [[80, 80], [443, 443]], probe: 'TCP/80' };
    expect(classText(tcp)).toEqual({ protocol: 'TCP', detail: '80, 443' });
    expect(classText({ ...tcp, srcPorts: [[1000, 2000]] }).detail).toBe('80, 443 from source ports 1000-2000');
    expect(classText({ ...tcp, kind: 'icmp', protocol: 1, protocolName: 'ICMP', ranges: [[2048, 2048]] })).toEqual({ protocol: 'ICMP', detail: 'type 8 code 0' });
    expect(classText({ ...tcp, kind: 'others', protocol: 2, protocolName: 'other', ranges: [[2, 5], [47, 47]] })).toEqual({ protocol: 'other protocols', detail: '2-5, 47' });
  });

  it('labels policies and step outcomes', () => {
    expect(policyLabel(gnp)).toBe('GlobalNetworkPolicy default-deny');
    expect(policyLabel({ kind: 'KubernetesNetworkPolicy', namespace: 'a', name: 'x', tier: 'default' })).toBe('K8s NetworkPolicy a/x');
    const rule: TraceStep = { kind: 'rule', tier: 'default', policy: gnp, ruleIndex: 0, action: 'pass', staged: false, range, policyRange: range };
    expect(stepOutcome(rule)).toBe('pass to the next tier');
    expect(stepOutcome({ ...rule, action: 'deny' })).toBe('deny');
    expect(stepOutcome({ kind: 'end-of-tier', tier: 'default', policy: gnp, action: 'deny', range })).toBe('no rule matched, end of tier: deny');
    expect(stepOutcome({ kind: 'profile', profile: null, ruleIndex: -1, action: 'deny' })).toBe('no profile allowed: dropped');
    expect(stepOutcome({ kind: 'profile', profile: 'kns.a', ruleIndex: 0, action: 'allow' })).toBe('allow');
    expect(stepOutcome({ kind: 'own-node', action: 'allow' })).toBe('allow');
  });
});
