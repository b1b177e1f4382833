/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The app talks to nothing but its own origin. Applied to the production build only: the dev
// server injects inline scripts (React refresh) that a strict policy would block.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'netpol-canvas-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

// monaco-editor >= 0.56 has an `exports` map that breaks the deep imports monaco-yaml's
// worker manager makes (toolchain.md E3); point them at the real files.
const monacoVs = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs', import.meta.url));

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  resolve: {
    alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${monacoVs}/$1` }],
  },
  optimizeDeps: {
    include: [
      'monaco-editor/editor',
      'monaco-editor/features/register.all',
      'monaco-editor/languages/definitions/yaml/register',
      'monaco-yaml',
      'monaco-yaml/yaml.worker.js',
      'elkjs/lib/elk-api.js',
      'elkjs/lib/elk-worker.min.js',
      'yaml',
    ],
  },
  build: {
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'fixtures/**/*.test.ts'],
    environment: 'node',
  },
});
