/**
 * `netpol-canvas conformance DIR [--min-pass N]`: runs every case.json under DIR (corpus
 * README "case.json (common format)") and every selector_vectors.json, prints per-source and
 * per-query-kind counts, and ends with the line `N passed, M failed`.
 *
 * - connectivity: every ordered pair, named and compared by the case's `conventions` (see
 *   ./conformance/connectivity.ts), focus options applied;
 * - validation: the engine must report at least one error diagnostic;
 * - probe: single flows between `ns/pod` and `ip:<address>` ends;
 * - selector vectors: one case each (match, parse-error, canonical, tokenizer).
 * Cases whose `expected` is null (raw only) are skipped as "not normalized", never counted as
 * passed or failed. No case is special-cased: what the engine does not model yet fails.
 */
import { readFileSync } from 'node:fs';
import { caseId, discover, fail, relPath, sourceGroup, type Outcome } from './conformance/cases';
import { defaultJobs, runTasks } from './conformance/pool';
import { checkSelectorVectors, type SelectorVectors } from './conformance/selector';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** Also list every failing case with a one-line reason, and the failure categories with counts. */
  verbose?: boolean;
  /** Helper processes next to this one (default: one per extra core, at most 3; 0 = run everything here). */
  jobs?: number;
  /** Reviewed cases whose expectation is wrong per semantics.md, by case id (see {@link readExceptions}). */
  exceptions?: Map<string, { reason: string; spec: string }>;
}

/** Reads a reviewed-exceptions file: `{cases: [{id, spec, reason}]}`; every entry needs all three. */
export function readExceptions(file: string): Map<string, { reason: string; spec: string }> {
  const j = JSON.parse(readFileSync(file, 'utf8')) as { cases?: { id?: unknown; spec?: unknown; reason?: unknown }[] };
  const out = new Map<string, { reason: string; spec: string }>();
  for (const c of j.cases ?? []) {
    if (typeof c.id !== 'string' || typeof c.spec !== 'string' || typeof c.reason !== 'string' || c.reason.length < 20) {
      throw new Error(`${file}: every exception needs an id, a spec section and a real reason (${JSON.stringify(c)})`);
    }
    out.set(c.id, { reason: c.reason, spec: c.spec });
  }
  return out;
}

interface Result {
  source: string;
  kind: string;
  id: string;
  outcome: Outcome;
}

function pad(s: string | number, n: number, right = false): string {
  const t = String(s);
  return right ? t.padStart(n) : t.padEnd(n);
}

/**
 * Runs the conformance corpus under `dir` and prints the report through `out`; the last line
 * is exactly `N passed, M failed`. Returns the exit code: 1 when fewer than `minPass` cases
 * passed, or (without `minPass`) when any case failed; else 0.
 */
