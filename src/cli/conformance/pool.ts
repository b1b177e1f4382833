/**
 * Runs the cases on every core while keeping `runConformance` synchronous (the CLI entry
 * calls it as a plain function, and most of the time goes to YAML parsing and evaluation).
 *
 * Helpers are child processes started like this one (same `node` and loader flags; worker
 * threads cannot load TypeScript through tsx on Node 20). Everyone walks the same task list,
 * largest case first, and claims a task by creating `claims/<n>` exclusively, so each task
 * runs once; helpers append one JSON line per result to their own file. The main process does
 * its share, then collects. A helper that fails to start claims nothing, so the main process
 * simply does all the work; a task a helper claimed but never reported (it died) is re-run
 * here after a minute without progress.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Outcome } from './cases';
import { runCase } from './run';

/** One case to run. */
export interface Task {
  file: string;
  id: string;
}

/** What running a task gives. */
export interface TaskResult {
  kind: string;
  outcome: Outcome;
}

/** One line of a helper's results file. */
export interface ResultLine {
  index: number;
  result: TaskResult;
}

const STALL_MS = 60_000;
const POLL_MS = 50;

/** Bytes in the case folder (not recursive): a cheap estimate of how long the case takes. */
function weight(t: Task): number {
  const dir = join(t.file, '..');
  let n = 0;
  try {
    for (const f of readdirSync(dir)) {
      const st = statSync(join(dir, f));
      if (st.isFile()) n += st.size;
    }
  } catch {
    // unreadable folder: runCase reports it
  }
  return n;
}

/** Helper processes to start: one per extra core, at most 3. */
export function defaultJobs(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** Claims queue position `q` for this process; false when someone else has it. */
export function claim(claims: string, q: number): boolean {
  try {
    closeSync(openSync(join(claims, String(q)), 'wx'));
    return true;
  } catch {
    return false;
  }
}

/** Blocks the thread for `ms` (no busy loop). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readLines(file: string, into: (TaskResult | undefined)[]): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n');
  for (const line of text.slice(0, end + 1).split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as ResultLine;
    into[r.index] = r.result;
  }
}

/** Runs every task (here and in `helpers` child processes); results in task order. */
export function runTasks(tasks: readonly Task[], helpers: number): TaskResult[] {
  if (helpers <= 0 || tasks.length < 8) return tasks.map((t) => runCase(t.file, t.id));
  const results: (TaskResult | undefined)[] = new Array(tasks.length);
  const order = tasks.map((t, i) => ({ i, w: weight(t) })).sort((a, b) => b.w - a.w || a.i - b.i).map((x) => x.i);
  const queue = order.map((i) => ({ index: i, ...tasks[i]! }));
  const work = mkdtempSync(join(tmpdir(), 'netpol-conformance-'));
  const claims = join(work, 'claims');
  const children: ChildProcess[] = [];
  const outputs: string[] = [];
  try {
    writeFileSync(join(work, 'queue.json'), JSON.stringify(queue));
    mkdirSync(claims);
    const script = fileURLToPath(new URL('./child.ts', import.meta.url));
    for (let k = 0; k < helpers; k++) {
      const out = join(work, `results-${k}.jsonl`);
      outputs.push(out);
      try {
        const c = spawn(process.execPath, [...process.execArgv, script, join(work, 'queue.json'), claims, out], { stdio: 'ignore' });
        c.on('error', () => {}); // could not start: its share stays unclaimed and is run here
        c.unref();
        children.push(c);
      } catch {
        // same
      }
    }
    const mine = new Set<number>();
    for (let q = 0; q < queue.length; q++) {
      if (!claim(claims, q)) continue;
      const t = queue[q]!;
      results[t.index] = runCase(t.file, t.id);
      mine.add(t.index);
    }
    let done = -1;
    let last = Date.now();
    for (;;) {
      for (const f of outputs) readLines(f, results);
      const now = results.filter((r) => r !== undefined).length;
      if (now === tasks.length) break;
      if (now > done) {
        done = now;
        last = Date.now();
      } else if (Date.now() - last > STALL_MS) break;
      sleep(POLL_MS);
    }
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
    rmSync(work, { recursive: true, force: true });
  }
  return tasks.map((t, i) => results[i] ?? runCase(t.file, t.id));
}
