// The UI tier for inputs that used to fail silently: a seed or p the panel refuses says why, visibly,
// under its field; a typed seed says that Enter or leaving the field applies it, and leaving it does;
// a p typed into the palette's "Set Drop Probability (p)…" is used at once; a framework choice says what
// it did to the random stream, and "Copy as code" says what it copied.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import {
  E2E_VERSIONS,
  openPlaygroundOn,
  openSession,
  runFromPalette,
  stat,
  waitForStat,
  waitForText,
  webview,
  type Session,
} from './workbench';

// The machine running the tier may be busy: wait on conditions, generously.
const SLOW = 90_000;

/** The visible message a field points to with aria-describedby (the one that is not screen-reader only). */
async function messageOf(frame: FrameLocator, field: Locator): Promise<Locator> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-message'));
  assert.equal(ids.length, 1, `the field describes itself by one message, got "${ids.join(' ')}"`);
  return frame.locator(`[id="${ids[0]}"]`);
}

/** Opens the file and the playground on it from the first editor group, wherever the focus was left. */
async function openPlaygroundFromFirstGroup(session: Session, fileName: string): Promise<void> {
  await runFromPalette(session.page, 'View: Focus First Editor Group');
  await openPlaygroundOn(session.page, fileName);
  await waitForStat(session.page, 'n', 100, SLOW);
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: inputs and choices say what they did`, function () {
    this.timeout(180_000);
    let session: Session;

    before(async function () {
      this.timeout(240_000);
      session = await openSession(version);
    });
    after(async () => {
      await session?.close();
    });

    it('shows why seed "abc" and p = 2 are refused under their fields, and applies a typed seed on leaving the field', async () => {
      const { page } = session;
      await openPlaygroundFromFirstGroup(session, 'ones100.json');
      const frame = webview(page);
      const seed = frame.locator('[data-control="seed"]');
      await seed.fill('7');
      await seed.press('Enter');
      await waitForStat(page, 'seed', 7, SLOW);

      const seedMessage = await messageOf(frame, seed);
      await seed.fill('abc');
      await seed.press('Enter');
      await waitForText(seedMessage, /^“abc” is not a whole number: .*The mask still uses seed 7\.$/);
      assert.equal(await seed.getAttribute('aria-invalid'), 'true');
      assert.equal(await stat(page, 'seed'), '7', 'a refused seed changes nothing');

      // A good seed, typed: the message says what applies it; leaving the field does.
      await seed.fill('42');
      await waitForText(seedMessage, /^Press Enter or leave the field to draw the mask with seed 42\.$/);
      await seed.press('Tab');
      await waitForStat(page, 'seed', 42, SLOW);
      await seedMessage.waitFor({ state: 'hidden', timeout: SLOW });

      const p = frame.locator('[data-control="p-number"]');
      const pBefore = await stat(page, 'p');
      const pMessage = await messageOf(frame, p);
      await p.fill('2');
      await p.press('Tab');
      await waitForText(pMessage, /^p = 2 is not a probability: .* p stays /);
      assert.equal(await p.getAttribute('aria-invalid'), 'true');
      assert.equal(await stat(page, 'p'), pBefore, 'a refused p changes nothing');
    });

    it('uses a p typed into "Set Drop Probability (p)…" at once', async () => {
      const { page } = session;
      await openPlaygroundFromFirstGroup(session, 'ones100.json');
      const p = webview(page).locator('[data-control="p-number"]');
      await p.fill('0.5');
      await p.press('Tab');
      await waitForStat(page, 'p', 0.5, SLOW);

      await runFromPalette(page, 'Dropout: Set Drop Probability (p)…');
      const quickInput = page.locator('.quick-input-widget');
      await quickInput.locator('.monaco-list-row', { hasText: 'Custom…' }).waitFor({ state: 'visible', timeout: SLOW });
      await quickInput.locator('input').fill('0.35');
      await quickInput.locator('.monaco-list-row', { hasText: 'Use p = 0.35' }).waitFor({ state: 'visible', timeout: SLOW });
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: SLOW });
      await waitForStat(page, 'p', 0.35, SLOW);
    });

    it('says under Framework and in the status bar what a framework choice did to the stream, and what Copy as code copied', async () => {
      const { page } = session;
      await openPlaygroundFromFirstGroup(session, 'ones100.json');
      const frame = webview(page);
      const framework = frame.locator('[data-control="framework"]');
      const note = frame.locator(`[id="${await framework.getAttribute('aria-describedby')}"]`);
      await frame.locator('[data-control="rng"]').selectOption('torch');
      await waitForStat(page, 'rng', 'torch', SLOW);
      await framework.selectOption('pytorch');
      await waitForText(note, /^Masks are PyTorch's own, bit for bit/);
      const kept = await stat(page, 'kept');

      // TF1 has no stream here: names only, the same mask.
      await framework.selectOption('tf1');
      await waitForText(note, /^TensorFlow 1's masks cannot be reproduced: the PyTorch random stream draws this one\.$/);
      assert.equal(await stat(page, 'rng'), 'torch');
      assert.equal(await stat(page, 'kept'), kept);
      await page
        .locator('.statusbar-item', { hasText: 'the random stream stays PyTorch, so the mask is unchanged' })
        .first()
        .waitFor({ state: 'visible', timeout: SLOW });

      // NumPy has its own stream: switching to it is said under the control and in the status bar.
      await framework.selectOption('numpy');
      await waitForStat(page, 'rng', 'numpy', SLOW);
      await waitForText(
        note,
        /^Choosing NumPy switched the random stream from PyTorch to NumPy: a new mask\. Masks are NumPy's own, bit for bit/,
      );
      await page
        .locator('.statusbar-item', { hasText: 'random stream switched from PyTorch to NumPy, so the mask changed' })
        .first()
        .waitFor({ state: 'visible', timeout: SLOW });

      await frame.locator('[data-control="copy-as-code"]').click();
      await page
        .locator('.statusbar-item', { hasText: 'Copied a NumPy script that prints this very mask.' })
        .first()
        .waitFor({ state: 'visible', timeout: SLOW });
    });
  });
}
