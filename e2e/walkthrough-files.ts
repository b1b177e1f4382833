import { readFileSync } from 'node:fs';

/** The walkthrough's policies.yaml at each step, read from the same files the app bundles. */
export const STEP_POLICIES: readonly string[] = [
  '# No policies yet: everything is allowed.\n',
  ...[1, 2, 3].map((i) => readFileSync(new URL(`../examples/walkthrough/step-${i}.yaml`, import.meta.url), 'utf8')),
];
