// Flat config. The rule that matters most: the engine, the parser and the
// protocol stay pure (no vscode, Node or DOM), so they run in the Node host,
// the browser host, the webview and plain unit tests alike.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    files: ['src/engine/**/*.ts', 'src/parse/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The engine, parser and protocol are pure: no vscode, Node or DOM.' })),
        patterns: [{ group: ['node:*', 'vscode*'], message: 'The engine, parser and protocol are pure: no vscode, Node or DOM.' }],
      }],
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: 'The engine, parser and protocol are pure: no vscode, Node or DOM.' }))],
    },
  },
);
