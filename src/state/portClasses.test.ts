import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, connSetFromJSON, type EdgeData } from '../engine';
import { probeFlow, probeVerdict } from './probe';
import { portClasses } from './portClasses';

const SERVER = `apiVersion: v1
kind: Pod
metadata: {name: client, namespace: a, labels: {app: client}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: server, namespace: a, labels: {app: server}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: server-in, namespace: a}
spec:
  selector: app == "server"
  ingress:
    - action: Allow
      protocol: ICMP
      icmp: {type: 8, code: 0}
    - action: Allow
      protocol: TCP
      destination: {ports: [80, 443]}
    - action: Allow
      protocol: TCP
      source: {ports: ["1000:2000"]}
      destination: {ports: [8080]}
    - action: Allow
      protocol: 47
`;

function edge(files: { path: string; text: string }[], id: string): EdgeData {
  const e = analyzeWorkspace(files).result.edges.find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id}`);
  return e;
}

describe('portClasses', () => {
  it('cuts an edge into port, source-port, ICMP and other-protocol classes, each probe inside its class', () => {
    const e = edge([{ path: 'w.yaml', text: SERVER }], 'wl:a/Pod/client->wl:a/Pod/server');
    const rows = portClasses(e);
    expect(rows.map((r) => [r.members, r.protocolName, r.ranges, r.srcPorts ?? null, r.probe])).toEqual([
      // Source ports other than 1000-2000 (the assumed ephemeral port 32768 among them).
      ['all', 'TCP', [[80, 80], [443, 443]], [[1, 999], [2001, 65535]], 'TCP/80'],
      ['all', 'TCP', [[80, 80], [443, 443], [8080, 8080]], [[1000, 2000]], 'TCP/80 from 1000'],
      ['all', 'ICMP', [[8 * 256, 8 * 256]], null, 'ICMP/8/0'],
      ['all', 'other', [[47, 47]], null, '47'],
    ]);
    // Every probe is allowed by the edge, as the graph's probe colouring says.
    for (const r of rows) expect(probeVerdict(e, probeFlow(r.probe)!), r.probe).toBe('allow');
    // A probe of a class that is not there is not.
    expect(connSetFromJSON(e.allowed).containsFlow(6, 8080, undefined, undefined, 999)).toBe(false);
  });

  it('lists what only some members allow on a mixed edge, and nothing on a deny edge', () => {
    const files = [{ path: 'w.yaml', text: readFileSync(new URL('../../e2e/probe-small.yaml', import.meta.url), 'utf8') }];
    const net = edge(files, 'wl:a/Pod/client->ext:internet');
    expect(net.mixed).toBe(true);
    expect(portClasses(net)).toEqual([{ members: 'some', kind: 'ports', protocol: 6, protocolName: 'TCP', ranges: [[80, 80]], probe: 'TCP/80' }]);
    expect(probeVerdict(net, probeFlow('TCP/80')!)).toBe('partial');
    expect(portClasses(edge(files, 'wl:a/Pod/client->wl:a/Pod/web'))).toEqual([]);
    const open = portClasses(edge(files, 'wl:a/Pod/web->ext:internet'));
    // Everything: every port of each port protocol, all of ICMP, every other protocol.
    expect(open.map((r) => [r.protocolName, r.probe])).toEqual([['TCP', 'TCP/1'], ['UDP', 'UDP/1'], ['SCTP', 'SCTP/1'], ['ICMP', 'ICMP'], ['ICMPv6', 'ICMPv6'], ['other', '2']]);
    expect(open.at(-1)!.ranges).toEqual([[2, 5], [7, 16], [18, 57], [59, 131], [133, 255]]);
  });
});
