#!/usr/bin/env node
// @ts-check
// Stands in for the VS Code executable that @vscode/test-electron would download: it takes the same
// argv (`--extensionDevelopmentPath=… --extensionTestsPath=… <folder>` plus desktop flags it ignores),
// runs the suite in code-server + Chromium, and exits with the suite's code. The VS Code version comes
// from DROPOUT_VSCODE_VERSION (test-electron passes extensionTestsEnv through to us).
import path from 'node:path';
import { runExtensionTests } from './run-extension-tests.mjs';
import { packDebugAdapter, VSCODE_VERSIONS, WORKSPACE } from './launch.mjs';

const argv = process.argv.slice(2);
/** @type {string[]} */
const developmentPaths = [];
let testsPath;
let folder;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  const [flag, value] =
    arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
  if (flag === '--extensionDevelopmentPath') developmentPaths.push(value ?? argv[++i]);
  else if (flag === '--extensionTestsPath') testsPath = value ?? argv[++i];
  else if (flag === '--user-data-dir' || flag === '--extensions-dir') {
    if (value === undefined) i++;
  } // code-server gets its own throwaway dirs
  else if (!arg.startsWith('-') && folder === undefined) folder = arg;
}
if (!testsPath || developmentPaths.length !== 1) {
  console.error('vscode-standin: needs --extensionTestsPath and one --extensionDevelopmentPath');
  process.exit(2);
}
const vscodeVersion = process.env.DROPOUT_VSCODE_VERSION ?? VSCODE_VERSIONS[0];
const code = await runExtensionTests({
  vscodeVersion,
  extensionDevelopmentPath: path.resolve(developmentPaths[0]),
  extensionTestsPath: path.resolve(testsPath),
  folder: folder ? path.resolve(folder) : WORKSPACE,
  // The debugger suite's test-only adapter for the `python` debug type, installed beside ours.
  vsixes: process.env.DROPOUT_TEST_DEBUG_ADAPTER ? [packDebugAdapter()] : [],
});
process.exit(code);
