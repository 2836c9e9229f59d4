// Drives a real VS Code workbench (code-server) in Chromium for the UI tier: start a session, use
// Quick Open and the command palette with the keyboard, and read the playground's webview.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const WORKSPACE = path.join(ROOT, 'test', 'workspace');
export const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');
/** Where a failing UI test leaves its screenshot and logs. */
export const FAILURES = path.join(ROOT, 'artifacts', 'e2e-failures');

/** The VS Code versions the UI tier runs against (DROPOUT_E2E_VERSIONS="1.139.1" narrows it). */
export const E2E_VERSIONS = (process.env.DROPOUT_E2E_VERSIONS ?? '1.100.3,1.139.1')
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean);

interface Server {
  url: string;
  extensionsDir: string;
  userData: string;
  logFile: string;
  stop(): Promise<void>;
}
interface ConsoleMessage {
  type: string;
  text: string;
  url: string;
}
interface Launcher {
  startCodeServer(options: {
    vscodeVersion: string;
    theme?: string;
    extensionsDir?: string;
    settings?: Record<string, unknown>;
  }): Promise<Server>;
  launchBrowser(): Promise<Browser>;
  openWorkbench(
    browser: Browser,
    server: Server,
    options: { folder?: string; extensionDevelopmentPath?: string },
  ): Promise<{ context: BrowserContext; page: Page; consoleMessages: ConsoleMessage[]; pageErrors: string[] }>;
  waitForWorkbench(page: Page, timeout?: number): Promise<void>;
  isProblem(text: string): boolean;
  installVsix(vscodeVersion: string, vsix: string, extensionsDir: string): Promise<string>;
  packDebugAdapter(): string;
}

// The launcher is an ES module; TypeScript's CommonJS output would turn import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
export const launcher = (): Promise<Launcher> => importEsm(path.join(ROOT, 'scripts', 'real-vscode', 'launch.mjs')) as Promise<Launcher>;

export interface Session {
  server: Server;
  browser: Browser;
  page: Page;
  consoleMessages: ConsoleMessage[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** Sessions open now: a failing test's hook saves what each of them shows (see hooks.ts). */
export const openSessions = new Set<Session>();

/**
 * The user setting that runs the extension in the browser's web-worker extension host, from its
 * `browser` entry, as vscode.dev would (the manifest itself cannot ask for the web host).
 */
export const WEB_EXTENSION_HOST = { 'remote.extensionKind': { 'dropout-playground.dropout-playground': ['web'] } };

/** The names of the page's Web Workers (a nested worker's name is prefixed with its parent's). */
export async function workerNames(page: Page): Promise<string[]> {
  return Promise.all(page.workers().map((worker) => worker.evaluate<string>('self.name').catch(() => '')));
}

/** code-server + Chromium with the extension under development loaded and test/workspace open. */
export async function openSession(
  vscodeVersion: string,
  options: { theme?: string; extensionsDir?: string; developmentPath?: string | null; settings?: Record<string, unknown> } = {},
): Promise<Session> {
  const l = await launcher();
  const server = await l.startCodeServer({
    vscodeVersion,
    theme: options.theme,
    extensionsDir: options.extensionsDir,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const browser = await l.launchBrowser();
  try {
    const developmentPath = options.developmentPath === undefined ? ROOT : options.developmentPath;
    const { page, consoleMessages, pageErrors } = await l.openWorkbench(browser, server, {
      folder: WORKSPACE,
      ...(developmentPath ? { extensionDevelopmentPath: developmentPath } : {}),
    });
    await l.waitForWorkbench(page);
    const session: Session = {
      server,
      browser,
      page,
      consoleMessages,
      pageErrors,
      async close() {
        openSessions.delete(session);
        await browser.close();
        await server.stop();
      },
    };
    openSessions.add(session);
    return session;
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
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  // The first Quick Open of a window waits for the file search to index the workspace, which takes
  // far longer than usual on a machine that is busy.
  await quickInput(page).locator('.monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible', timeout: 90_000 });
  await page.keyboard.press('Enter');
  // Quick Open shows the file in whichever group already has it. It gives the editor the keyboard
  // focus, except where VS Code hands the focus back to a webview that had it: a click then does.
  const group = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: fileName }) });
  const editor = group.locator('.editor-instance .monaco-editor').first();
  await editor.waitFor({ state: 'visible' });
  await focusEditor(editor);
}

/**
 * Gives a text editor the keyboard focus through the element that takes its typing (a textarea, or
 * the edit context of newer versions), as a click would, but whatever overlays the text.
 */
