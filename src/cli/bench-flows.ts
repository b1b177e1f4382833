/**
 * `netpol-canvas bench-flows [--records N] [--size S|M|L|XL]`: flow-log import and hit counting
 * (issue 7) on a generated cluster: N CSV records between its workloads (and the internet),
 * parsed (readFlows) and counted (countHits, both scopes). Prints the figures against the
 * target (1,000,000 records on L in <= 10 s); never fails on a miss.
 */
import { analyzeWorkspace, countHits, groupFlowBytes } from '../engine';
import { generateCluster, PRESETS, type PresetName } from '../../fixtures/generate';
import { generateFlowCsv, generateFlowHubble, generateFlowNdjson } from '../../fixtures/generateFlows';

export function runBenchFlows(records: number, size: PresetName, out: (s: string) => void, log: 'csv' | 'calico' | 'hubble' = 'csv'): number {
  const t0 = performance.now();
  const cluster = generateCluster(PRESETS[size]);
  const session = analyzeWorkspace(cluster.files);
  const workloads = session.result.nodes.filter((n) => n.kind === 'workload');
  const tAnalyze = performance.now() - t0;
  // As bytes, read as the worker reads a file (engine/flows/bytes.ts: line by line, into the groups).
  const generated = log === 'csv' ? generateFlowCsv(workloads, records) : log === 'calico' ? generateFlowNdjson(workloads, records) : generateFlowHubble(workloads, records);
  const keys = generated.keys;
  const bytes = 'text' in generated ? new TextEncoder().encode(generated.text) : generated.bytes;
  const megabytes = bytes.byteLength / 1e6;
  const t1 = performance.now();
  const read = groupFlowBytes(bytes, () => new TextDecoder());
  const tParse = performance.now() - t1;
  const groups = read.groups;
  const t3 = performance.now();
  const report = countHits(session, groups);
  const tCount = performance.now() - t3;
  // What each later analysis costs (an edit, a keystroke): the groups decided again.
  const t4 = performance.now();
  countHits(analyzeWorkspace(cluster.files), groups);
  const tRecount = performance.now() - t4;
  const total = tParse + tCount;
  const rss = process.memoryUsage().rss / (1024 * 1024);
  out(`flows bench: ${records.toLocaleString('en')} records (${keys.toLocaleString('en')} distinct keys, ${megabytes.toFixed(1)} MB ${log === 'csv' ? 'CSV' : log === 'calico' ? 'Calico ndjson' : 'Hubble json'}) on ${size} (${workloads.length} workloads; analysis ${tAnalyze.toFixed(0)} ms)`);
  out(`  read and group (once per log) ${tParse.toFixed(0)} ms · count (enforced + pending) ${tCount.toFixed(0)} ms · total ${(total / 1000).toFixed(2)} s (${Math.round(records / (total / 1000)).toLocaleString('en')} records/s) · RSS ${rss.toFixed(0)} MiB`);
  out(`  ${groups.groups.length.toLocaleString('en')} groups; counted again after an edit (fresh session, nothing cached): ${tRecount.toFixed(0)} ms`);
  out(`  ${report.counted.toLocaleString('en')} counted, ${report.policies.length} policies hit, ${report.unmatched.tally.flows} unmatched flows, ${read.errors.length} bad lines`);
  out(`  target <= 10 s for 1,000,000 on L: ${records >= 1_000_000 && size === 'L' ? (total <= 10_000 ? 'PASS' : 'MISS') : 'not this run'}`);
  return 0;
}
