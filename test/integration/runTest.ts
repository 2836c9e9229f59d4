// Runs the integration suite inside a real VS Code extension host through
// @vscode/test-electron's runTests, for each supported VS Code version.
//
// Offline (the default): vscodeExecutablePath is a stand-in that runs the same
// suite in code-server + Chromium (see scripts/real-vscode/). With `--download`
// (npm run test:electron) test-electron downloads desktop VS Code as usual.
//
//   node out/test/integration/runTest.js [--version 1.100.3] [--download]
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const VERSIONS = ['1.100.3', '1.139.1'];

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** "1.100.3" -> "integration 1.100": the tier name the summary line carries. */
function tierName(version: string): string {
  return `integration ${version.split('.').slice(0, 2).join('.')}`;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const download = process.argv.includes('--download');
  const only = argValue('--version');
  const versions = only ? [only] : VERSIONS;
  const standIn = path.join(root, 'scripts', 'real-vscode', 'vscode-standin');
  let failed = 0;
  for (const version of versions) {
    const started = Date.now();
    try {
      await runTests({
        ...(download ? { version } : { vscodeExecutablePath: standIn }),
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(__dirname, 'suite', 'index'),
        launchArgs: [path.join(root, 'test', 'workspace'), '--disable-extensions'],
        extensionTestsEnv: { DROPOUT_VSCODE_VERSION: version, DROPOUT_TEST_TIER: tierName(version) },
      });
    } catch (error) {
      failed++;
      console.error(`${tierName(version)}: run failed (${error instanceof Error ? error.message : String(error)})`);
    }
    console.log(`${tierName(version)}: wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