export function runConformance(
  dir: string, minPass: number | undefined, out: (s: string) => void,
  options: ConformanceOptions = { verbose: process.env.NETPOL_CONFORMANCE_VERBOSE === '1' },
): number {
  if (minPass !== undefined && !Number.isFinite(minPass)) {
    out('--min-pass needs a number');
    return 2;
  }
  const t0 = performance.now();
  const results: Result[] = [];
  const { cases, vectors } = discover(dir);
  const tasks = cases.map((file) => ({ file, id: caseId(dir, file) }));
  runTasks(tasks, options.jobs ?? defaultJobs()).forEach(({ kind, outcome }, i) => {
    results.push({ source: sourceGroup(dir, cases[i]!), kind, id: tasks[i]!.id, outcome });
  });
  for (const file of vectors) {
    const source = sourceGroup(dir, file);
    let v: SelectorVectors;
    try {
      v = JSON.parse(readFileSync(file, 'utf8')) as SelectorVectors;
    } catch (e) {
      results.push({ source, kind: 'selector', id: relPath(dir, file), outcome: fail('unreadable vectors file', e instanceof Error ? e.message : String(e)) });
      continue;
    }
    for (const r of checkSelectorVectors(v, relPath(dir, file))) results.push({ source, ...r });
  }

  const counts = new Map<string, { source: string; kind: string; pass: number; fail: number; skip: number }>();
  for (const r of results) {
    const key = `${r.source}\u0000${r.kind}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { source: r.source, kind: r.kind, pass: 0, fail: 0, skip: 0 }));
    c[r.outcome.status]++;
  }
  // Reviewed exceptions: a failing listed case is counted apart; a passing one is stale.
  const exceptions = options.exceptions ?? new Map<string, { reason: string; spec: string }>();
  const excepted: Result[] = [];
  const stale: string[] = [];
  for (let i = results.length - 1; i >= 0; i--) {
    const r = results[i]!;
    const entry = exceptions.get(r.id) ?? exceptions.get(`${r.source}/${r.id}`);
    if (!entry) continue;
    if (r.outcome.status === 'fail') {
      excepted.push(r);
      results.splice(i, 1);
    } else if (r.outcome.status === 'pass') stale.push(r.id);
  }
  for (const s of stale) results.push({ source: 'exceptions', kind: 'stale', id: s, outcome: fail('stale exception', `${s} passes now: remove it from the exceptions list`) });
  const passed = results.filter((r) => r.outcome.status === 'pass').length;
  const failed = results.filter((r) => r.outcome.status === 'fail').length;
  const skipped = results.filter((r) => r.outcome.status === 'skip');

  if (options.verbose) {
    const categories = new Map<string, number>();
    for (const r of results) {
      if (r.outcome.status === 'fail') {
        out(`FAIL ${r.source} ${r.kind} ${r.id}: ${r.outcome.reason}`);
        categories.set(r.outcome.category, (categories.get(r.outcome.category) ?? 0) + 1);
      } else if (r.outcome.status === 'skip') out(`SKIP ${r.source} ${r.kind} ${r.id}: ${r.outcome.reason}`);
    }
    out('');
    out('failures by reason:');
    for (const [cat, n] of [...categories].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) out(`${pad(n, 6, true)}  ${cat}`);
    out('');
  }

  const w = Math.max(6, ...results.map((r) => r.source.length)) + 2;
  out(`${pad('source', w)}${pad('kind', 14)}${pad('passed', 8, true)}${pad('failed', 8, true)}${pad('skipped', 9, true)}`);
  const sorted = [...counts.values()].sort((a, b) => (a.source + a.kind < b.source + b.kind ? -1 : 1));
  for (const c of sorted) out(`${pad(c.source, w)}${pad(c.kind, 14)}${pad(c.pass, 8, true)}${pad(c.fail, 8, true)}${pad(c.skip, 9, true)}`);
  const reasons = new Map<string, number>();
  for (const r of skipped) if (r.outcome.status === 'skip') reasons.set(r.outcome.reason, (reasons.get(r.outcome.reason) ?? 0) + 1);
  out(`${pad('total', w)}${pad('', 14)}${pad(passed, 8, true)}${pad(failed, 8, true)}${pad(skipped.length, 9, true)}`);
  if (skipped.length > 0) out(`skipped: ${[...reasons].map(([r, n]) => `${n} ${r}`).join('; ')}`);
  out(`${results.length} cases from ${cases.length} case.json and ${vectors.length} vector file(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (excepted.length > 0) {
    out(`${excepted.length} reviewed exception(s), not counted (expectation wrong per semantics.md):`);
    for (const r of excepted.reverse()) {
      const e = exceptions.get(r.id) ?? exceptions.get(`${r.source}/${r.id}`)!;
      out(`  ${r.id} (${e.spec}): ${e.reason}`);
    }
  }
  if (minPass !== undefined) out(`floor: at least ${minPass} must pass`);
  out(`${passed} passed, ${failed} failed`);
  if (stale.length > 0) return 1;
  if (minPass !== undefined) return passed < minPass ? 1 : 0;
  return failed > 0 ? 1 : 0;
}
