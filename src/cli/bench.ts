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
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeWorkspace, reanalyze, type Session } from '../engine';
// Phase timings need the two halves of analyzeWorkspace, which the engine entry does not export.
import { computeConnectivity } from '../engine/matrix/connectivity';
import { clearReadCache } from '../engine/parse/documents';
import { buildWorkspace } from '../engine/parse/workspace';
import { generateCluster, PRESETS, type PresetName } from '../../fixtures/generate';
import { figures, fmtMs, report, WARMUP_MS, type Event, type SizeResult } from './bench-report';

const SIZES = Object.keys(PRESETS) as PresetName[];
/** A size whose single run takes longer than this gets no further runs. */
const RUN_LIMIT_MS = 120_000;
const MAX_WARMUPS = 10;
const DEFAULT_MAX_SECONDS = 240;
const MIB = 1024 * 1024;


// ---------------------------------------------------------------------------------------------
// Child: one size


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
// Parent: spawn, collect, print (the figures and the report: ./bench-report.ts)

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
