// @ts-check
// Flat config. Two kinds of rules matter most here:
// - the layers (README, "Layout"): an import only ever points down, from host to controller to
//   compute to view models to shared to the pure core, and the webview imports only shared, the
//   result view model and the engine (to draw a p change of a small input itself, webview/localDraw.ts);
//   import-x's no-restricted-paths fails the lint on an upward import, and its no-cycle on any import cycle;
// - purity: the core, shared and view models use no vscode, Node or DOM, so they run in the Node
//   host, the browser host, the worker, the webview and plain unit tests alike; the controller and
//   the compute side use no vscode.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'util', 'child_process', 'worker_threads', 'events', 'buffer'];
const domGlobals = ['window', 'document', 'navigator', 'self', 'process', 'Buffer', 'require', 'acquireVsCodeApi'];

/** The layers from the top down; each may import only the ones below it. */
const LAYERS = [
  { name: 'host', folders: ['./src/host'] },
  { name: 'controller', folders: ['./src/controller'] },
  { name: 'compute', folders: ['./src/compute'] },
  { name: 'view models', folders: ['./src/viewModels'] },
  { name: 'shared', folders: ['./src/shared'] },
  { name: 'pure core', folders: ['./src/engine', './src/parse'] },
];

const downwardOnly = LAYERS.flatMap((layer, i) =>
  layer.folders.map((target) => ({
    target,
    from: [...LAYERS.slice(0, i).flatMap((above) => above.folders), './webview'],
    message: `The ${layer.name} layer imports only the layers below it (README, "Layout").`,
  })),
);

const webviewZones = [
  {
    target: './webview',
    from: ['./src/host', './src/controller', './src/compute', './src/parse', './src/viewModels/export'],
    message: 'The webview imports only src/shared, the result view model and the engine.',
  },
];

const noVscode = { name: 'vscode', message: 'Only src/host speaks to VS Code.' };
const pure = 'The core, shared and the view models are pure: no vscode, Node or DOM.';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test*/**', 'artifacts/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...downwardOnly, ...webviewZones] }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['src/controller/**/*.ts', 'src/compute/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [{ group: ['vscode*'], message: noVscode.message }] }] },
  },
  {
    files: ['src/engine/**/*.ts', 'src/parse/**/*.ts', 'src/shared/**/*.ts', 'src/viewModels/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', ...nodeBuiltins].map((name) => ({ name, message: pure })),
          patterns: [{ group: ['node:*', 'vscode*'], message: pure }],
        },
      ],
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: pure }))],
    },
  },
  // The Node scripts (build, this file, test runners, benchmark) are linted too, although the
  // first block ignores JavaScript in general; scripts/tsconfig.json type-checks the same files.
  {
    ignores: ['!scripts/**/*.mjs', '!esbuild.mjs', '!eslint.config.mjs', '!test/tierReporter.js'],
  },
  {
    files: ['scripts/**/*.mjs', 'esbuild.mjs', 'eslint.config.mjs', 'test/tierReporter.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Mocha loads its reporter with require(), so this one stays CommonJS.
    files: ['test/tierReporter.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
