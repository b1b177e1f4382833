/**
 * One-time Monaco + monaco-yaml setup, local only (no CDN, no schema downloads).
 * Imported by PolicyEditor.tsx only, so Monaco lands in the lazily loaded editor chunk.
 */
// Slim entry points (monaco-editor >= 0.56): editor core + editor features + the YAML
// tokenizer. The full `monaco-editor` entry would also bundle the TS/CSS/HTML/JSON workers
// (about 9 MB we never use; toolchain.md 2 and 3.2).
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml, type MonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker?worker';
import { WORKSPACE_SCHEMA_URI, workspaceSchema } from './schemas/workspace';

export { monaco };

type WorkerHost = Parameters<typeof monaco.editor.createWebWorker>[0]['host'];

/** What monaco-worker-manager 2.0.1 (inside monaco-yaml 5.5.1) passes to createWebWorker. */
interface LegacyWorkerOptions {
  createData?: unknown;
  host?: WorkerHost;
  keepIdleModels?: boolean;
}

/**
 * monaco-yaml still calls `monaco.editor.createWebWorker({ moduleId, label, createData })`,
 * which monaco >= 0.55 no longer accepts (it wants `{ worker }`): without this, validation
 * silently does nothing (toolchain.md 3.3, error E4; monaco-yaml #272, monaco-editor #5049).
 * We start the worker ourselves and replay the two-message handshake its entry expects:
 * any first message installs the real handler, the second carries createData.
 */
function createYamlWebWorker(opts: LegacyWorkerOptions) {
  const worker = new YamlWorker();
  worker.postMessage('ignore');
  worker.postMessage(opts.createData);
  return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
}

/** A view of the monaco namespace with the legacy createWebWorker, without mutating Monaco's own. */
const monacoForYaml = {
  ...monaco,
  editor: Object.assign(Object.create(monaco.editor) as typeof monaco.editor, { createWebWorker: createYamlWebWorker }),
};

// Monaco's own editor worker (diff, links, word-based suggestions). With the shim above,
// monaco-yaml no longer asks getWorker for a 'yaml' worker.
globalThis.MonacoEnvironment = { getWorker: () => new EditorWorker() };

/**
 * monaco-yaml's types reach Monaco through monaco-types, which imports
 * 'monaco-editor/esm/vs/editor/editor.api.js': monaco 0.57's `exports` map hides that path from
 * TypeScript, so `IDisposable` (the base of MonacoYaml) resolves to nothing. Restate it.
 */
const yaml = configureMonacoYaml(monacoForYaml, {
  // Never fetch a schema: the app must make no request outside its origin.
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  // The source line would show our in-memory uri as a link that leads nowhere.
  hoverSchemaSource: false,
  format: { enable: true },
  schemas: [
    {
      uri: WORKSPACE_SCHEMA_URI,
      // Models are file:///<workspace path>; workspace files may be .yaml, .yml or .json.
      fileMatch: ['**/*.yaml', '**/*.yml', '**/*.json'],
      schema: workspaceSchema,
    },
  ],
}) as MonacoYaml & monaco.IDisposable;

// monaco-yaml allows one configured instance at a time; a hot reload re-runs this module.
import.meta.hot?.dispose(() => yaml.dispose());
