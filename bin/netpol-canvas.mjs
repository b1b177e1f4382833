#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx netpol-canvas` needs no build step. tsx is
// resolved from this package, not from the caller's directory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tsx = import.meta.resolve('tsx');
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const r = spawnSync(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
