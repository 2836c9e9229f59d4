// Runs an extension's test suite INSIDE a real VS Code extension host, as
// @vscode/test-electron does, but with code-server + Chromium instead of a
// downloaded desktop VS Code. VS Code require()s extensionTestsPath, calls its
// run(), and reports the outcome through window.codeAutomationExit.
'use strict';
const path = require('node:path');
const { startCodeServer } = require('./codeServer');
const { launchBrowser, openWorkbench } = require('./workbench');

function printHostLog(type, args) {
  const text = (Array.isArray(args) ? args : [args])
    .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
    .join(' ');
  (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
}

/**
 * Options: version, extensionDevelopmentPath, extensionTestsPath, folder, env (for the extension host),
 * timeoutMs. Resolves to the suite's exit code (non-zero on failure or timeout).
 */
async function runExtensionTests(options) {
  const started = Date.now();
  const server = await startCodeServer({ version: options.version, env: options.env });
  let browser;
  try {
    browser = await launchBrowser();
    let finish;
    const exited = new Promise((resolve) => (finish = resolve));
    const url = server.workbenchUrl({
      folder: options.folder,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
    });
    const { page } = await openWorkbench(browser.browser, url, {
      onExit: (code) => finish(Number(code) || 0),
      onLog: printHostLog,
    });
    page.on('pageerror', (error) => process.stderr.write(`[workbench] ${error.message}\n`));
    const timeoutMs = options.timeoutMs || 300_000;
    const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const code = await Promise.race([exited, timer]);
    if (code === 'timeout') {
      process.stderr.write(`real-vscode: the suite did not finish within ${timeoutMs / 1000} s (see ${server.logPath})\n`);
      return 1;
    }
    process.stdout.write(`real-vscode: VS Code ${server.version} suite exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return code;
  } finally {
    if (browser) await browser.close();
    await server.stop();
  }
}

/** Reads test-electron's argv: --extensionDevelopmentPath=… --extensionTestsPath=… [folder] (other flags ignored). */
function parseTestElectronArgs(argv) {
  const out = { extensionDevelopmentPath: [], extensionTestsPath: undefined, folder: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const take = (name) => {
      if (arg === `--${name}`) return argv[++i];
      if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
      return undefined;
    };
    let v;
    if ((v = take('extensionDevelopmentPath')) !== undefined) out.extensionDevelopmentPath.push(path.resolve(v));
    else if ((v = take('extensionTestsPath')) !== undefined) out.extensionTestsPath = path.resolve(v);
    else if ((v = take('user-data-dir')) !== undefined || (v = take('extensions-dir')) !== undefined) continue;
    else if (arg.startsWith('-')) continue;
    else out.folder = path.resolve(arg);
  }
  return out;
}

module.exports = { runExtensionTests, parseTestElectronArgs };
