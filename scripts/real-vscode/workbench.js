// Opens a code-server workbench in Debian's Chromium through playwright-core
// (no browser download), with the automation hooks VS Code calls when an
// in-host test suite ends, and a record of the console for CSP violations and
// uncaught errors.
'use strict';
const { chromium } = require('playwright-core');
const { onCleanup } = require('./processes');

const CHROMIUM = process.env.DROPOUT_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const unregister = onCleanup(() => browser.close());
  const close = async () => {
    unregister();
    await browser.close().catch(() => {});
  };
  return { browser, close };
}

/** A console record that can say what went wrong in the window. */
class ConsoleRecord {
  constructor() {
    this.entries = [];
  }
  add(kind, text, location) {
    this.entries.push({ kind, text, location: location || '' });
  }
  /** Content-Security-Policy violations, from any frame (webviews included). */
  cspViolations() {
    return this.entries.filter((e) => /Content Security Policy|Refused to (load|execute|apply|evaluate|connect|create|frame)/i.test(e.text));
  }
  /** Uncaught page errors, and console errors that mention the extension or its webview. */
  errorsMentioning(pattern) {
    return this.entries.filter((e) => (e.kind === 'pageerror' || e.kind === 'error') && pattern.test(`${e.text} ${e.location}`));
  }
  pageErrors() {
    return this.entries.filter((e) => e.kind === 'pageerror');
  }
}

/**
 * Opens a new page on the workbench URL. Options: onExit(code) and onLog(type, args) for the
 * automation hooks, viewport, echoConsole (print the workbench console).
 */
async function openWorkbench(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport || { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleRecord = new ConsoleRecord();
  page.on('console', (msg) => {
    const loc = msg.location();
    const location = loc && loc.url ? `${loc.url}:${loc.lineNumber}` : '';
    consoleRecord.add(msg.type(), msg.text(), location);
    if (options.echoConsole) console.log(`[browser ${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (error) => {
    consoleRecord.add('pageerror', `${error.name}: ${error.message}\n${error.stack || ''}`, '');
    if (options.echoConsole) console.log(`[browser pageerror] ${error.message}`);
  });
  // VS Code's smoke-test driver calls these: the suite's exit code and the extension host's console.
  await page.exposeFunction('codeAutomationExit', (code) => {
    if (options.onExit) options.onExit(code);
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (options.onLog) options.onLog(type, args);
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { context, page, console: consoleRecord };
}

/** Waits until the workbench shows its editor area and status bar. */
async function waitForWorkbench(page, timeout = 60_000) {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout });
}

module.exports = { launchBrowser, openWorkbench, waitForWorkbench, ConsoleRecord, CHROMIUM, CHROMIUM_ARGS };
