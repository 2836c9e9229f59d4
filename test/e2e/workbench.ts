// Drives a real VS Code workbench (code-server) in Chromium for the UI tier: start a session, use
// Quick Open and the command palette with the keyboard, and read the playground's webview.
import * as path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const WORKSPACE = path.join(ROOT, 'test', 'workspace');
export const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');

/** The VS Code versions the UI tier runs against (DROPOUT_E2E_VERSIONS="1.139.1" narrows it). */
export const E2E_VERSIONS = (process.env.DROPOUT_E2E_VERSIONS ?? '1.100.3,1.139.1').split(',').map((v) => v.trim()).filter(Boolean);

interface Server { url: string; extensionsDir: string; stop(): Promise<void> }
interface ConsoleMessage { type: string; text: string; url: string }
interface Launcher {
  startCodeServer(options: { vscodeVersion: string; theme?: string; extensionsDir?: string; settings?: Record<string, unknown> }): Promise<Server>;
  launchBrowser(): Promise<Browser>;
  openWorkbench(browser: Browser, server: Server, options: { folder?: string; extensionDevelopmentPath?: string }): Promise<{ context: BrowserContext; page: Page; consoleMessages: ConsoleMessage[]; pageErrors: string[] }>;
  waitForWorkbench(page: Page, timeout?: number): Promise<void>;
  isProblem(text: string): boolean;
  installVsix(vscodeVersion: string, vsix: string, extensionsDir: string): Promise<string>;
}

// The launcher is an ES module; TypeScript's CommonJS output would turn import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
export const launcher = (): Promise<Launcher> =>
  importEsm(path.join(ROOT, 'scripts', 'real-vscode', 'launch.mjs')) as Promise<Launcher>;

export interface Session {
  server: Server;
  browser: Browser;
  page: Page;
  consoleMessages: ConsoleMessage[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** code-server + Chromium with the extension under development loaded and test/workspace open. */
export async function openSession(vscodeVersion: string, options: { theme?: string; extensionsDir?: string; developmentPath?: string | null } = {}): Promise<Session> {
  const l = await launcher();
  const server = await l.startCodeServer({ vscodeVersion, theme: options.theme, extensionsDir: options.extensionsDir });
  const browser = await l.launchBrowser();
  try {
    const developmentPath = options.developmentPath === undefined ? ROOT : options.developmentPath;
    const { page, consoleMessages, pageErrors } = await l.openWorkbench(browser, server, {
      folder: WORKSPACE,
      ...(developmentPath ? { extensionDevelopmentPath: developmentPath } : {}),
    });
    await l.waitForWorkbench(page);
    return {
      server, browser, page, consoleMessages, pageErrors,
      async close() {
        await browser.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser.close();
    await server.stop();
    throw error;
  }
}

/** CSP violations and uncaught errors seen so far, in the workbench or in any webview. */
export async function consoleProblems(session: Session): Promise<string[]> {
  const l = await launcher();
  return [
    ...session.consoleMessages.filter((m) => m.type === 'error' && l.isProblem(m.text)).map((m) => `${m.text} (${m.url})`),
    ...session.pageErrors,
  ];
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');

/** Ctrl+P, the file name, Enter: the file opens in an editor, which gets the focus. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await quickInput(page).locator('.monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  // Quick Open gives the opened editor the keyboard focus, in the active group.
  const group = page.locator('.editor-group-container.active');
  await group.locator('.tab.active', { hasText: fileName }).waitFor({ state: 'visible' });
  await group.locator('.editor-instance .monaco-editor.focused').first().waitFor({ state: 'visible' });
}

/** F1, then the palette text; waits for the entry `label` to be listed. */
export async function openPalette(page: Page, text: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${text}`);
}

/** The labels the palette lists for what is typed in it now. */
export async function paletteLabels(page: Page): Promise<string[]> {
  await page.waitForTimeout(300); // the list filters as you type
  return quickInput(page).locator('.monaco-list-row .label-name').allInnerTexts();
}

/** Runs a command by its palette title (e.g. "Dropout: Open Playground on Selection"). */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await openPalette(page, title);
  await quickInput(page).locator('.monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

export async function closeQuickInput(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/** The playground's own document inside the webview's two iframes. */
export function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The number (or word) a data-stat cell shows, once it shows one. */
export async function stat(page: Page, name: string): Promise<string> {
  const cell = webview(page).locator(`[data-stat="${name}"]`);
  await cell.waitFor({ state: 'visible', timeout: 30_000 });
  for (let i = 0; i < 300; i++) {
    const text = (await cell.innerText()).trim();
    if (text && text !== '—') return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`data-stat ${name} never showed a value`);
}

/** The leading number of a data-stat cell. */
export async function statNumber(page: Page, name: string): Promise<number> {
  const text = await stat(page, name);
  const match = /^[-+−]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?/i.exec(text.replace('−', '-'));
  if (!match) throw new Error(`data-stat ${name} = "${text}" does not start with a number`);
  return Number(match[0]);
}

/** Waits until a data-stat cell reads `expected` (its leading number or word). */
export async function waitForStat(page: Page, name: string, expected: number | string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await stat(page, name).catch(() => '');
    if (typeof expected === 'number' ? Number.parseFloat(last) === expected : last.split(/\s/)[0] === expected) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`data-stat ${name}: expected ${expected}, still "${last}"`);
}

export async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item', { hasText: 'Dropout:' }).first().innerText()).trim();
}

/** Opens a sample file and runs "Dropout: Open Playground on Selection" on all of it, as a user would. */
export async function openPlaygroundOn(page: Page, fileName: string): Promise<void> {
  await quickOpen(page, fileName);
  await page.keyboard.press('Control+A');
  await runFromPalette(page, 'Dropout: Open Playground on Selection');
  await page.locator('iframe.webview.ready').first().waitFor({ state: 'attached', timeout: 30_000 });
}

/** Waits until the status bar shows exactly `text` in the playground's item. */
export async function waitForStatusBar(page: Page, text: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await statusBarText(page).catch(() => '');
    if (last === text) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`status bar: expected "${text}", still "${last}"`);
}
