/**
 * `netpol-canvas bench [--sizes S,M,L,XL] [--runs N] [--max-seconds S]`:
 * speed and memory figures of the engine on synthetic clusters (fixtures/generate.ts).
 * Benchmarks report, tests assert: a missed target prints MISS and the exit code stays 0.
 *
 * Each size runs in its own child process (same Node flags, so `--cpu-prof` gives one
 * profile per size), which keeps peak RSS per size honest and lets the parent kill a size
 * that runs past `--max-seconds` (analyzeWorkspace is synchronous and cannot be interrupted
 * from inside). The child prints one JSON line per event on stdout. Next to it runs a small
 * sampler process (`bench --sampler PID`, Linux /proc) that prints the child's RSS and peak
 * RSS every second into the same pipe, so even a killed size leaves a memory figure.
 *
 * Per run (warm-up runs are not counted: one, more while they took less than 2 s in all, so
 * that small sizes are not measured while the JIT is still tiering up), in this order:
 * - parse+build: buildWorkspace(files) (YAML, objects, endpoints, compiled policies);
 * - evaluation: computeConnectivity(workspace) on that workspace (every ordered pair);
 * - full: analyzeWorkspace(files) end to end (the two above plus the result objects);
 * parse+build and full start cold: the engine's per-file reading cache is cleared first, so
 * the YAML is parsed as on a first load or a CLI run (a warm cache would hide that cost);
 * then "re-evaluation after editing one policy": one Kubernetes NetworkPolicy's port
 * changed, `reanalyze` from the previous session (the engine's incremental path, what the
 * worker does on each edit). Runs chain like edits do: each run edits the result of the
 * previous one, alternating between two ports.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeWorkspace, reanalyze, type Session } from '../engine';
// Phase timings need the two halves of analyzeWorkspace, which the engine entry does not export.
import { computeConnectivity } from '../engine/matrix/connectivity';
import { clearReadCache } from '../engine/parse/documents';
import { buildWorkspace } from '../engine/parse/workspace';
import { generateCluster, PRESETS, type PresetName } from '../../fixtures/generate';

const SIZES = Object.keys(PRESETS) as PresetName[];
/** A size whose single run takes longer than this gets no further runs. */
const RUN_LIMIT_MS = 120_000;
/** Warm-up runs continue until they took this long in all (at least one, at most MAX_WARMUPS). */
const WARMUP_MS = 2000;
const MAX_WARMUPS = 10;
const DEFAULT_MAX_SECONDS = 240;
const MIB = 1024 * 1024;

/**
 * Issue targets (2-core machine, Node). "Full connectivity" is shown twice: end to end
 * (analyzeWorkspace, YAML included) and the evaluation alone (computeConnectivity).
 */
const TARGETS = [
  { size: 'L', what: 'full connectivity, end to end', key: 'full', limit: 150, unit: 'ms' },
  { size: 'L', what: 'full connectivity, evaluation only', key: 'evaluation', limit: 150, unit: 'ms' },
  { size: 'L', what: 're-evaluation after editing one policy', key: 'reeval', limit: 16, unit: 'ms' },
  { size: 'XL', what: 'full connectivity, end to end', key: 'full', limit: 2000, unit: 'ms' },
  { size: 'XL', what: 'full connectivity, evaluation only', key: 'evaluation', limit: 2000, unit: 'ms' },
  { size: 'XL', what: 'peak RSS', key: 'rss', limit: 1024, unit: 'MiB' },
] as const;

// ---------------------------------------------------------------------------------------------
// Child: one size

type Event =
  | { type: 'info'; size: string; pods: number; policies: number; files: number; bytes: number; generateMs: number; stats: Record<string, number>; editTarget: string }
  | { type: 'phase'; run: number; phase: 'parse' | 'evaluation'; ms: number }
  | { type: 'run'; run: number; parseMs: number | null; evalMs: number | null; fullMs: number; heapMiB: number; rssMiB: number }
  | { type: 'shape'; workloads: number; external: number; namespaces: number; endpoints: number; pairs: number; allow: number; partial: number; deny: number; errors: number; warnings: number; policies: number }
  | { type: 'reeval'; run: number; ms: number; changedPairs: number }
  | { type: 'note'; text: string }
  | { type: 'sample'; elapsedMs: number; rssMiB: number; peakMiB: number }
  | { type: 'done'; maxRssMiB: number; heapMiB: number };

