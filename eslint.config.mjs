// @ts-check
// Flat config. The rule that matters most: the engine, the parser and the
// protocol stay pure (no vscode, Node or DOM), so they run in the Node host,
// the browser host, the webview and plain unit tests alike.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['vscode', 'fs', 'path', 'os', 'crypto', 'util', 'child_process', 'worker_threads', 'events', 'buffer'];
const domGlobals = ['window', 'document', 'navigator', 'self', 'process', 'Buffer', 'require', 'acquireVsCodeApi'];

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
    files: ['src/engine/**/*.ts', 'src/parse/**/*.ts', 'src/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The engine, parser and protocol are pure: no vscode, Node or DOM.' })),
        patterns: [{ group: ['node:*', 'vscode*'], message: 'The engine, parser and protocol are pure: no vscode, Node or DOM.' }],
      }],
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: 'The engine, parser and protocol are pure: no vscode, Node or DOM.' }))],
    },
  },
  // The Node scripts (build, this file, test runners, benchmark) are linted too, although the
  // first block ignores JavaScript in general; scripts/tsconfig.json type-checks the same files.
  // webview-preview.mjs is left out while it is being rewritten.
  {
    ignores: ['!scripts/**/*.mjs', '!esbuild.mjs', '!eslint.config.mjs', '!test/tierReporter.js', 'scripts/webview-preview.mjs'],
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
