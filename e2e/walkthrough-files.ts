import { readFileSync } from 'node:fs';

const step = (i: number) => readFileSync(new URL(`../examples/walkthrough/step-${i}.yaml`, import.meta.url), 'utf8');

/** The walkthrough's policies.yaml at each step, read from the same files the app bundles (src/app/demo.ts). */
export const STEP_POLICIES: readonly string[] = [0, 1, 2, 3].map(step).concat([`${step(3)}---\n${step(4)}`, `${step(3)}---\n${step(5)}`]);

/** The demo's flow log (loaded on first start and by "Reset demo"). */
export const DEMO_FLOWS_FILE = 'demo-flows.ndjson';
