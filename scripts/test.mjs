// `npm test`: every check in order, stopping at the first failure, ending with one plain line
// `N passed, M failed` that totals every suite run (CI reads that line, not the runners').
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

let passed = 0;
let failed = 0;
// Stale reports from an earlier run must never be counted.
rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const finish = (code) => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(code);
};

const step = (name, cmd, args, count) => {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const counted = count ? count(r.stdout ?? '') : null;
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  } else if (r.status === 0) passed += 1;
  else failed += 1;
  if (r.status !== 0) {
    if (counted && counted.failed === 0) failed += 1; // the step failed without a failing test: count it
    console.error(`\n${name} failed (exit ${r.status}); stopping.`);
    finish(1);
  }
};

const fromJson = (file, read) => () => {
  if (!existsSync(file)) return null;
  try {
    return read(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
};

step('typecheck', 'npx', ['tsc', '-b', 'tsconfig.json']);
step('lint', 'npx', ['eslint', '--max-warnings=0', '.']);
step('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'],
  fromJson('test-results/unit.json', (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests })));

if (existsSync('../shared/corpus')) {
  // The corpus pass count may only go up: the ratchet file holds the floor (issue 3 raises it).
  const { minPassed } = JSON.parse(readFileSync('conformance/ratchet.json', 'utf8'));
  step('conformance', 'node', ['bin/netpol-canvas.mjs', 'conformance', '../shared/corpus', '--min-pass', String(minPassed), '--exceptions', 'conformance/exceptions.json']);
} else {
  console.log('\n=== conformance: skipped, ../shared/corpus does not exist here');
}

step('build', 'npx', ['vite', 'build']);
step('e2e (Chromium)', 'npx', ['playwright', 'test'],
  fromJson('test-results/e2e.json', (j) => ({ passed: j.stats.expected + (j.stats.flaky ?? 0), failed: j.stats.unexpected })));
finish(0);
