import { describe, expect, it } from 'vitest';
import { readFlows } from './readers';
import { groupFlowBytes, readFlowBytes } from './bytes';
import { groupFlows } from './hits';

const utf8 = () => new TextDecoder();

const enc = (t: string) => new TextEncoder().encode(t);
const calico = (i: number) => JSON.stringify({ reporter: 'src', proto: 'tcp', dest_port: 80 + (i % 3), num_flows: 1, source_type: 'wep', source_namespace: 'shams', source_name_aggr: 'busybox', dest_type: 'wep', dest_namespace: 'default', dest_name_aggr: 'nginx', action: 'allow' });

describe('readFlowBytes: a file too large for one string is read line by line', () => {
  it('ndjson over the limit: the same records and line numbers as the whole text, bad lines located', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i === 1234 ? '{"broken": ' : calico(i)));
    const text = `${lines.join('\n')}\n`;
    const whole = readFlows(text);
    const progress: [number, number][] = [];
    // ndjson: read a line at a time, in chunks of 64 KB (each cut at a line break, so several).
    const streamed = readFlowBytes(enc(text), utf8, (d, t) => progress.push([d, t]), { wholeMax: 1024, chunk: 64 * 1024 });
    expect(streamed.format).toBe('calico');
    expect(streamed.records).toEqual(whole.records);
    expect(streamed.errors).toEqual([{ line: 1235, message: expect.stringContaining('not JSON') as string }]);
    expect(whole.errors.map((e) => e.line)).toEqual([1235]);
    expect(progress).toEqual([]); // under 50,000 lines: nothing to tell
  });

  it('CSV over the limit: its header read first, then the rows; a bad header said on line 1', () => {
    const csv = `src_ns,src_name,dst_ns,dst_name,proto,port,action,count\n${Array.from({ length: 500 }, (_, i) => `shams,busybox,default,nginx,TCP,${80 + (i % 2)},allow,2`).join('\n')}`;
    const r = readFlowBytes(enc(csv), utf8, undefined, { wholeMax: 1024 });
    expect([r.format, r.records.length, r.records[499]?.line, r.errors]).toEqual(['csv', 500, 501, []]);
    expect(r.records).toEqual(readFlows(csv).records);
    expect(readFlowBytes(enc(`src_ns,proto\n${'x,y\n'.repeat(400)}`), utf8, undefined, { wholeMax: 1024 }).errors).toEqual([{ line: 1, message: expect.stringContaining('the header lacks src_name') as string }]);
  });

  it('a JSON array over the limit: not read, and why', () => {
    const r = readFlowBytes(enc(`[\n${Array.from({ length: 50 }, (_, i) => calico(i)).join(',\n')}\n]`), utf8, undefined, { wholeMax: 1024 });
    expect(r.records).toEqual([]);
    expect(r.errors[0]?.message).toContain('export the log as ndjson');
  });

  it('multi-byte characters split across chunks of 7 bytes decode whole', () => {
    const name = 'café-ü';
    const line = JSON.stringify({ reporter: 'src', proto: 'udp', dest_port: 53, source_type: 'wep', source_namespace: 'ns', source_name_aggr: name, dest_type: 'wep', dest_namespace: 'ns', dest_name_aggr: name });
    const text = `${line}\n`.repeat(20);
    const r = readFlowBytes(enc(text), utf8, undefined, { wholeMax: 16, chunk: 7 });
    expect(r.records.map((x) => x.src.name)).toEqual(Array(20).fill(name));
  });

  it('grouped as read: the same groups as reading every record, repeated keys summed, a bad key reported on each of its lines', () => {
    const rec = (i: number) => JSON.stringify({
      reporter: i % 5 === 0 ? 'dst' : 'src', proto: i % 11 === 0 ? 'xtp' : 'tcp', dest_port: 80 + (i % 3), num_flows: 1 + (i % 4), packets_in: i, bytes_out: 2 * i,
      source_type: 'wep', source_namespace: 'shams', source_name_aggr: 'busybox', source_labels: { labels: [`run=busybox${i % 2}`] },
      dest_type: i % 7 === 0 ? 'net' : 'wep', dest_namespace: 'default', dest_name_aggr: i % 7 === 0 ? 'pub' : 'nginx', dest_ip: i % 7 === 0 ? '8.8.8.8' : null, action: 'allow',
      policies: { enforced_policies: [`0|default|shams/default.p${i % 3}|allow|0`] },
    });
    const text = `${Array.from({ length: 400 }, (_, i) => rec(i)).join('\n')}\n`;
    const whole = readFlows(text);
    const expected = groupFlows(whole.records);
    const got = groupFlowBytes(enc(text), utf8);
    expect([got.groups.records, got.groups.counted]).toEqual([expected.records, expected.counted]);
    const byKey = (g: typeof expected) => Object.fromEntries(g.groups.map((x) => [`${x.srcKey}|${x.dstKey}|${x.r.port}|${x.r.reporter}`, [x.tally, x.lines]]));
    expect(byKey(got.groups)).toEqual(byKey(expected));
    // Lines 1, 12, 23, ... (i % 11 === 0) have an unknown protocol, each reported.
    expect(got.errors.map((e) => e.line)).toEqual(whole.errors.map((e) => e.line));
    expect(got.errors).toHaveLength(37);
  });

  it('CSV grouped as read equals reading every record; a bad port reported on each of its lines', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `shams,busybox,${i % 4 === 0 ? '-' : 'default'},${i % 4 === 0 ? '8.8.8.8' : 'nginx'},${i % 13 === 0 ? 'TCP' : 'UDP'},${i % 17 === 0 ? '99999' : 53 + (i % 2)},allow,${1 + (i % 3)}`);
    const csv = `src_ns,src_name,dst_ns,dst_name,proto,port,action,count\n${rows.join('\n')}\n`;
    const whole = readFlows(csv);
    const expected = groupFlows(whole.records);
    const got = groupFlowBytes(enc(csv), utf8);
    const byKey = (g: typeof expected) => Object.fromEntries(g.groups.map((x) => [`${x.srcKey}|${x.dstKey}|${x.r.protocol}|${x.r.port}`, [x.tally, x.lines]]));
    expect([got.groups.records, got.groups.counted]).toEqual([expected.records, expected.counted]);
    expect(byKey(got.groups)).toEqual(byKey(expected));
    expect(got.errors).toEqual(whole.errors);
    expect(got.errors.length).toBe(18);
  });

  it('one document on one line (an Elasticsearch answer from curl), or an array: read whole, records into the sink too', () => {
    const hits = { took: 3, hits: { total: { value: 2 }, hits: [0, 1].map((i) => ({ _index: 'tigera_secure_ee_flows', _source: JSON.parse(calico(i)) as unknown })) } };
    const es = groupFlowBytes(enc(JSON.stringify(hits)), utf8);
    expect([es.format, es.errors, es.groups.records, es.groups.groups.map((g) => g.r.port)]).toEqual(['calico', [], 2, [80, 81]]);
    const arr = groupFlowBytes(enc(`[${calico(0)},\n${calico(0)}]`), utf8);
    expect([arr.errors, arr.groups.records, arr.groups.groups.length, arr.groups.groups[0]?.tally.flows]).toEqual([[], 2, 1, 2]);
  });

  it('Hubble grouped as read equals reading every record: source ports and times apart, replies skipped, drops kept apart', () => {
    const flow = (i: number) => JSON.stringify({ flow: {
      time: `2026-12-04T10:00:${String(i % 60).padStart(2, '0')}Z`, verdict: i % 9 === 0 ? 'DROPPED' : 'FORWARDED', ...(i % 9 === 0 ? { drop_reason_desc: 'POLICY_DENIED' } : {}),
      IP: { source: '10.0.1.5', destination: `10.0.2.${i % 3}` }, l4: i % 10 === 0 ? { UDP: { source_port: 40000 + i, destination_port: 53 } } : { TCP: { source_port: 40000 + i, destination_port: 80 + (i % 2) } },
      source: { namespace: 'shams', pod_name: 'busybox', labels: ['k8s:run=busybox', 'k8s:io.kubernetes.pod.namespace=shams'] },
      destination: { namespace: 'default', pod_name: `nginx-${i % 3}`, labels: ['k8s:run=nginx'], workloads: [{ name: 'nginx', kind: 'Deployment' }] },
      traffic_direction: i % 4 === 0 ? 'INGRESS' : 'EGRESS', is_reply: i % 7 === 0,
    } });
    const text = `${Array.from({ length: 300 }, (_, i) => flow(i)).join('\n')}\n`;
    const whole = readFlows(text);
    const expected = groupFlows(whole.records);
    const got = groupFlowBytes(enc(text), utf8);
    const byKey = (g: typeof expected) => Object.fromEntries(g.groups.map((x) => [`${x.srcKey}|${x.dstKey}|${x.r.protocol}|${x.r.port}|${x.r.reporter}|${x.r.recorded?.action}`, [x.tally, x.lines]]));
    expect(got.format).toBe('hubble');
    expect([got.groups.records, got.groups.counted]).toEqual([expected.records, expected.counted]);
    expect(byKey(got.groups)).toEqual(byKey(expected));
    expect(got.groups.groups.length).toBeGreaterThan(5);
    expect(got.errors).toEqual(whole.errors);
  });
});
