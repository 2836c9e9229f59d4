// The UI tier: a user's path through the real workbench, per VS Code version. Keyboard and palette
// only, numbers read from the panel's data-stat cells. Each test starts from its own input and
// settings (startFrom), so none depends on what an earlier one left.
import * as assert from 'node:assert/strict';
import {
  closeQuickInput,
  consoleProblems,
  E2E_VERSIONS,
  openPalette,
  openPlaygroundOn,
  openSession,
  paletteLabels,
  runFromPalette,
  startFrom,
  stat,
  waitForSavedSettings,
  statNumber,
  statusBarText,
  waitForStat,
  waitForStatusBar,
  webview,
  type Session,
} from './workbench';

const close = (actual: number, expected: number, what: string, tolerance = 1e-5) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: palette → panel → numbers`, function () {
    this.timeout(120_000);
    let session: Session;

    before(async () => {
      session = await openSession(version);
    });
    after(async () => {
      await session?.close();
    });

    it('opens 100 ones from the palette and shows n, kept and the means', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json');
      assert.equal(await statNumber(page, 'n'), 100);
      assert.equal(await stat(page, 'mode'), 'train');
      assert.equal(await statNumber(page, 'p'), 0.5);
      const kept = await statNumber(page, 'kept');
      assert.ok(kept > 20 && kept < 80, `kept ${kept}`);
      assert.equal(await statNumber(page, 'evalMean'), 1);
      close(await statNumber(page, 'trainMean'), (kept * 2) / 100, 'trainMean');
      close(await statNumber(page, 'trainMeanUnscaled'), kept / 100, 'trainMeanUnscaled');
      close(await statNumber(page, 'expectedTrainMean'), 1, 'expectedTrainMean');
      assert.equal(await statusBarText(page), 'Dropout: train · p=0.50');
    });

    it('hides "Switch to Train Mode" in the palette while in train mode', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { mode: 'train' });
      await openPalette(page, 'Dropout: Switch to');
      const labels = await paletteLabels(page);
      await closeQuickInput(page);
      assert.ok(
        labels.some((l) => l.includes('Switch to Eval Mode')),
        `palette lists: ${labels.join(' | ')}`,
      );
      assert.ok(!labels.some((l) => l.includes('Switch to Train Mode')), `palette lists: ${labels.join(' | ')}`);
    });

    it('sets p = 0.4 through the quick pick, Custom…, and the validated input box', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      await runFromPalette(page, 'Dropout: Set Drop Probability (p)…');
      const widget = page.locator('.quick-input-widget');
      const custom = widget.locator('.monaco-list-row', { hasText: 'Custom…' }).first();
      await custom.waitFor({ state: 'visible' });
      await custom.click();
      // The input box (no list) validates as you type: 2 is not a probability.
      const input = widget.locator('input');
      await widget.locator('.monaco-list-row', { hasText: 'Custom…' }).waitFor({ state: 'hidden' });
      await input.fill('2');
      const message = widget.locator('.quick-input-message', { hasText: /for example 0\.4/ });
      await message.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('0.4');
      await message.waitFor({ state: 'hidden', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await waitForStat(page, 'p', 0.4);
      const kept = await statNumber(page, 'kept');
      close(await statNumber(page, 'trainMeanUnscaled'), kept / 100, 'trainMeanUnscaled');
      close(await statNumber(page, 'trainMean'), kept / 0.6 / 100, 'trainMean ≈ kept / 0.6 / 100');
      close(await statNumber(page, 'expectedTrainMean'), 1, 'expectedTrainMean');
      assert.equal(await statusBarText(page), 'Dropout: train · p=0.40');
    });

    it("sets p with the panel's own number input", async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.4 });
      const number = webview(page)
        .getByLabel(/p, as a number|^p$/i)
        .first();
      await number.fill('0.25');
      await number.press('Enter');
      await number.press('Tab');
      await waitForStat(page, 'p', 0.25);
      const kept = await statNumber(page, 'kept');
      close(await statNumber(page, 'trainMean'), kept / 0.75 / 100, 'trainMean');
      await waitForStatusBar(page, 'Dropout: train · p=0.25');
    });

    it("sets p with the panel's range slider", async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.25 });
      const range = webview(page).locator('input[type="range"]').first();
      await range.focus();
      await range.press('ArrowRight'); // one step of 0.01
      await waitForStat(page, 'p', 0.26);
    });

    it("toggles the mode with the panel's button; the palette then offers Train, not Eval", async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.26, mode: 'train' });
      await webview(page).locator('[data-control="mode"]').click();
      await waitForStat(page, 'mode', 'eval');
      await waitForStatusBar(page, 'Dropout: eval · p=0.26');
      await openPalette(page, 'Dropout: Switch to');
      const labels = await paletteLabels(page);
      await closeQuickInput(page);
      assert.ok(
        labels.some((l) => l.includes('Switch to Train Mode')),
        `palette lists: ${labels.join(' | ')}`,
      );
      assert.ok(!labels.some((l) => l.includes('Switch to Eval Mode')), `palette lists: ${labels.join(' | ')}`);
      await runFromPalette(page, 'Dropout: Switch to Train Mode');
      await waitForStat(page, 'mode', 'train');
    });

    it('a reload restores the panel with the same numbers', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.3, seed: '7' });
      await waitForSavedSettings(session, { p: 0.3, seed: '7' });
      const before = {
        n: await statNumber(page, 'n'),
        kept: await statNumber(page, 'kept'),
        p: await statNumber(page, 'p'),
        seed: await stat(page, 'seed'),
      };
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
      await waitForStat(page, 'n', before.n, 60_000);
      assert.equal(await statNumber(page, 'kept'), before.kept);
      assert.equal(await statNumber(page, 'p'), before.p);
      assert.equal(await stat(page, 'seed'), before.seed);
    });

    it('malformed JSON shows a visible error that names the line', async () => {
      const { page } = session;
      await openPlaygroundOn(page, 'broken.json');
      const error = webview(page).locator('[data-error]');
      await error.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await error.innerText(), /\b3\b/);
    });

    it('logs no CSP violation and no uncaught error', async () => {
      assert.deepEqual(await consoleProblems(session), []);
    });
  });
}