export async function focusEditor(editor: Locator): Promise<void> {
  const page = editor.page();
  const focused = editor.and(page.locator('.monaco-editor.focused'));
  // VS Code may hand the focus back to a webview that had it: take it out again and retry, and
  // last of all click the line numbers, which nothing overlays.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await focused.isVisible()) return;
    await focusWorkbench(page);
    await editor.locator('textarea.inputarea, .native-edit-context').first().focus();
    if (
      await focused.waitFor({ state: 'visible', timeout: 2_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  await editor.locator('.margin .line-numbers').first().click({ force: true });
  await focused.waitFor({ state: 'visible' });
}

/**
 * Takes the keyboard out of a webview, where VS Code 1.100 does not pass Ctrl+P or F1 on to the
 * workbench: the main document's active element is then the webview's iframe, and blurring it
 * leaves the focus on the workbench's body.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { tagName: string; blur(): void } | null } }).document;
    if (doc.activeElement?.tagName === 'IFRAME') doc.activeElement.blur();
  });
}

/** F1, then the palette text; waits for the entry `label` to be listed. */
export async function openPalette(page: Page, text: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${text}`);
}

/** The labels the palette lists for what is typed in it now, once the list is filtered to it. */
export async function paletteLabels(page: Page, timeoutMs = 10_000): Promise<string[]> {
  const typed = (await quickInput(page).locator('input').inputValue()).replace(/^>/, '').trim().toLowerCase();
  const rows = quickInput(page).locator('.monaco-list-row .label-name');
  const deadline = Date.now() + timeoutMs;
  let labels: string[] = [];
  let previous = '';
  // The list filters as you type: wait until it lists the text and stays the same for a moment.
  while (Date.now() < deadline) {
    labels = await rows.allInnerTexts();
    const now = labels.join('\n');
    if (labels.some((l) => l.toLowerCase().includes(typed)) && now === previous) return labels;
    previous = now;
    await page.waitForTimeout(150);
  }
  return labels;
}

/**
 * Picks `entry` in the context menu that is open. A click that lands just as the menu opens can be
 * swallowed (the menu stays open with the entry highlighted), so the click is repeated until the
 * menu closes.
 */
export async function chooseFromContextMenu(page: Page, entry: string, timeoutMs = 30_000): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item', { hasText: entry }).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await item.click().catch(() => undefined);
    const closed = await menu
      .first()
      .waitFor({ state: 'detached', timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    if (Date.now() > deadline) throw new Error(`the context menu stayed open after choosing "${entry}"`);
  }
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
  return page.frameLocator(PLAYGROUND_IFRAME).frameLocator('iframe#active-frame');
}

/**
 * The playground's webview iframe. VS Code names the extension in each webview's address; other
 * webviews (a walkthrough's media, for one) may be open beside it.
 */
export const PLAYGROUND_IFRAME = 'iframe.webview.ready[src*="extensionId=dropout-playground.dropout-playground"]';

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
  let failure = '';
  while (Date.now() < deadline) {
    last = await stat(page, name).catch((error: Error) => {
      failure = error.message.split('\n')[0];
      return '';
    });
    if (typeof expected === 'number' ? Number.parseFloat(last) === expected : last.split(/\s/)[0] === expected) return;
    await page.waitForTimeout(100);
  }
  // Why the cell could not be read, when it could not: a hidden panel, two panels and an error fail differently.
  const shownError = await webview(page)
    .locator('[data-error]:visible')
    .first()
    .innerText({ timeout: 1000 })
    .catch(() => '');
  const why = [last ? '' : failure, shownError && `the panel says: ${shownError}`].filter(Boolean).join('; ');
  throw new Error(`data-stat ${name}: expected ${expected}, still "${last}"${why ? ` (${why})` : ''}`);
}

export async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item', { hasText: 'Dropout:' }).first().innerText()).trim();
}

/** Opens a sample file and runs "Dropout: Open Playground on Selection" on all of it, as a user would. */
export async function openPlaygroundOn(page: Page, fileName: string): Promise<void> {
  await quickOpen(page, fileName);
  await page.keyboard.press('Control+A');
  await runFromPalette(page, 'Dropout: Open Playground on Selection');
  await page.locator(PLAYGROUND_IFRAME).waitFor({ state: 'attached', timeout: 30_000 });
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

/** The playground's settings a test starts from; each one left out takes its default. */
export interface PlaygroundSettings {
  p?: number;
  mode?: 'train' | 'eval';
  seed?: string;
  framework?: string;
  rng?: string;
  variant?: string;
}
const DEFAULTS: Required<PlaygroundSettings> = {
  p: 0.5,
  mode: 'train',
  seed: '0',
  framework: 'pytorch',
  rng: 'torch',
  variant: 'inverted',
};

/**
 * Starts a test from a known state, whatever earlier tests left: opens `fileName`, runs the
 * playground on all of it, and sets every setting that differs from `settings` (or its default)
 * with the panel's own controls, as a user would.
 */
export async function startFrom(session: Session, fileName: string, settings: PlaygroundSettings = {}): Promise<void> {
  const { page } = session;
  const want = { ...DEFAULTS, ...settings };
  await openPlaygroundOn(page, fileName);
  const frame = webview(page);
  // The framework first: a framework's preset may choose the random stream.
  for (const name of ['framework', 'rng', 'variant'] as const) {
    const select = frame.locator(`select[data-control="${name}"]`);
    await select.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await select.inputValue()) !== want[name]) await select.selectOption(want[name]);
  }
  if ((await statNumber(page, 'p')) !== want.p) {
    const number = frame.locator('[data-control="p-number"]');
    await number.fill(String(want.p));
    await number.press('Enter');
  }
  await waitForStat(page, 'p', want.p, 30_000);
  if ((await stat(page, 'mode')) !== want.mode) await frame.locator('[data-control="mode"]').click();
  await waitForStat(page, 'mode', want.mode, 30_000);
  if ((await stat(page, 'seed')) !== want.seed) {
    const seed = frame.locator('[data-control="seed"]');
    await seed.fill(want.seed);
    await seed.press('Enter');
  }
  await waitForStat(page, 'seed', want.seed, 30_000);
  for (const name of ['rng', 'variant'] as const) await waitForStat(page, name, want[name], 30_000);
  await waitForStatusBar(page, `Dropout: ${want.mode} · p=${want.p.toFixed(2)}`, 30_000);
}

/** Saves the error, and a screenshot, the workbench's console and code-server's log of every open session. */
export async function saveFailure(testTitle: string, error: string): Promise<string[]> {
  fs.mkdirSync(FAILURES, { recursive: true });
  const saved: string[] = [];
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  fs.writeFileSync(path.join(FAILURES, `${stamp}-${testTitle.replace(/\W+/g, '-').slice(0, 120)}.error.txt`), `${testTitle}\n\n${error}\n`);
  for (const session of openSessions) {
    const stem = path.join(FAILURES, `${testTitle.replace(/\W+/g, '-').slice(0, 120)}-${session.server.url.replace(/\W+/g, '')}`);
    await session.page.screenshot({ path: `${stem}.png` }).then(
      () => saved.push(`${stem}.png`),
      () => undefined,
    );
    const console = session.consoleMessages.map((m) => `[${m.type}] ${m.text}${m.url ? ` (${m.url})` : ''}`);
    fs.writeFileSync(`${stem}.console.log`, [...console, ...session.pageErrors.map((e) => `[pageerror] ${e}`)].join('\n'));
    saved.push(`${stem}.console.log`);
    if (fs.existsSync(session.server.logFile)) {
      fs.copyFileSync(session.server.logFile, `${stem}.code-server.log`);
      saved.push(`${stem}.code-server.log`);
    }
  }
  return saved;
}

/** The last lines of every open session's workbench console, for CI's log. */
export function recentConsole(lines = 40): string[] {
  return [...openSessions].flatMap((s) => [
    ...s.consoleMessages.slice(-lines).map((m) => `  [${m.type}] ${m.text.slice(0, 400)}`),
    ...s.pageErrors.slice(-5).map((e) => `  [pageerror] ${e.slice(0, 400)}`),
  ]);
}

/**
 * Waits until the user's settings.json (on the machine that runs code-server) holds these
 * playground settings: the panel writes its changes half a second after the last one, so a reload
 * right after a change would come back without it.
 */
export async function waitForSavedSettings(session: Session, expected: Record<string, unknown>, timeoutMs = 10_000): Promise<void> {
  const file = path.join(session.server.userData, 'User', 'settings.json');
  const deadline = Date.now() + timeoutMs;
  let saved: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    try {
      saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      /* being written */
    }
    if (Object.entries(expected).every(([key, value]) => String(saved[`dropoutPlayground.${key}`]) === String(value))) return;
    await session.page.waitForTimeout(100);
  }
  throw new Error(`settings.json never held ${JSON.stringify(expected)}; it holds ${JSON.stringify(saved)}`);
}

/** Runs the palette entry whose label is exactly `title` (Enter could pick a longer entry ranked above it). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openPalette(page, title);
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escaped}$`) }) });
  try {
    await row.first().click({ timeout: 10_000 });
  } catch (error) {
    const listed = await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts();
    await page.keyboard.press('Escape');
    throw new Error(`no palette entry "${title}"; listed: ${listed.join(' | ')}`, { cause: error });
  }
}

/** Waits until a locator's text matches `pattern`; returns the text. */
export async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  await locator.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.innerText().catch(() => '')).trim();
    if (pattern.test(last)) return last;
    await locator.page().waitForTimeout(100);
  }
  throw new Error(`${locator}: expected ${pattern}, still "${last}"`);
}

/** Waits until the first element of the panel that `selector` finds has text matching `pattern`. */
export function waitForPanelText(page: Page, selector: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return waitForText(webview(page).locator(selector).first(), pattern, timeoutMs);
}
