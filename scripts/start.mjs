// @ts-check
// `npm start`: build, make sure code-server 4.139.1 (VS Code 1.139.1) is installed, serve it on
// 127.0.0.1 with this extension loaded from source and test/workspace open, and print the URL.
// Ctrl+C stops code-server (its whole process group) and removes its temporary folders.
//
//   npm start [-- --version 1.100.3] [-- --port 8080]
import { execFileSync } from 'node:child_process';
import { CODE_SERVER_FOR, isInstalled, ROOT, startCodeServer, workbenchUrl, WORKSPACE } from './real-vscode/launch.mjs';

/**
 * The value after `name` on the command line, else `fallback`.
 * @overload
 * @param {string} name
 * @param {string} fallback
 * @returns {string}
 */
/**
 * @overload
 * @param {string} name
 * @returns {string | undefined}
 */
/**
 * @param {string} name
 * @param {string} [fallback]
 */
function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const vscodeVersion = argValue('--version', '1.139.1');
const csVersion = CODE_SERVER_FOR[vscodeVersion];
if (!csVersion) {
  console.error(`start: unknown VS Code version ${vscodeVersion}; one of ${Object.keys(CODE_SERVER_FOR).join(', ')}`);
  process.exit(2);
}

/**
 * Runs one step; a failure ends the start with one line that says what to do.
 * @param {string} what
 * @param {string[]} argv
 * @param {string} remedy
 */
function step(what, argv, remedy) {
  try {
    execFileSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: 'inherit' });
  } catch {
    console.error(`\nstart: ${what} failed. ${remedy}`);
    process.exit(1);
  }
}

step('the build', ['npm', 'run', '--silent', 'build'], 'Fix the error above, then run npm start again.');
if (!isInstalled(vscodeVersion)) {
  console.log(`start: first run: installing VS Code ${vscodeVersion} (code-server ${csVersion}) and Chromium into .vscode-test-offline/;`);
  console.log('start: this usually takes 2-5 minutes (native modules are compiled); later starts take seconds.');
}
step(
  `installing code-server ${csVersion}`,
  ['bash', 'scripts/setup-real-vscode.sh', csVersion],
  'Read the lines above (the install log is in .vscode-test-offline/), then run npm start again.',
);

const server = await startCodeServer({ vscodeVersion, port: argValue('--port') ? Number(argValue('--port')) : undefined });
const url = workbenchUrl(server, { folder: WORKSPACE, extensionDevelopmentPath: ROOT });
console.log(`\nDropout Playground in VS Code ${vscodeVersion} (code-server ${csVersion}):\n\n  ${url}\n`);
console.log('Open it in a browser, select numbers, run "Dropout: Open Playground on Selection". Ctrl+C stops.');
console.log('After editing the sources: npm run build (or npm run watch), then "Developer: Reload Window".');
// Stay up until Ctrl+C; launch.mjs kills code-server's process group on SIGINT/SIGTERM and on exit.
await new Promise(() => {});
