/**
 * `netpol-canvas bench-flows [--records N] [--size S|M|L|XL]`: flow-log import and hit counting
 * (issue 7) on a generated cluster: N CSV records between its workloads (and the internet),
 * parsed (readFlows) and counted (countHits, both scopes). Prints the figures against the
 * target (1,000,000 records on L in <= 10 s); never fails on a miss.
 */
import { analyzeWorkspace, countHits, readFlows } from '../engine';
import { generateCluster, PRESETS, type PresetName } from '../../fixtures/generate';

/** A small deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function runBenchFlows(records: number, size: PresetName, out: (s: string) => void): number {
  const t0 = performance.now();
  const cluster = generateCluster(PRESETS[size]);
  const session = analyzeWorkspace(cluster.files);
  const workloads = session.result.nodes.filter((n) => n.kind === 'workload');
  const tAnalyze = performance.now() - t0;
  const next = rng(7);
  const ports = [80, 443, 8080, 5432, 6379, 53, 9090];
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  // Real logs repeat their flow keys (aggregation windows): draw from a pool of distinct keys.
  const pool = Array.from({ length: Math.min(20_000, records) }, () => {
    const a = pick(workloads);
    const b = next() < 0.05 ? null : pick(workloads);
    const port = pick(ports);
    const proto = port === 53 ? 'UDP' : 'TCP';
    return `${a.namespace},${a.name},${b ? b.namespace : '-'},${b ? b.name : '203.0.113.7'},${proto},${port},allow,`;
  });
  const lines = ['src_ns,src_name,dst_ns,dst_name,proto,port,action,count'];
  for (let i = 0; i < records; i++) lines.push(`${pick(pool)}${1 + Math.floor(next() * 5)}`);
  const text = lines.join('\n');
  const t1 = performance.now();
  const read = readFlows(text);
  const tParse = performance.now() - t1;
  const t2 = performance.now();
  const report = countHits(session, read.records);
  const tCount = performance.now() - t2;
  const total = tParse + tCount;
  const rss = process.memoryUsage().rss / (1024 * 1024);
  out(`flows bench: ${records.toLocaleString('en')} records (${pool.length.toLocaleString('en')} distinct keys, ${(text.length / 1e6).toFixed(1)} MB CSV) on ${size} (${workloads.length} workloads; analysis ${tAnalyze.toFixed(0)} ms)`);
  out(`  parse ${tParse.toFixed(0)} ms · count (enforced + pending) ${tCount.toFixed(0)} ms · total ${(total / 1000).toFixed(2)} s (${Math.round(records / (total / 1000)).toLocaleString('en')} records/s) · RSS ${rss.toFixed(0)} MiB`);
  out(`  ${report.counted.toLocaleString('en')} counted, ${report.policies.length} policies hit, ${report.unmatched.tally.flows} unmatched flows, ${read.errors.length} bad lines`);
  out(`  target <= 10 s for 1,000,000 on L: ${records >= 1_000_000 && size === 'L' ? (total <= 10_000 ? 'PASS' : 'MISS') : 'not this run'}`);
  return 0;
}
