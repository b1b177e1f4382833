import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicyHit, readCalicoFlows, readCsvFlows, readFlows, readGoldmaneFlows, readHubbleFlows } from './readers';

const fixture = (f: string) => readFileSync(new URL(`../../../fixtures/flows/${f}`, import.meta.url), 'utf8');

describe('Calico Enterprise / Cloud flow logs (flow-formats.md §1)', () => {
  const r = readCalicoFlows(fixture('calico-ee.ndjson'));
  it('reads each record, reports the bad lines with their numbers, goes on', () => {
    expect(r.records.map((x) => x.line)).toEqual([1, 3, 5]);
    expect(r.errors).toEqual([
      { line: 2, message: expect.stringMatching(/^not JSON: /) },
      { line: 4, message: 'unknown protocol "gre"' },
    ]);
  });
  it('ends, aggregated names, labels, counts, reporter, recorded verdict and hits sorted by index', () => {
    const [a, b, c] = r.records;
    expect(a).toMatchObject({
      src: { type: 'workload', namespace: 'shop', name: 'frontend-7d9c5b8f4-*', labels: { app: 'frontend', tier: 'web', 'pod-template-hash': '7d9c5b8f4' } },
      dst: { type: 'workload', namespace: 'shop', name: 'checkout-6c4f9d7b8-k2lqp', ip: '10.42.3.17' },
      protocol: 6, port: 5050, count: 14, packets: 399, bytes: 57331, reporter: 'dst',
      recorded: { action: 'allow' },
    });
    expect(a!.recorded!.enforced!.map((h) => `${h.index} ${h.tier} ${h.policy} ${h.action} ${h.rule}`)).toEqual([
      '0 platform platform.pass-app-traffic pass 2', '1 default shop/knp.default.allow-frontend-to-checkout allow 0']);
    expect(a!.recorded!.pending![1]).toEqual({ index: 1, tier: 'app', policy: 'shop/staged:app.checkout-lockdown', action: 'deny', rule: -1, staged: true });
    expect(b).toMatchObject({ src: { type: 'workload', namespace: 'batch', name: 'worker-*' }, dst: { type: 'network', scope: 'pub', ip: '93.184.216.34', domains: ['api.payments.example'] }, protocol: 17, port: 53, count: 3, recorded: { action: 'deny' } });
    expect(c).toMatchObject({ protocol: 1, count: 2, dst: { type: 'network', scope: 'pvt', ip: '10.0.0.9' } });
    expect(c).not.toHaveProperty('port');
  });
  it('also reads a JSON array and an Elasticsearch search answer', () => {
    const one = fixture('calico-ee.ndjson').split('\n')[0]!;
    expect(readCalicoFlows(`[${one}]`).records).toHaveLength(1);
    expect(readCalicoFlows(JSON.stringify({ hits: { hits: [{ _source: JSON.parse(one) }] } })).records[0]!.port).toBe(5050);
  });
  it('also reads pretty-printed records one after another (jq . over ndjson), with their first lines', () => {
    const [one, , three] = fixture('calico-ee.ndjson').split('\n');
    const pretty = `${JSON.stringify(JSON.parse(one!), null, 2)}\n${JSON.stringify(JSON.parse(three!), null, 2)}\n`;
    const r = readCalicoFlows(pretty);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.port)).toEqual([5050, 53]);
    expect(r.records[1]!.line).toBe(pretty.split('\n').indexOf('{', 1) + 1);
  });

  it('policy hit strings (SPEC §7.2)', () => {
    expect(parsePolicyHit('2|__PROFILE__|__PROFILE__.kns.shop|allow|0')).toMatchObject({ index: 2, tier: '__PROFILE__', rule: 0, staged: false });
    expect(parsePolicyHit('0|app|sknp:shop/lockdown|deny|-1')).toMatchObject({ staged: true });
    expect(parsePolicyHit('0|app|np:shop/web|allow|0')).toMatchObject({ staged: false });
    expect(parsePolicyHit('0|a|b|allow')).toBeNull();
    expect(parsePolicyHit('x|a|b|allow|0')).toBeNull();
  });
});

