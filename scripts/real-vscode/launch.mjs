// @ts-check
// A real VS Code with no download from Microsoft: code-server (the VS Code workbench served over HTTP,
// with a real Node extension host) started from .vscode-test-offline/, and Debian's Chromium driven by
// playwright-core as the window. Every process we start lives in its own process group and is killed
// when this process ends, however it ends (pass, fail, Ctrl+C, uncaught error).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @import { Browser, ConsoleMessage, Page } from 'playwright-core' */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OFFLINE_DIR = process.env.DROPOUT_VSCODE_OFFLINE_DIR ?? path.join(ROOT, '.vscode-test-offline');
export const WORKSPACE = path.join(ROOT, 'test', 'workspace');

/** @type {Record<string, string>} VS Code version -> the code-server release that embeds it. */
export const CODE_SERVER_FOR = { '1.100.3': '4.100.3', '1.139.1': '4.139.1' };
export const VSCODE_VERSIONS = Object.keys(CODE_SERVER_FOR);

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// ---- cleanup: everything started here dies with us ---------------------------------------------------
/** @type {Set<() => void>} */
const cleanups = new Set();
function runCleanupsSync() {
  for (const fn of [...cleanups].reverse()) {
    try {
      fn();
    } catch {
      /* already gone */
    }
  }
  cleanups.clear();
}
let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', runCleanupsSync);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      runCleanupsSync();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    runCleanupsSync();
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    runCleanupsSync();
    process.exit(1);
  });
}

/**
 * @param {number | undefined} pid undefined when the process never started
 * @param {NodeJS.Signals} signal
 */
function killGroup(pid, signal) {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

// ---- code-server -------------------------------------------------------------------------------------
/** @param {string} vscodeVersion */
function installPaths(vscodeVersion) {
  const csVersion = CODE_SERVER_FOR[vscodeVersion] ?? vscodeVersion.replace(/^1\./, '4.');
  const dir = path.join(OFFLINE_DIR, `code-server-${csVersion}`);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return { csVersion, dir, entry, stamp: path.join(dir, '.installed') };
}

/**
 * Whether setup-real-vscode.sh has finished installing this version.
 * @param {string} vscodeVersion
 */
export function isInstalled(vscodeVersion) {
  const { entry, stamp } = installPaths(vscodeVersion);
  return fs.existsSync(entry) && fs.existsSync(stamp);
}

/** @param {string} vscodeVersion */
export function codeServerInstall(vscodeVersion) {
  const { csVersion, dir, entry } = installPaths(vscodeVersion);
  if (!isInstalled(vscodeVersion)) {
    throw new Error(`code-server ${csVersion} (VS Code ${vscodeVersion}) is not installed: run bash scripts/setup-real-vscode.sh`);
  }
  const nodeFile = path.join(dir, '.node');
  const node = fs.existsSync(nodeFile) ? fs.readFileSync(nodeFile, 'utf8').trim() : process.execPath;
  return { csVersion, dir, entry, node };
}

export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  // Listening on TCP, the address is an AddressInfo (a string only for a pipe or socket file).
  const { port } = /** @type {net.AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The environment code-server runs in: all state under `tmp`, the right Node first on PATH.
 * @param {{ node: string }} install
 * @param {string} tmp
 * @param {Record<string, string>} extraEnv
 */
function serverEnv(install, tmp, extraEnv) {
  const env = { ...process.env, ...extraEnv };
  env.PATH = `${path.dirname(install.node)}${path.delimiter}${env.PATH ?? ''}`;
  env.XDG_CONFIG_HOME = path.join(tmp, 'xdg-config');
  env.XDG_DATA_HOME = path.join(tmp, 'xdg-data');
  env.XDG_CACHE_HOME = path.join(tmp, 'xdg-cache');
  env.TMPDIR = path.join(tmp, 'tmp');
  // VS Code 1.139 only honours the URL payload (extension under test, test runner) with this flag.
  env.VSCODE_OPTIONS = '--enable-smoke-test-driver';
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.NODE_OPTIONS;
  for (const dir of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME, env.TMPDIR]) fs.mkdirSync(dir, { recursive: true });
  return env;
}

/**
 * Runs `code-server --install-extension <vsix>` into `extensionsDir`.
 * @param {string} vscodeVersion
 * @param {string} vsix
 * @param {string} extensionsDir
 */
