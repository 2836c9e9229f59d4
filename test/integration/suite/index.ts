// Loaded by VS Code inside the extension host (extensionTestsPath): runs every *.test.js next to this
// file with mocha 11 and the tier reporter, so the run ends with "integration 1.100.3: N passed, N failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const tier = process.env.DROPOUT_TEST_TIER ?? `integration ${vscode.version}`;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  mocha.reporter(path.join(root, 'test', 'tierReporter.js'), { tier });
  if (process.env.DROPOUT_TEST_GREP) mocha.grep(process.env.DROPOUT_TEST_GREP);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
