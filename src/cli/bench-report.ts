/**
 * The parent side of `netpol-canvas bench` (./bench.ts): the events a size's child process
 * prints, the figures taken from them (medians, p95, peak RSS, lower bounds of killed sizes),
 * and the printed report against the issue's targets. No process handling here.
 */
import { availableParallelism } from 'node:os';
import type { PresetName } from '../../fixtures/generate';

/** Warm-up runs continue until they took this long in all (at least one, at most MAX_WARMUPS). */
export const WARMUP_MS = 2000;

/**
 * Issue targets (2-core machine, Node). "Full connectivity" is shown twice: end to end
 * (analyzeWorkspace, YAML included) and the evaluation alone (computeConnectivity).
 */
export const TARGETS = [
  { size: 'L', what: 'full connectivity, end to end', key: 'full', limit: 150, unit: 'ms' },
  { size: 'L', what: 'full connectivity, evaluation only', key: 'evaluation', limit: 150, unit: 'ms' },
  { size: 'L', what: 're-evaluation after editing one policy', key: 'reeval', limit: 16, unit: 'ms' },
  { size: 'XL', what: 'full connectivity, end to end', key: 'full', limit: 2000, unit: 'ms' },
  { size: 'XL', what: 'full connectivity, evaluation only', key: 'evaluation', limit: 2000, unit: 'ms' },
  { size: 'XL', what: 'peak RSS', key: 'rss', limit: 1024, unit: 'MiB' },
] as const;

export type Event =
  | { type: 'info'; size: string; pods: number; policies: number; files: number; bytes: number; generateMs: number; stats: Record<string, number>; editTarget: string }
  | { type: 'phase'; run: number; phase: 'parse' | 'evaluation'; ms: number }
  | { type: 'run'; run: number; parseMs: number | null; evalMs: number | null; fullMs: number; heapMiB: number; rssMiB: number }
  | { type: 'shape'; workloads: number; external: number; namespaces: number; endpoints: number; pairs: number; allow: number; partial: number; deny: number; errors: number; warnings: number; policies: number }
  | { type: 'reeval'; run: number; ms: number; changedPairs: number }
  | { type: 'note'; text: string }
  | { type: 'sample'; elapsedMs: number; rssMiB: number; peakMiB: number }
  | { type: 'done'; maxRssMiB: number; heapMiB: number };

// ---------------------------------------------------------------------------------------------
// Parent: spawn, collect, print

export interface SizeResult {
  size: PresetName;
  events: Event[];
  wallMs: number;
  killed: boolean;
  crashed?: string;
  /** 1-minute load average when the size started (2 cores: above ~1.5 means someone else is busy too). */
  load: number;
}

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank 95th percentile (with few runs, the slowest run). */
function p95(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)];
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function fmtMiB(m: number | undefined): string {
  return m === undefined ? '-' : `${m.toFixed(0)} MiB`;
}