function emit(e: Event): void {
  writeSync(1, `${JSON.stringify(e)}\n`);
}

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * Sampler process: prints the RSS (VmRSS) and peak RSS (VmHWM) of `pid` every second until
 * it is gone. Worker threads cannot load TypeScript under tsx on Node 20, hence a process.
 */
function runSampler(pid: number): number {
  const t0 = Date.now();
  writeFileSync(readyFile(pid), '');
  const timer = setInterval(() => {
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      clearInterval(timer); // gone (or no /proc on this platform)
      return;
    }
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    const rss = kib('VmRSS');
    if (Number.isNaN(rss)) {
      clearInterval(timer); // a zombie has no VmRSS line
      return;
    }
    emit({ type: 'sample', elapsedMs: Date.now() - t0, rssMiB: rss / 1024, peakMiB: kib('VmHWM') / 1024 });
  }, 1000);
  return 0;
}

function readyFile(pid: number): string {
  return join(tmpdir(), `netpol-canvas-bench-${pid}.ready`);
}

/** Node flags without the profiler and inspector ones (`--cpu-prof`, `--cpu-prof-dir X`, `--inspect=PORT`, ...). */
function withoutProfiler(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!/^--((cpu|heap)-prof|inspect)/.test(a)) out.push(a);
    else if (/^--(cpu|heap)-prof-(dir|name|interval)$/.test(a)) i++; // its value is the next argument
  }
  return out;
}

/** Starts the sampler; `waitReady` blocks until it runs, so its start-up does not share the CPU with a measurement. */
function startSampler(): { waitReady(): boolean; stop(): void } {
  // No profiler or inspector in the sampler: it would write a useless profile, or take the child's port.
  const execArgv = withoutProfiler(process.execArgv);
  const p = spawn(process.execPath, [...execArgv, MAIN, 'bench', '--sampler', String(process.pid)], { stdio: ['ignore', 'inherit', 'ignore'] });
  p.unref();
  const file = readyFile(process.pid);
  return {
    waitReady() {
      // The event loop is not running here, so a sampler that failed to start shows only as a timeout.
      const deadline = Date.now() + 10_000;
      const cell = new Int32Array(new SharedArrayBuffer(4));
      while (!existsSync(file) && Date.now() < deadline) Atomics.wait(cell, 0, 0, 25);
      const ready = existsSync(file);
      rmSync(file, { force: true });
      return ready;
    },
    stop: () => void p.kill(),
  };
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
}

