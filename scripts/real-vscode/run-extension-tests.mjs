// @ts-check
// Runs a mocha suite INSIDE a real VS Code extension host, as @vscode/test-electron does on the
// desktop: code-server loads the extension under development and `require()`s extensionTestsPath,
// calls its run(), and reports the outcome through window.codeAutomationExit. Resolves to the exit code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { installVsix, launchBrowser, openWorkbench, startCodeServer, WORKSPACE } from './launch.mjs';

// The workbench's own chatter, forwarded along with the extension host's console; hidden unless verbose.
const NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Creation of workbench contribution|Updating additional builtin|\[Service Worker\]|ChatSessionStore|getaddrinfo ENOTFOUND|\s+at )/;

/**
 * @param {{
 *   vscodeVersion: string, extensionDevelopmentPath: string, extensionTestsPath: string, folder?: string,
 *   timeoutMs?: number, env?: Record<string, string>, verbose?: boolean, vsixes?: string[],
 * }} options
 * `vsixes`: extensions installed beside the one under development (a test-only debug adapter).
 * @returns {Promise<number>}
 */
export async function runExtensionTests({
  vscodeVersion,
  extensionDevelopmentPath,
  extensionTestsPath,
  folder = WORKSPACE,
  timeoutMs = 10 * 60_000,
  env = {},
  verbose = !!process.env.DROPOUT_VERBOSE,
  vsixes = [],
}) {
  const testsFile =
    fs.existsSync(extensionTestsPath) || !fs.existsSync(`${extensionTestsPath}.js`) ? extensionTestsPath : `${extensionTestsPath}.js`;
  if (!fs.existsSync(testsFile)) throw new Error(`extensionTestsPath ${extensionTestsPath} does not exist (run npm run compile-tests)`);
  const extensionsDir = vsixes.length ? fs.mkdtempSync(path.join(os.tmpdir(), `dropout-extensions-${vscodeVersion}-`)) : undefined;
  try {
    for (const vsix of vsixes) await installVsix(vscodeVersion, vsix, /** @type {string} */ (extensionsDir));
    return await runInServer();
  } finally {
    if (extensionsDir) fs.rmSync(extensionsDir, { recursive: true, force: true });
  }

  async function runInServer() {
    const server = await startCodeServer({ vscodeVersion, extensionsDir, env: { DROPOUT_VSCODE_VERSION: vscodeVersion, ...env } });
    const browser = await launchBrowser();
    try {
      const session = await openWorkbench(browser, server, {
        folder,
        extensionDevelopmentPath,
        extensionTestsPath: testsFile,
        onHostLog(type, args) {
          const text = util.format(...(Array.isArray(args) ? args : [args]));
          if (!verbose && NOISE.test(text)) return;
          (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
        },
      });
      /** @type {NodeJS.Timeout | undefined} */
      let timer;
      /** @type {Promise<number>} */
      const timeout = new Promise((resolve) => {
        timer = setTimeout(() => {
          console.error(`VS Code ${vscodeVersion}: the suite did not finish within ${timeoutMs / 1000} s`);
          resolve(124);
        }, timeoutMs);
      });
      const code = await Promise.race([session.exitCode, timeout]);
      clearTimeout(timer);
      if (code !== 0 && verbose) {
        for (const m of session.consoleMessages.filter((m) => m.type === 'error')) console.error(`[workbench] ${m.text}`);
      }
      return code;
    } finally {
      await browser.close();
      await server.stop();
    }
  }
}