function pad(s: string, n: number, right = true): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function table(rows: string[][], out: (s: string) => void): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  rows.forEach((r, j) => {
    out(r.map((c, i) => pad(c, widths[i]!, i > 0)).join('  '));
    if (j === 0) out(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

interface Figures {
  full: number | undefined;
  fullP95: number | undefined;
  parse: number | undefined;
  evaluation: number | undefined;
  reeval: number | undefined;
  reevalP95: number | undefined;
  rss: number | undefined;
  counted: number;
  /** Only the warm-up run finished: its figure stands in, flagged. */
  coldOnly: boolean;
}

export function figures(r: SizeResult): Figures {
  const runs = r.events.filter((e): e is Extract<Event, { type: 'run' }> => e.type === 'run');
  const counted = runs.filter((e) => e.run > 0);
  const use = counted.length > 0 ? counted : runs;
  const re = r.events.filter((e): e is Extract<Event, { type: 'reeval' }> => e.type === 'reeval');
  const reCounted = re.filter((e) => e.run > 0);
  const reUse = reCounted.length > 0 ? reCounted : re;
  const done = r.events.find((e): e is Extract<Event, { type: 'done' }> => e.type === 'done');
  const samples = r.events.filter((e): e is Extract<Event, { type: 'sample' }> => e.type === 'sample');
  const sampled = samples.length > 0 ? Math.max(...samples.map((s) => s.peakMiB)) : undefined;
  // Phases also finish in a run that is killed later, so they come from their own events.
  const phases = r.events.filter((e): e is Extract<Event, { type: 'phase' }> => e.type === 'phase');
  const phase = (name: 'parse' | 'evaluation') => {
    const all = phases.filter((e) => e.phase === name);
    const warm = all.filter((e) => e.run > 0);
    return median((warm.length > 0 ? warm : all).map((e) => e.ms));
  };
  return {
    full: median(use.map((e) => e.fullMs)),
    fullP95: p95(use.map((e) => e.fullMs)),
    parse: phase('parse'),
    evaluation: phase('evaluation'),
    reeval: median(reUse.map((e) => e.ms)),
    reevalP95: p95(reUse.map((e) => e.ms)),
    rss: done ? done.maxRssMiB : sampled,
    counted: counted.length,
    coldOnly: counted.length === 0 && phases.length > 0,
  };
}


/** Generous allowance for process start, module loading and the sampler start, for lower bounds. */
const STARTUP_ALLOWANCE_MS = 15_000;

/** Time a size spent in steps that finished (generation, phases, runs, re-evaluations). */
function finishedMs(r: SizeResult): number {
  let ms = 0;
  for (const e of r.events) {
    if (e.type === 'info') ms += e.generateMs;
    else if (e.type === 'phase' || e.type === 'reeval') ms += e.ms;
    else if (e.type === 'run') ms += e.fullMs;
  }
  return ms;
}

export function report(results: SizeResult[], runs: number, maxSeconds: number, out: (s: string) => void): void {
  out('');
  out(`netpol-canvas bench: Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs; ${runs} counted run(s) per size after warm-up (>= 1 run, >= ${WARMUP_MS / 1000} s); one child process per size, killed after ${maxSeconds} s`);
  out('(load = 1-minute load average when the size started: well above 1 on this 2-core machine means other work shared the CPU)');
  out('');
  out('Clusters (fixtures/generate.ts; pods = Pod objects + template replicas; endpoints = what the evaluator pairs):');
  const shapeRows: string[][] = [['size', 'pods', 'as Pods', 'in templates', 'endpoints', 'namespaces', 'workload nodes', 'external', 'pairs', 'allow', 'partial', 'deny', 'policies (k8s/calico/global)', 'errors']];
  for (const r of results) {
    const info = r.events.find((e): e is Extract<Event, { type: 'info' }> => e.type === 'info');
    const sh = r.events.find((e): e is Extract<Event, { type: 'shape' }> => e.type === 'shape');
    const st = info?.stats ?? {};
    shapeRows.push([
      r.size, String(info?.pods ?? '-'), String(st.podObjects ?? '-'), info ? `${st.templatePods} (${st.templates})` : '-',
      String(sh?.endpoints ?? '-'), String(sh?.namespaces ?? st.namespaces ?? '-'), String(sh?.workloads ?? '-'), String(sh?.external ?? '-'),
      String(sh?.pairs ?? '-'), String(sh?.allow ?? '-'), String(sh?.partial ?? '-'), String(sh?.deny ?? '-'),
      info ? `${info.policies} (${st.k8sPolicies}/${st.calicoPolicies}/${st.globalPolicies})` : '-', String(sh?.errors ?? '-'),
    ]);
  }
  table(shapeRows, out);
  out('');
  out('Times (median / p95 of counted runs; parse+build = buildWorkspace, evaluation = computeConnectivity, full = analyzeWorkspace;');
  out('parse+build and full are cold (YAML parsed, reading cache cleared); re-eval = reanalyze after one policy edit');
  out('(incremental: only the edited file is read again); heap = heapUsed with the result alive):');
  const rows: string[][] = [['size', 'runs', 'parse+build', 'evaluation', 'full median', 'full p95', 're-eval median', 're-eval p95', 'heap after', 'peak RSS', 'load', 'status']];
  for (const r of results) {
    const f = figures(r);
    const runEvents = r.events.filter((e): e is Extract<Event, { type: 'run' }> => e.type === 'run');
    const lastRun = runEvents[runEvents.length - 1];
    const status = r.crashed ? 'crashed' : r.killed ? (runEvents.length === 0 ? 'killed in run 1' : 'killed') : f.coldOnly ? 'warm-up only' : 'ok';
    rows.push([
      r.size, String(f.counted), `${fmtMs(f.parse)}${f.coldOnly && f.parse !== undefined ? '*' : ''}`, `${fmtMs(f.evaluation)}${f.coldOnly && f.evaluation !== undefined ? '*' : ''}`,
      `${fmtMs(f.full)}${f.coldOnly && f.full !== undefined ? '*' : ''}`, fmtMs(f.fullP95), fmtMs(f.reeval), fmtMs(f.reevalP95),
      fmtMiB(lastRun?.heapMiB), `${fmtMiB(f.rss)}${r.killed || r.crashed ? '+' : ''}`, r.load.toFixed(1), status,
    ]);
  }
  table(rows, out);
  const notes = results.flatMap((r) => r.events.filter((e): e is Extract<Event, { type: 'note' }> => e.type === 'note').map((e) => `${r.size}: ${e.text}`));
  for (const r of results) {
    const re = r.events.find((e): e is Extract<Event, { type: 'reeval' }> => e.type === 'reeval' && e.run === 0);
    const info = r.events.find((e): e is Extract<Event, { type: 'info' }> => e.type === 'info');
    if (re && info) notes.push(`${r.size}: edited ${info.editTarget} (port 8080 -> 8081): ${re.changedPairs} pair(s) changed; re-evaluated with reanalyze (incremental)`);
    if (r.killed) {
      const samples = r.events.filter((e): e is Extract<Event, { type: 'sample' }> => e.type === 'sample');
      const s = samples[samples.length - 1];
      const lastEvent = r.events.filter((e) => e.type === 'phase' || e.type === 'run').pop();
      const where = !lastEvent ? 'before the first parse finished'
        : lastEvent.type === 'phase' && lastEvent.phase === 'parse' ? `in the evaluation (computeConnectivity) of run ${lastEvent.run}, after parse+build took ${fmtMs(lastEvent.ms)}`
          : lastEvent.type === 'phase' ? `in analyzeWorkspace of run ${lastEvent.run}, after evaluation alone took ${fmtMs(lastEvent.ms)}` : 'between runs';
      notes.push(`${r.size}: killed after ${maxSeconds} s ${where}; last RSS sample ${s ? `${fmtMiB(s.rssMiB)} (peak ${fmtMiB(s.peakMiB)}) at ${fmtMs(s.elapsedMs)}` : 'none'} ('+' = at least)`);
    }
  }
  if (results.some((r) => figures(r).coldOnly)) notes.push('* warm-up run only: its (cold) time stands in for the median, and the target rows use it');
  for (const n of notes) out(`  ${n}`);

  out('');
  out('Targets (issue, 2-core machine; times are medians; "> x" = lower bound from a killed size):');
  const trows: string[][] = [['target', 'limit', 'measured', 'result']];
  for (const t of TARGETS) {
    const r = results.find((x) => x.size === t.size);
    let measured: number | undefined;
    let lowerBound = false;
    if (r) {
      const f = figures(r);
      measured = t.key === 'full' ? f.full : t.key === 'evaluation' ? f.evaluation : t.key === 'reeval' ? f.reeval : f.rss;
      const incomplete = r.killed || r.crashed !== undefined;
      if (incomplete && measured === undefined && t.key !== 'rss') {
        // What had not finished ran at least from the end of the last finished step to the kill;
        // a full run also takes longer than its evaluation alone.
        const bound = r.killed ? Math.max(0, maxSeconds * 1000 - finishedMs(r) - STARTUP_ALLOWANCE_MS) : 0;
        measured = t.key === 'full' ? Math.max(bound, f.evaluation ?? 0) : bound;
        lowerBound = true;
      }
      if (incomplete && t.key === 'rss') lowerBound = true;
    }
    const shown = measured === undefined ? 'not run' : lowerBound && measured === 0 ? (r?.crashed ? 'crashed' : 'killed')
      : `${lowerBound ? '> ' : ''}${t.unit === 'ms' ? fmtMs(measured) : fmtMiB(measured)}`;
    const result = measured === undefined ? '-' : lowerBound && !(measured > t.limit) ? 'UNKNOWN' : measured <= t.limit ? 'PASS' : 'MISS';
    trows.push([`${t.size} ${t.what}`, `<= ${t.limit} ${t.unit}`, shown, result]);
  }
  table(trows, out);
}
