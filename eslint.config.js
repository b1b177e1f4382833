// Lint = the layer rule written once, as config, with a "do this instead" message each.
// ui -> state -> worker -> engine; app composes; cli -> engine. Heavy libraries live in one folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (pattern, message) => ({ group: pattern, message });
const engineOnlyTypes = { group: ['**/engine', '**/engine/*', '**/engine/**'], allowTypeImports: true,
  message: 'UI code reads engine results from the store and asks the worker for more; import engine *types* only.' };

const noEval = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
  'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render user strings through React so they are escaped.' }],
};

function restrict(patterns, paths = []) {
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] };
}

const ZUSTAND = layer(['zustand', 'zustand/*'], 'Only src/state imports zustand: use useAppStore / the store from src/state.');
const XYFLOW = layer(['@xyflow/react', '@xyflow/*'], 'Only src/ui/graph imports React Flow: put graph code there.');
const MONACO = layer(['monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'monaco-yaml/*'], 'Only src/ui/editor imports Monaco: use PolicyEditor (lazy) and its types from src/ui/editor/types.');
const REACT = layer(['react', 'react-dom', 'react/*', 'react-dom/*'], 'This layer has no UI: React belongs to src/ui and src/app.');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      ...noEval,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/app/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: restrict([
      layer(['**/worker/**', '**/state/**', '**/ui/**', '**/app/**', '**/cli/**'], 'The engine is the pure core: nothing outside src/engine may be imported here.'),
      ZUSTAND, XYFLOW, MONACO, REACT,
      layer(['node:*', 'fs', 'path', 'child_process'], 'The engine runs in the browser too: callers pass file contents in.'),
    ]),
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: restrict([
      layer(['**/state/**', '**/ui/**', '**/app/**', '**/cli/**'], 'The worker is a thin dispatcher over the engine; it knows nothing of the UI.'),
      ZUSTAND, XYFLOW, MONACO, REACT,
    ]),
  },
  {
    files: ['src/state/**/*.ts'],
    rules: restrict([
      layer(['**/ui/**', '**/app/**', '**/cli/**'], 'State does not know the UI: the UI reads the store.'),
      XYFLOW, MONACO,
    ]),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['src/ui/editor/**', 'src/ui/graph/**'],
    rules: restrict([layer(['**/app/**', '**/cli/**', '**/worker/**'], 'UI talks to the engine through the store (src/state) or callbacks from src/app.'), engineOnlyTypes, ZUSTAND, XYFLOW, MONACO]),
  },
  {
    files: ['src/ui/graph/**/*.{ts,tsx}'],
    rules: restrict([layer(['**/app/**', '**/cli/**', '**/worker/**'], 'UI talks to the engine through the store (src/state) or callbacks from src/app.'), engineOnlyTypes, ZUSTAND, MONACO]),
  },
  {
    files: ['src/ui/editor/**/*.{ts,tsx}'],
    rules: restrict([layer(['**/app/**', '**/cli/**', '**/worker/**'], 'UI talks to the engine through the store (src/state) or callbacks from src/app.'), engineOnlyTypes, ZUSTAND, XYFLOW]),
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    rules: restrict([ZUSTAND, XYFLOW, MONACO, layer(['**/cli/**'], 'The CLI is Node-only.')]),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict([layer(['**/worker/**', '**/state/**', '**/ui/**', '**/app/**'], 'The CLI runs the engine directly in Node.'), ZUSTAND, XYFLOW, MONACO, REACT]),
  },
);
