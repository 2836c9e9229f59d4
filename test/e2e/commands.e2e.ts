// Commands that must visibly do what they say, in one go, in the real workbench: Run Monte Carlo and
// Show a Classic Mistake with the panel closed open it and bring their result into view; a "Share one
// mask value along" checkbox keeps the keyboard focus when toggled; before any Dropout command ran,
// the palette offers only the mode switch you are not in, and Monte Carlo with no input offers the sample.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  consoleProblems,
  E2E_VERSIONS,
  launcher,
  openPalette,
  openPlaygroundOn,
  openSession,
  PLAYGROUND_IFRAME,
  quickOpen,
  ROOT,
  runCommand,
  waitForPanelText,
  waitForStat,
  webview,
  WORKSPACE,
  type Session,
} from './workbench';

const SLOW = 30_000;

/** Where an element of the panel is, against the panel's own viewport (its document scrolls, not the workbench). */
async function placeInPanel(page: Page, selector: string): Promise<{ top: number; bottom: number; height: number }> {
  return webview(page)
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: (globalThis as unknown as { innerHeight: number }).innerHeight };
    });
}

/** Waits until the element is wholly inside the panel's viewport (the panel may scroll smoothly to it). */
async function waitInView(page: Page, selector: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let place = await placeInPanel(page, selector);
  while (Date.now() < deadline) {
    if (place.top >= 0 && place.bottom <= place.height && place.bottom > place.top) return;
    await page.waitForTimeout(100);
    place = await placeInPanel(page, selector);
  }
  throw new Error(`${selector} is not in the panel's view: top ${place.top}, bottom ${place.bottom}, viewport height ${place.height}`);
}

/** Closes the playground's tab, so the next command finds no panel. */
async function closePanel(page: Page): Promise<void> {
  const tab = page.locator('.tab', { hasText: 'Dropout Playground' });
  if ((await tab.count()) === 0) return;
  await tab.first().hover();
  await tab.first().locator('.tab-actions .action-label').first().click();
  await page.locator(PLAYGROUND_IFRAME).waitFor({ state: 'detached', timeout: SLOW });
}

/**
 * Waits until the palette lists the extension's commands: a fresh workbench shows before the extension's
 * contributions are read, and an open palette does not refresh its list, so it is opened again each time.
 */
async function waitForContributedCommands(page: Page): Promise<void> {
  const title = 'Dropout: Open Playground on Selection';
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await openPalette(page, title);
    const listed = await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: title })
      .first()
      .waitFor({ state: 'visible', timeout: 1000 })
      .then(
        () => true,
        () => false,
      );
    await page.keyboard.press('Escape');
    if (listed) return;
  }
  throw new Error(`the palette never listed "${title}"`);
}

