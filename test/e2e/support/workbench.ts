// Driving the real workbench the way a user does: Quick Open, the command
// palette, the editor, and the playground's webview.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { E2E_VERSION, launcher, REPO_ROOT, THEMES, WORKSPACE, type CodeServer, type ConsoleMessage } from './launcher';

export interface Session {
  server: CodeServer;
  browser: Browser;
  page: Page;
  consoleMessages: ConsoleMessage[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** User settings every UI session gets: no git prompt about the parent repository covering the panel. */
const QUIET_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  'editor.minimap.enabled': false,
  // 1.139 opens an (empty, AI features off) secondary side bar by default; the panel needs the room.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** code-server + Chromium with the extension loaded from source (or installed into `extensionsDir`). */
export async function openSession(options: { theme?: keyof typeof THEMES; extensionsDir?: string } = {}): Promise<Session> {
  const server = await launcher.startCodeServer({
    vscodeVersion: E2E_VERSION,
    settings: QUIET_SETTINGS,
    ...(options.theme ? { theme: THEMES[options.theme] } : {}),
    ...(options.extensionsDir ? { extensionsDir: options.extensionsDir } : {}),
  });
  let browser: Browser | undefined;
  try {
    browser = await launcher.launchBrowser();
    const opened = await launcher.openWorkbench(browser, server, {
      folder: WORKSPACE,
      ...(options.extensionsDir ? {} : { extensionDevelopmentPath: REPO_ROOT }),
    });
    await launcher.waitForWorkbench(opened.page);
    const b = browser;
    return {
      server, browser: b, page: opened.page, consoleMessages: opened.consoleMessages, pageErrors: opened.pageErrors,
      close: async () => {
        await b.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');
const quickInputBox = (page: Page) => page.locator('.quick-input-widget .quick-input-box input');

/** Ctrl+P, the file name, Enter; waits until its editor is active. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
  await page.keyboard.press('Control+P');
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(fileName);
  await quickInput(page).locator('.monaco-list-row.focused', { hasText: fileName }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await activeGroup(page).locator('.tab.active', { hasText: fileName }).waitFor();
  await activeGroup(page).locator('.editor-instance .monaco-editor .view-lines').waitFor();
}

/** The editor group that has focus (with the panel open there are two). */
const activeGroup = (page: Page) => page.locator('.part.editor .editor-group-container.active');

/** Focuses the text editor of the active group and selects all of it. */
export async function selectAllInEditor(page: Page): Promise<void> {
  await activeGroup(page).locator('.editor-instance .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
}

/** Opens the command palette with F1 and types `>`-less text; returns the visible row labels. */
export async function paletteEntries(page: Page, text: string): Promise<string[]> {
  await page.keyboard.press('F1');
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(`>${text}`);
  // The list filters as you type; give it a beat to settle on the final text.
  await page.waitForTimeout(400);
  const labels = await quickInput(page).locator('.monaco-list-row .label-name').allTextContents();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim());
}

/** F1, the command's title, Enter (the row must be the focused one). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(`>${title}`);
  await quickInput(page).locator('.monaco-list-row.focused', { hasText: title }).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** The quick pick currently open: picks the row whose label contains `label`. */
export async function pickQuickPickItem(page: Page, label: string): Promise<void> {
  const row = quickInput(page).locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** The input box currently open: types and presses Enter. */
export async function typeIntoInputBox(page: Page, text: string): Promise<void> {
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(text);
  await page.keyboard.press('Enter');
}

/** The playground's own document, inside the webview host iframe. */
export function playground(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The leading number of a data-stat cell ("0.500000" -> 0.5). */
export async function statNumber(frame: FrameLocator, name: string): Promise<number> {
  const text = await statText(frame, name);
  const match = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/i.exec(text.trim());
  if (!match) throw new Error(`data-stat="${name}" holds no leading number: ${JSON.stringify(text)}`);
  return Number(match[0]);
}

export async function statText(frame: FrameLocator, name: string): Promise<string> {
  const cell = frame.locator(`[data-stat="${name}"]`);
  await cell.waitFor({ state: 'attached', timeout: 20_000 });
  return (await cell.textContent()) ?? '';
}

/** Polls a stat until the predicate holds (the panel updates by message, asynchronously). */
export async function waitForStat(frame: FrameLocator, name: string, ok: (text: string) => boolean, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      last = await statText(frame, name);
      if (ok(last.trim())) return last.trim();
    } catch {
      // The webview is not there yet.
    }
    if (Date.now() > deadline) throw new Error(`data-stat="${name}" never satisfied the check; last text ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A full-window screenshot into artifacts/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(REPO_ROOT, 'artifacts', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens a fixture, selects it all and runs the playground command from the palette. */
export async function openPlaygroundOn(page: Page, fileName: string): Promise<FrameLocator> {
  await quickOpen(page, fileName);
  await selectAllInEditor(page);
  await runCommand(page, 'Dropout: Open Playground on Selection');
  const frame = playground(page);
  await frame.locator('[data-stat="n"]').waitFor({ state: 'attached', timeout: 30_000 });
  return frame;
}
