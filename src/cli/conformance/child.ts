/**
 * Helper process of ./pool.ts: `child.ts QUEUE CLAIMS OUT` runs every queue position it can
 * claim and appends one JSON line per result to OUT.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { claim, type ResultLine, type Task } from './pool';
import { runCase } from './run';

const [queueFile, claims, out] = process.argv.slice(2) as [string, string, string];
const queue = JSON.parse(readFileSync(queueFile, 'utf8')) as (Task & { index: number })[];
for (let q = 0; q < queue.length; q++) {
  if (!claim(claims, q)) continue;
  const t = queue[q]!;
  const line: ResultLine = { index: t.index, result: runCase(t.file, t.id) };
  appendFileSync(out, `${JSON.stringify(line)}\n`);
}