export async function installVsix(vscodeVersion, vsix, extensionsDir) {
  installExitHandlers();
  const install = codeServerInstall(vscodeVersion);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `dropout-install-${vscodeVersion}-`));
  cleanups.add(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const child = spawn(
    install.node,
    [
      install.entry,
      '--user-data-dir',
      path.join(tmp, 'user-data'),
      '--extensions-dir',
      extensionsDir,
      '--config',
      path.join(tmp, 'config.yaml'),
      '--install-extension',
      vsix,
    ],
    { env: serverEnv(install, tmp, {}), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const kill = () => killGroup(child.pid, 'SIGKILL');
  cleanups.add(kill);
  const [code] = await once(child, 'exit');
  cleanups.delete(kill);
  if (code !== 0) throw new Error(`code-server --install-extension exited ${code}:\n${output}`);
  return output;
}

/**
 * Packs the test-only extension that starts Debian's debugpy adapter for the `python` debug type (the
 * Python extension is not available offline), to install beside ours with installVsix. Returns its path.
 */
export function packDebugAdapter() {
  const vsix = path.join(ROOT, 'out', 'test', 'python-debugpy-for-tests.vsix');
  const args = ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix];
  const packed = spawnSync('npx', args, { cwd: path.join(ROOT, 'test', 'debugAdapter'), encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`packing the test debug adapter failed:\n${packed.stdout}${packed.stderr}`);
  return vsix;
}

/**
 * Starts code-server for one VS Code version on a free local port, with a throwaway user-data dir,
 * extensions dir, config and XDG dirs. Resolves once /healthz answers.
 * @param {{
 *   vscodeVersion: string, theme?: string, settings?: Record<string, unknown>, extensionsDir?: string,
 *   env?: Record<string, string>, log?: boolean, port?: number,
 * }} options
 */
export async function startCodeServer({ vscodeVersion, theme, settings = {}, extensionsDir, env = {}, log = false, port: fixedPort }) {
  installExitHandlers();
  const install = codeServerInstall(vscodeVersion);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `dropout-vscode-${vscodeVersion}-`));
  const removeTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  cleanups.add(removeTmp);
  const userData = path.join(tmp, 'user-data');
  const extensions = extensionsDir ?? path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  const userSettings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'window.restoreWindows': 'none',
    ...(theme ? { 'workbench.colorTheme': theme } : {}),
    ...settings,
  };
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');

  const port = fixedPort ?? (await freePort());
  const args = [
    install.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--config',
    config,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const logFile = path.join(tmp, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  // detached: its own process group, so one kill(-pid) stops the server and its extension hosts.
  const child = spawn(install.node, args, { env: serverEnv(install, tmp, env), detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const stopSync = () => {
    killGroup(child.pid, 'SIGKILL');
  };
  cleanups.add(stopSync);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited)
      throw new Error(`code-server ${install.csVersion} exited before serving:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server ${install.csVersion} did not answer /healthz within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  if (log) console.log(`code-server ${install.csVersion} (VS Code ${vscodeVersion}) on ${url}`);

  return {
    url,
    port,
    tmp,
    userData,
    extensionsDir: extensions,
    vscodeVersion,
    logFile,
    pid: child.pid,
    async stop() {
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 3000);
        if (!exited) await once(child, 'exit').catch(() => {});
        clearTimeout(timer);
      }
      killGroup(child.pid, 'SIGKILL'); // extension hosts left behind in the group
      cleanups.delete(stopSync);
      if (!process.env.DROPOUT_KEEP_TMP) {
        removeTmp();
        cleanups.delete(removeTmp);
      }
    },
  };
}

// ---- the window ----------------------------------------------------------------------------------
export async function launchBrowser() {
  installExitHandlers();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.DROPOUT_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  // Playwright starts Chromium in its own process group and kills that group from its own exit
  // handler, so no renderer outlives us. (A launched Browser has no process(): a cleanup here that
  // asked it for the pid never had one to kill.)
  const originalClose = browser.close.bind(browser);
  browser.close = async () => {
    await originalClose().catch(() => {});
  };
  return browser;
}

/**
 * @typedef {{ folder?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} WorkbenchTarget
 */

/**
 * The workbench URL that opens `folder` with the extension under development (and optionally a test runner).
 * @param {{ url: string }} server
 * @param {WorkbenchTarget} [target]
 */
export function workbenchUrl(server, { folder = WORKSPACE, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const payload = [];
  if (extensionDevelopmentPath)
    payload.push(['extensionDevelopmentPath', `vscode-remote://remote${path.resolve(extensionDevelopmentPath)}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://remote${path.resolve(extensionTestsPath)}`]);
  const query = new URLSearchParams({ folder: path.resolve(folder) });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query}`;
}

/**
 * Console problems worth failing a test for: CSP violations and uncaught errors, from any frame.
 * @param {string} message
 */
export function isProblem(message) {
  return /Content[ -]Security[ -]Policy|Refused to (load|execute|apply|connect|frame|create)|Uncaught|unsafe-eval|unsafe-inline/i.test(
    message,
  );
}

/**
 * Opens the workbench in a new page. Exposes codeAutomationExit/codeAutomationLog before the
 * workbench loads (VS Code calls them when it runs an extensionTestsPath), and records every console
 * message and page error.
 * @param {Browser} browser
 * @param {{ url: string }} server
 * @param {WorkbenchTarget & {
 *   viewport?: { width: number, height: number },
 *   onHostLog?: (type: string, args: unknown) => void,
 *   onConsole?: (message: ConsoleMessage) => void,
 * }} [options]
 */
export async function openWorkbench(browser, server, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  const page = await context.newPage();
  /** @type {{ type: string, text: string, url: string }[]} */
  const consoleMessages = [];
  /** @type {string[]} */
  const pageErrors = [];
  /** @type {(code: number) => void} */
  let resolveExit = () => {};
  /** @type {Promise<number>} What the test runner in the workbench exited with. */
  const exitCode = new Promise((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (/** @type {unknown} */ code) => {
    resolveExit(Number(code));
  });
  await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown} */ args) => {
    options.onHostLog?.(type, args);
  });
  page.on('console', (msg) => {
    const frame = msg.location?.()?.url ?? '';
    consoleMessages.push({ type: msg.type(), text: msg.text(), url: frame });
    options.onConsole?.(msg);
  });
  page.on('pageerror', (error) => {
    pageErrors.push(String(error?.stack ?? error));
  });
  await page.goto(workbenchUrl(server, options), { waitUntil: 'domcontentloaded' });
  return { context, page, consoleMessages, pageErrors, exitCode };
}

/**
 * Waits for the workbench to be usable: the activity bar and the status bar are drawn.
 * @param {Page} page
 */
export async function waitForWorkbench(page, timeout = 60_000) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
}
