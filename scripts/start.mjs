// `npm start`: build, make sure code-server 4.139.1 (VS Code 1.139.1) is installed, and serve it on
// 127.0.0.1 with this extension loaded from source and test/workspace open. Open the printed URL in
// a browser. Ctrl+C stops everything started here.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSCODE_VERSION = process.env.DROPOUT_VSCODE_VERSION ?? '1.139.1';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`start: ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

run('npm', ['run', 'build']);

const launch = await import('./real-vscode/launch.mjs');
try {
  launch.codeServerInstall(VSCODE_VERSION);
} catch {
  console.log(`start: code-server for VS Code ${VSCODE_VERSION} is missing; installing it (a few minutes, once)`);
  run('bash', [path.join(ROOT, 'scripts', 'setup-real-vscode.sh')]);
}

const server = await launch.startCodeServer({
  vscodeVersion: VSCODE_VERSION,
  settings: { 'git.openRepositoryInParentFolders': 'never' },
});
const url = launch.workbenchUrl(server, { folder: launch.WORKSPACE, extensionDevelopmentPath: ROOT });
console.log(`\nDropout Playground in VS Code ${VSCODE_VERSION} (code-server): open\n\n  ${url}\n`);
console.log('Select numbers in a file, then run "Dropout: Open Playground on Selection" (Ctrl+Alt+D).');
console.log('After changing the source: npm run build, then reload the browser tab. Ctrl+C stops the server.');

// launch.mjs kills the server's process group on exit and on Ctrl+C; keep running until then.
await new Promise(() => setInterval(() => {}, 1 << 30));
