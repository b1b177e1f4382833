import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runHits } from './hits';

const root = fileURLToPath(new URL('../../', import.meta.url));
const workspace = [`${root}examples/walkthrough/cluster.yaml`, `${root}examples/walkthrough/step-3.yaml`];

function capture(fn: (out: (s: string) => void, err: (s: string) => void) => number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = fn((s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hits (CLI)', () => {
  it('per policy and rule, enforced and pending; unreadable lines as file:line and exit 1', () => {
    const r = capture((o, e) => runHits([`${root}fixtures/flows/simple.csv`], workspace, 'txt', o, e));
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toContain('tier default · NetworkPolicy default/allow-nginx-ingress-from-busybox: enforced allow 12 · pending allow 12');
    expect(r.out.split('\n')).toContain('  egress rule 0: enforced allow 15 · pending allow 15');
    expect(r.out.split('\n').pop()).toBe('3 record(s), 3 counted');
    expect(r.err).toContain('fixtures/flows/simple.csv:4: bad port "99999"');
    expect(r.err).toContain('fixtures/flows/simple.csv:5: unknown protocol "XTP"');
  });

  it('json, and a clean file exits 0', () => {
    const r = capture((o, e) => runHits([`${root}fixtures/flows/calico-ee.ndjson`, `${root}fixtures/flows/hubble.ndjson`], workspace, 'json', o, e));
    const report = JSON.parse(r.out) as { records: number; unmatched: { tally: { flows: number } } };
    expect(report.records).toBe(6); // 3 Calico + 3 Hubble records; the shop cluster is not this workspace
    expect(report.unmatched.tally.flows).toBeGreaterThan(0);
    expect(r.code).toBe(1); // both files have bad lines
    const clean = join(mkdtempSync(join(tmpdir(), 'npc-hits-')), 'ok.csv');
    writeFileSync(clean, 'src_ns,src_name,dst_ns,dst_name,proto,port,action,count\nshams,busybox,default,nginx,TCP,80,allow,2\n');
    const ok = capture((o, e) => runHits([clean], workspace, 'txt', o, e));
    expect(ok.code).toBe(0);
    expect(ok.err).toBe('');
    const missing = capture((o, e) => runHits([`${root}fixtures/flows/nope.csv`], workspace, 'txt', o, e));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.csv');
  });
});
