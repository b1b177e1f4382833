import { describe, expect, it } from 'vitest';
import { readFlows } from './readers';
import { readFlowBytes } from './bytes';

const utf8 = () => new TextDecoder();

const enc = (t: string) => new TextEncoder().encode(t);
const calico = (i: number) => JSON.stringify({ reporter: 'src', proto: 'tcp', dest_port: 80 + (i % 3), num_flows: 1, source_type: 'wep', source_namespace: 'shams', source_name_aggr: 'busybox', dest_type: 'wep', dest_namespace: 'default', dest_name_aggr: 'nginx', action: 'allow' });

describe('readFlowBytes: a file too large for one string is read line by line', () => {
  it('ndjson over the limit: the same records and line numbers as the whole text, bad lines located', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i === 1234 ? '{"broken": ' : calico(i)));
    const text = `${lines.join('\n')}\n`;
    const whole = readFlows(text);
    const progress: [number, number][] = [];
    // A limit of 1 KB forces the line path; chunks of 64 KB cut lines in two.
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
});
