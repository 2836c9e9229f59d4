#!/usr/bin/env node
// The UI tier: mocha in plain Node over out/test/e2e/*.test.js, each test
// driving the real workbench (code-server + Chromium) through playwright-core.
// Ends with "e2e: N passed, N failed"; exits non-zero on any failure.
//   node scripts/real-vscode/runE2e.js [--grep text]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const root = path.resolve(__dirname, '..', '..');
const dir = path.join(root, 'out', 'test', 'e2e');
if (!fs.existsSync(dir)) {
  console.error('runE2e: out/test/e2e is missing: run npm run compile-tests first');
  process.exit(2);
}
const mocha = new Mocha({ ui: 'bdd', timeout: 180_000, slow: 20_000 });
mocha.reporter(path.join(root, 'test', 'tierReporter.js'), { tier: process.env.DROPOUT_TEST_TIER || 'e2e' });
const grepAt = process.argv.indexOf('--grep');
if (grepAt > 0) mocha.grep(process.argv[grepAt + 1]);
for (const file of fs.readdirSync(dir).sort()) {
  if (file.endsWith('.test.js')) mocha.addFile(path.join(dir, file));
}
// launch.mjs kills every code-server and Chromium it started when this process exits.
mocha.run((failures) => process.exit(failures ? 1 : 0));