/** code-server + Chromium, fresh, with these user settings (the extension not yet activated). */
async function openFreshSession(version: string, settings: Record<string, unknown>): Promise<Session> {
  const l = await launcher();
  const server = await l.startCodeServer({ vscodeVersion: version, theme: 'Default Dark Modern', settings });
  const browser = await l.launchBrowser();
  try {
    const { page, consoleMessages, pageErrors } = await l.openWorkbench(browser, server, {
      folder: WORKSPACE,
      extensionDevelopmentPath: ROOT,
    });
    await l.waitForWorkbench(page);
    return {
      server,
      browser,
      page,
      consoleMessages,
      pageErrors,
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

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: commands that show their result`, function () {
    this.timeout(180_000);
    let session: Session | undefined;

    before(async function () {
      this.timeout(240_000);
      session = await openSession(version, { theme: 'Default Dark Modern' });
    });
    after(async () => {
      await session?.close();
    });

    it('Run Monte Carlo from the palette, with the panel closed, opens it and shows the draws in view, in one go', async () => {
      const { page } = session!;
      await openPlaygroundOn(page, 'ones100.json');
      await waitForStat(page, 'n', 100, SLOW);
      const p = webview(page).locator('[data-control="p-number"]');
      await p.fill('0.4');
      await p.press('Enter');
      await waitForStat(page, 'p', 0.4, SLOW);
      await closePanel(page);

      await quickOpen(page, 'ones100.json');
      await page.keyboard.press('Control+A');
      await runCommand(page, 'Dropout: Run Monte Carlo (Many Masks)');
      // The draws end (no "Drawing…"), their summary replaces the invitation, and the charts are shown.
      await waitForPanelText(page, '[data-mc="summary"]', /^(?!Draw many masks|Drawing…)\S/);
      await webview(page).locator('.mc-charts').waitFor({ state: 'visible', timeout: SLOW });
      await waitInView(page, '[data-mc="summary"]');
      assert.equal(await page.locator('.tab', { hasText: 'Dropout Playground' }).count(), 1, 'one panel');
    });

    it('Show a Classic Mistake, with the panel closed, opens it on the mistake, in view, its figures under their columns', async () => {
      const { page } = session!;
      await openPlaygroundOn(page, 'ones100.json');
      await waitForStat(page, 'n', 100, SLOW);
      await closePanel(page);

      await quickOpen(page, 'ones100.json');
      await runCommand(page, 'Dropout: Show a Classic Mistake…');
      const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Forgot model.eval()' }).first();
      await pick.waitFor({ state: 'visible', timeout: SLOW });
      await pick.click();
      await waitForPanelText(page, '.mistake-detail h3', /model\.eval\(\)/);
      await waitInView(page, '.mistake-detail h3');

      // The error rows' numbers sit under "buggy", right-aligned like the rows above them.
      const frame = webview(page);
      const right = (selector: string) =>
        frame
          .locator(selector)
          .first()
          .evaluate((el) => el.getBoundingClientRect().right);
      const buggyColumn = await right('.mistake-figures thead th:nth-child(2)');
      for (const figure of ['meanError', 'meanAbsError']) {
        assert.ok(
          Math.abs((await right(`.mistake-figures td[data-figure="${figure}"]`)) - buggyColumn) < 1,
          `${figure} under the buggy column`,
        );
      }
      assert.ok(
        Math.abs((await right('.mistake-figures tbody tr:first-child td:nth-child(2)')) - buggyColumn) < 1,
        'the first figure under the buggy column',
      );
    });

    it('keeps the focus on a "Share one mask value along" checkbox toggled with Space', async () => {
      const { page } = session!;
      await openPlaygroundOn(page, 'matrix.json');
      await waitForStat(page, 'n', 12, SLOW);
      const frame = webview(page);
      const box = frame.locator('fieldset.axes input[data-axis="1"]');
      await box.waitFor({ state: 'visible', timeout: SLOW });
      assert.equal(await box.isChecked(), false, 'a new input starts element-wise');
      const note = frame.locator('fieldset.axes .note');
      // What has the keyboard focus inside the panel's document (the body when focus was dropped).
      const focused = () =>
        frame.locator('body').evaluate((body) => {
          const active = body.ownerDocument.activeElement;
          return active?.matches('input[type="checkbox"][data-axis]')
            ? `checkbox ${active.getAttribute('data-axis')}`
            : (active?.tagName ?? 'none');
        });

      for (const checked of [true, false]) {
        const before = (await note.innerText()).trim();
        await box.focus();
        await page.keyboard.press('Space');
        // The host's answer re-renders the controls: the note changes when it arrives.
        await waitForPanelText(page, 'fieldset.axes .note', new RegExp(`^(?!${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$)`));
        assert.equal(await box.isChecked(), checked);
        assert.equal(await focused(), 'checkbox 1', `focus after Space (checked: ${checked})`);
      }
    });

    it('has no console errors or CSP violations', async () => {
      assert.deepEqual(await consoleProblems(session!), []);
    });
  });

  describe(`VS Code ${version}: before any Dropout command`, function () {
    this.timeout(180_000);
    let session: Session | undefined;

    before(async function () {
      this.timeout(240_000);
      // Eval in the settings: the palette must follow the setting, not a default.
      session = await openFreshSession(version, { 'dropoutPlayground.mode': 'eval' });
    });
    after(async () => {
      await session?.close();
    });

    it('lists only the mode switch you are not in, and Monte Carlo with no input offers the sample', async () => {
      const { page } = session!;
      await waitForContributedCommands(page);
      assert.equal(await page.locator('.statusbar-item', { hasText: 'Dropout:' }).count(), 0, 'the extension is not active yet');
      await openPalette(page, 'Dropout: Switch to');
      const rows = page.locator('.quick-input-widget .monaco-list-row .label-name');
      await rows.filter({ hasText: 'Dropout: Switch to Train Mode' }).first().waitFor({ state: 'visible', timeout: SLOW });
      const labels = (await rows.allInnerTexts()).filter((l) => /Switch to (Train|Eval) Mode/.test(l));
      assert.deepEqual(labels, ['Dropout: Switch to Train Mode'], `palette lists: ${labels.join(' | ')}`);
      await page.keyboard.press('Escape');

      await runCommand(page, 'Dropout: Run Monte Carlo (Many Masks)');
      // The message shows as a toast, or, behind another toast (git's), in the notification centre.
      const message = page.locator('.notification-list-item', { hasText: 'no activations yet' }).first();
      if (
        !(await message.waitFor({ state: 'visible', timeout: 15_000 }).then(
          () => true,
          () => false,
        ))
      ) {
        await runCommand(page, 'Notifications: Show Notifications');
        await message.waitFor({ state: 'visible', timeout: SLOW });
      }
      assert.equal(await page.locator('.tab', { hasText: 'Dropout Playground' }).count(), 0, 'no empty panel');
      await message.getByRole('button', { name: 'Open Sample' }).click();
      await page.locator('.tab.active', { hasText: 'sample-activations.json' }).waitFor({ state: 'visible', timeout: SLOW });
    });
  });
}
