// The integration tier: the suite in ./suite runs INSIDE a real VS Code extension host, once per
// supported VS Code version, through @vscode/test-electron's runTests.
//
// Offline (default): vscodeExecutablePath is a stand-in that runs the suite in code-server +
// Chromium (scripts/real-vscode/), so no download from Microsoft is needed.
// With --download (npm run test:electron): test-electron downloads desktop VS Code as usual.
//
//   node out/test/integration/runTest.js [--version 1.100.3] [--download]
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/** Our engines.vscode floor and the newest release. */
const VERSIONS = ['1.100.3', '1.139.1'];

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const download = process.argv.includes('--download');
  const only = argValue('--version');
  const versions = only ? only.split(',') : VERSIONS;
  const standIn = path.join(root, 'scripts', 'real-vscode', 'vscode-standin.mjs');
  let failed = 0;
  for (const version of versions) {
    const started = Date.now();
    try {
      await runTests({
        ...(download ? { version } : { vscodeExecutablePath: standIn }),
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(__dirname, 'suite', 'index'),
        launchArgs: [path.join(root, 'test', 'workspace'), '--disable-extensions'],
        extensionTestsEnv: {
          DROPOUT_VSCODE_VERSION: version,
          DROPOUT_TEST_TIER: `integration ${version}`,
          // The stand-in installs the test-only debugpy adapter; desktop VS Code (--download) has none, and the debugger suite is skipped.
          ...(download ? {} : { DROPOUT_TEST_DEBUG_ADAPTER: '1' }),
        },
      });
    } catch (error) {
      failed++;
      console.error(`integration ${version}: run failed (${error instanceof Error ? error.message : String(error)})`);
    }
    console.log(`integration ${version}: wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