function runChild(size: PresetName, runs: number, budgetMs: number): number {
  const start = performance.now();
  const sampler = startSampler();
  const spec = PRESETS[size];
  const tg = performance.now();
  const cluster = generateCluster(spec);
  const generateMs = performance.now() - tg;
  if (!sampler.waitReady()) emit({ type: 'note', text: 'the memory sampler did not start within 10 s: if this size is killed, it has no RSS figure' });
  emit({
    type: 'info', size, pods: spec.pods, policies: spec.policies, files: cluster.files.length,
    bytes: cluster.files.reduce((a, f) => a + f.text.length, 0), generateMs, stats: { ...cluster.stats }, editTarget: cluster.editTarget,
  });
  const overBudget = (nextMs: number) => performance.now() - start + nextMs > budgetMs;

  // The session of the latest run, held in a box so that it can be dropped before the next run.
  const box: { last?: Session } = {};
  let lastMs = 0;
  let slow = false;
  let warmups = 0;
  let warmMs = 0;
  for (let counted = 0; counted < runs;) {
    if (warmups > 0 && overBudget(lastMs)) {
      emit({ type: 'note', text: `stopped after ${counted} counted run(s): another would pass the ${Math.round(budgetMs / 1000)} s budget of this size` });
      break;
    }
    // Warm-up (run 0, not counted): once, and again while it took less than WARMUP_MS in all,
    // so that small sizes are measured with optimised code, not while the JIT is still tiering up.
    const warm = warmups === 0 || (counted === 0 && warmMs < WARMUP_MS && warmups < MAX_WARMUPS);
    const run = warm ? 0 : counted + 1;
    delete box.last;
    gc();
    // The phases use engine internals: if those change under the bench, say so and go on end to end.
    let parseMs = NaN;
    let evalMs = NaN;
    try {
      clearReadCache();
      const t0 = performance.now();
      const ws = buildWorkspace(cluster.files);
      parseMs = performance.now() - t0;
      emit({ type: 'phase', run, phase: 'parse', ms: parseMs });
      const t1 = performance.now();
      computeConnectivity(ws, 'enforced');
      evalMs = performance.now() - t1;
      emit({ type: 'phase', run, phase: 'evaluation', ms: evalMs });
    } catch (e) {
      if (warmups === 0) emit({ type: 'note', text: `phase timings unavailable (${e instanceof Error ? e.message : String(e)}): end-to-end figures only` });
    }
    gc();
    clearReadCache();
    const t2 = performance.now();
    box.last = analyzeWorkspace(cluster.files);
    const fullMs = performance.now() - t2;
    const mem = process.memoryUsage();
    emit({ type: 'run', run, parseMs: Number.isNaN(parseMs) ? null : parseMs, evalMs: Number.isNaN(evalMs) ? null : evalMs, fullMs, heapMiB: mem.heapUsed / MIB, rssMiB: mem.rss / MIB });
    lastMs = (Number.isNaN(parseMs) ? 0 : parseMs) + (Number.isNaN(evalMs) ? 0 : evalMs) + fullMs;
    if (warm) {
      warmups++;
      warmMs += lastMs;
    } else counted++;
    if (fullMs > RUN_LIMIT_MS) {
      emit({ type: 'note', text: `one run took ${(fullMs / 1000).toFixed(0)} s (> ${RUN_LIMIT_MS / 1000} s): remaining runs of ${size} skipped` });
      slow = true;
      break;
    }
  }
  emit({ type: 'note', text: `${warmups} warm-up run(s), ${(warmMs / 1000).toFixed(1)} s` });
  const last = box.last;
  if (last) {
    const r = last.result;
    const ws = last.workspace;
    emit({
      type: 'shape',
      workloads: r.nodes.filter((n) => n.kind === 'workload').length,
      external: r.nodes.filter((n) => n.kind === 'external').length,
      namespaces: r.nodes.filter((n) => n.kind === 'namespace').length,
      endpoints: ws.nodes.reduce((a, n) => a + (n.type === 'workload' ? n.endpoints.length : 0), 0),
      pairs: r.counts.allow + r.counts.partial + r.counts.deny, allow: r.counts.allow, partial: r.counts.partial, deny: r.counts.deny,
      errors: r.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: r.diagnostics.filter((d) => d.severity === 'warning').length,
      policies: r.policyCount,
    });
  }
  if (last && !slow && cluster.editTarget !== '') {
    // Large results leave out the edges with nothing allowed: a missing edge is `No Connections`.
    const connections = (r: Session['result']) => new Map(r.edges.map((e) => [e.id, e.connections]));
    const base = connections(last.result);
    let cur = last;
    let reMs = lastMs;
    for (let run = 0; run <= runs; run++) {
      if (overBudget(reMs)) {
        emit({ type: 'note', text: `re-evaluation stopped after ${Math.max(0, run - 1)} counted run(s): budget` });
        break;
      }
      // Alternate between two edits so that no run sees the text of the previous one.
      const files = cluster.editOnePolicy(run % 2 === 0 ? 8081 : 8082);
      gc();
      const t0 = performance.now();
      const s = reanalyze(cur, files);
      reMs = performance.now() - t0;
      let changedPairs = -1;
      if (run === 0) {
        const now = connections(s.result);
        changedPairs = [...new Set([...base.keys(), ...now.keys()])].filter((id) => (base.get(id) ?? 'No Connections') !== (now.get(id) ?? 'No Connections')).length;
      }
      cur = s;
      emit({ type: 'reeval', run, ms: reMs, changedPairs });
    }
  }
  emit({ type: 'done', maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MIB, heapMiB: process.memoryUsage().heapUsed / MIB });
  sampler.stop();
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Parent: spawn, collect, print

interface SizeResult {
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

function fmtMs(ms: number | undefined): string {
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

function figures(r: SizeResult): Figures {
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

function runSize(size: PresetName, runs: number, maxSeconds: number, out: (s: string) => void): SizeResult {
  const execArgv = process.execArgv.includes('--expose-gc') ? process.execArgv : [...process.execArgv, '--expose-gc'];
  // The child keeps a 30 s margin for its last run; the parent kills at the full limit.
  const budget = Math.max(1, maxSeconds - 30) * 1000;
  const load = loadavg()[0] ?? 0;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...execArgv, MAIN, 'bench', '--child', size, '--runs', String(runs), '--budget-ms', String(budget)], {
    encoding: 'utf8', timeout: maxSeconds * 1000, killSignal: 'SIGKILL', maxBuffer: 64 * MIB, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallMs = performance.now() - t0;
  const events: Event[] = [];
  for (const line of (r.stdout ?? '').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      events.push(JSON.parse(line) as Event);
    } catch {
      // a line cut by the kill
    }
  }
  const killed = r.signal === 'SIGKILL' || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  const res: SizeResult = { size, events, wallMs, killed, load };
  if (!killed && r.status !== 0) {
    const lines = (r.stderr ?? '').trim().split('\n');
    const error = lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.slice(-3).join(' | ');
    const at = lines.find((l) => /^\s+at /.test(l))?.trim() ?? '';
    res.crashed = `exit ${r.status ?? r.signal}: ${error}${at ? ` (${at})` : ''}`;
  }
  const info = events.find((e): e is Extract<Event, { type: 'info' }> => e.type === 'info');
  const f = figures(res);
  out(`${size}: ${info ? `${info.pods} pods, ${info.policies} policies, ${info.files} files, ${(info.bytes / MIB).toFixed(1)} MiB of YAML, generated in ${fmtMs(info.generateMs)}` : 'no output'}; `
    + `full ${fmtMs(f.full)} (${f.counted} counted run(s)), wall ${fmtMs(wallMs)}, load ${load.toFixed(1)}${killed ? `, KILLED at ${maxSeconds} s` : ''}${res.crashed ? `, CRASHED ${res.crashed}` : ''}`);
  return res;
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

function report(results: SizeResult[], runs: number, maxSeconds: number, out: (s: string) => void): void {
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

function parseSizes(v: string | undefined): PresetName[] | string {
  if (v === undefined) return SIZES;
  const list = v.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const bad = list.filter((s) => !SIZES.includes(s as PresetName));
  if (bad.length > 0 || list.length === 0) return `unknown size(s) ${bad.join(',') || '(none)'}: use ${SIZES.join(',')}`;
  // Smallest first, XL last (its peak memory must not hide the others').
  return SIZES.filter((s) => list.includes(s));
}

/** `bench [--sizes S,M,L,XL] [--runs N] [--max-seconds S]`; returns the exit code (0 unless it cannot run). */
export function runBench(args: string[], out: (s: string) => void): number {
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(opt('--runs') ?? 5);
  const maxSeconds = Number(opt('--max-seconds') ?? DEFAULT_MAX_SECONDS);
  if (!Number.isInteger(runs) || runs < 1 || !(maxSeconds > 0)) {
    out('usage: bench [--sizes S,M,L,XL] [--runs N>=1] [--max-seconds S]');
    return 2;
  }
  const sampled = opt('--sampler');
  if (sampled !== undefined) return runSampler(Number(sampled));
  const child = opt('--child');
  if (child !== undefined) {
    if (!SIZES.includes(child as PresetName)) return 2;
    return runChild(child as PresetName, runs, Number(opt('--budget-ms') ?? RUN_LIMIT_MS));
  }
  const sizes = parseSizes(opt('--sizes'));
  if (typeof sizes === 'string') {
    out(sizes);
    return 2;
  }
  const results = sizes.map((s) => runSize(s, runs, maxSeconds, out));
  report(results, runs, maxSeconds, out);
  return 0;
}
