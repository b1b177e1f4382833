// The YAML language worker. A local file imported with `?worker` (monaco-yaml's Vite recipe):
// importing `monaco-yaml/yaml.worker.js?worker` directly makes the dev server re-optimise
// dependencies and reload the page on first load (toolchain.md 3.2).
import 'monaco-yaml/yaml.worker.js';
