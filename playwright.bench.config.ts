import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run bench:ui`: the browser benchmark (figures printed, never a pass/fail on speed).
// Same Debian chromium and production build as the e2e tests, its own port and folder, so
// `npm test` never runs it.
const port = Number(process.env.BENCH_UI_PORT ?? 4190);

export default defineConfig({
  ...base,
  testDir: 'e2e/bench',
  testMatch: '**/*.bench.ts',
  reporter: [['list']],
  timeout: 15 * 60_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
  },
});