describe('Calico OSS Goldmane / Whisker (flow-formats.md §2)', () => {
  const r = readGoldmaneFlows(fixture('goldmane.json'));
  it('reads FlowResults, structured hits with the end of tier, and reports a record without a Key', () => {
    expect(r.errors).toEqual([{ line: 2, message: 'not a Goldmane flow (no Key)' }]);
    expect(r.records[0]).toMatchObject({
      src: { type: 'workload', namespace: 'shop', name: 'frontend-7d9c5b8f4-*', labels: { app: 'frontend' } },
      dst: { type: 'workload', name: 'checkout-6c4f9d7b8-*' }, protocol: 6, port: 5050, count: 5, packets: 19, bytes: 2000, reporter: 'dst',
      recorded: { action: 'allow', enforced: [{ kind: 'NetworkPolicy', policy: 'allow-frontend-to-checkout', namespace: 'shop', tier: 'default', action: 'allow', rule: 0 }] },
    });
    expect(r.records[0]!.recorded!.pending![0]).toMatchObject({ kind: 'EndOfTier', tier: 'app', action: 'deny', rule: -1, policy: 'checkout-lockdown' });
    expect(r.records[1]).toMatchObject({ dst: { type: 'network', scope: 'pub' }, port: 443, count: 1, recorded: { action: 'deny' } });
  });
});

describe('Hubble observe -o json (flow-formats.md §3)', () => {
  const r = readHubbleFlows(fixture('hubble.ndjson'));
  it('a policy drop, a world egress with DNS names, ICMP to the host; replies skipped; bad lines reported', () => {
    expect(r.records.map((x) => x.line)).toEqual([1, 3, 6]);
    expect(r.errors).toEqual([
      { line: 4, message: 'no L4 protocol (l4.TCP / UDP / SCTP / ICMPv4 / ICMPv6)' },
      { line: 5, message: 'not a Hubble flow (no verdict)' },
    ]);
    expect(r.records[0]).toEqual({
      line: 1, protocol: 6, port: 5432, count: 1, reporter: 'src', recorded: { action: 'deny' },
      src: { type: 'workload', namespace: 'shop', name: 'frontend-7d9c5b8f4-x2x9q', workload: { kind: 'Deployment', name: 'frontend' }, labels: { app: 'frontend' }, ip: '10.0.1.23' },
      dst: { type: 'workload', namespace: 'data', name: 'postgres-0', workload: { kind: 'StatefulSet', name: 'postgres' }, labels: { app: 'postgres' }, ip: '10.0.2.41' },
    });
    expect(r.records[1]).toMatchObject({ protocol: 17, port: 53, dst: { type: 'network', ip: '1.1.1.1', domains: ['one.one.one.one'] }, recorded: { action: 'allow' } });
    expect(r.records[2]).toMatchObject({ protocol: 1, icmp: { type: 8, code: 0 }, dst: { type: 'hostendpoint' } });
  });
});

describe('CSV', () => {
  it('src_ns,src_name,dst_ns,dst_name,proto,port,action,count; bad rows reported with their lines', () => {
    const r = readCsvFlows(fixture('simple.csv'));
    expect(r.records.map((x) => [x.line, x.src, x.dst, x.protocol, x.port, x.count, x.recorded?.action])).toEqual([
      [2, { type: 'workload', namespace: 'shams', name: 'busybox' }, { type: 'workload', namespace: 'default', name: 'nginx' }, 6, 80, 12, 'allow'],
      [3, { type: 'workload', namespace: 'shams', name: 'busybox' }, { type: 'network', ip: '8.8.8.8' }, 17, 53, 3, 'allow'],
      [6, { type: 'workload', namespace: 'default', name: 'nginx' }, { type: 'workload', namespace: 'shams', name: 'busybox' }, 6, 8080, 1, 'deny'],
    ]);
    expect(r.errors).toEqual([{ line: 4, message: 'bad port "99999"' }, { line: 5, message: 'unknown protocol "XTP"' }]);
    expect(readCsvFlows('a,b\n1,2\n').errors[0]!.message).toMatch(/^the header lacks src_ns/);
  });
});

describe('readFlows picks the reader by content', () => {
  it.each([['calico-ee.ndjson', 'calico'], ['goldmane.json', 'goldmane'], ['hubble.ndjson', 'hubble'], ['simple.csv', 'csv']])('%s -> %s', (f, format) => {
    expect(readFlows(fixture(f)).format).toBe(format);
  });
});
