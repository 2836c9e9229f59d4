// N-D inputs in the real workbench: a printed 2 × 3 × 4 × 5 tensor, one H×W slice picked from the
// keyboard (the mask shows its 4 × 5 units, zoom stays inside it, the values table jumps to its first
// unit), and the fraction kept per index along each axis checked against the slices themselves once
// the mask is shared channel-wise. Screenshots in the dark and light themes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  consoleProblems,
  E2E_VERSIONS,
  openPlaygroundOn,
  openSession,
  PLAYGROUND_IFRAME,
  runCommand,
  SCREENSHOTS,
  startFrom,
  statNumber,
  waitForPanelText,
  waitForStat,
  webview,
  type Session,
} from './workbench';

const SLOW = 30_000;
const FILE = 'nchw.txt';
const [N, C, H, W] = [2, 3, 4, 5];

/** Picks slice [n, c] by typing into the two index boxes; returns how many of its units are kept. */
async function pickSlice(page: Page, n: number, c: number): Promise<number> {
  const frame = webview(page);
  await frame.locator('[data-slice-axis="0"]').fill(String(n));
  await frame.locator('[data-slice-axis="1"]').fill(String(c));
  const status = await waitForPanelText(page, '[data-slice="status"]', new RegExp(`^tensor\\[${n}, ${c}, :, :\\]`));
  const match = /(\d+) of (\d+) kept/.exec(status);
  assert.ok(match, status);
  assert.equal(Number(match[2]), H * W, status);
  return Number(match[1]);
}

/** The fraction cells of an axis's table twin, opening it first. */
async function axisFractions(page: Page, axis: number): Promise<number[]> {
  const frame = webview(page);
  const twin = frame.locator(`details[data-twin="axis-${axis}"]`);
  if ((await twin.getAttribute('open')) === null) await twin.locator('> summary').click();
  const cells = twin.locator('td[data-fraction]');
  await cells.first().waitFor({ state: 'visible', timeout: SLOW });
  return (await cells.allInnerTexts()).map(Number);
}

/** Shares the mask along this axis with the controls' checkbox, and waits for the host's answer. */
async function shareAxis(page: Page, axis: number, expectedNote: RegExp): Promise<void> {
  const frame = webview(page);
  await frame.locator(`fieldset.axes input[data-axis="${axis}"]`).check();
  await waitForPanelText(page, 'fieldset.axes .note', expectedNote);
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: slices and per-axis summaries of a 4-D tensor`, function () {
    this.timeout(180_000);
    let session: Session;

    before(async function () {
      this.timeout(240_000);
      session = await openSession(version, { theme: 'Default Dark Modern' });
    });
    after(async () => {
      await session?.close();
    });

    it('offers an index box per leading axis, and shows all slices as rows × last axis at first', async () => {
      const { page } = session;
      await startFrom(session, FILE);
      await waitForStat(page, 'n', N * C * H * W, SLOW);
      const frame = webview(page);
      await frame.locator('[data-control="slice"]').waitFor({ state: 'visible', timeout: SLOW });
      assert.equal(await frame.locator('[data-slice-axis]').count(), 2, 'axes 0 and 1 lead; 2 and 3 are the slice');
      assert.equal(await frame.getByLabel('Index along axis 0, 0 to 1').getAttribute('max'), '1');
      assert.equal(await frame.getByLabel('Index along axis 1, 0 to 2').getAttribute('max'), '2');
      assert.ok(await frame.locator('[data-control="slice-all"]').isChecked());
      await waitForPanelText(page, '[data-slice="status"]', /^All 6 slices of 4 × 5, stacked as 24 rows × 5 columns/);
      await waitForPanelText(page, '[data-mask="region"]', /^24 × 5 units$/);
      // Every axis has its summary, and the fractions average to the kept share of the draw.
      assert.equal(await frame.locator('[data-axis-summary]').count(), 4);
      const kept = await statNumber(page, 'kept');
      const perSample = await axisFractions(page, 0);
      assert.equal(perSample.length, N);
      assert.ok(Math.abs(perSample.reduce((a, f) => a + f, 0) / N - kept / 120) < 1e-6, `per-sample ${perSample} vs kept ${kept}`);
    });

    it('picks slice [1, 2] from the keyboard: the mask shows its 4 × 5 units, zooms inside it, and the table jumps to unit 100', async () => {
      const { page } = session;
      await startFrom(session, FILE);
      await waitForStat(page, 'n', N * C * H * W, SLOW);
      const frame = webview(page);
      // Radios: arrow keys move the choice; the index boxes step with the arrow keys.
      await frame.locator('[data-control="slice-all"]').focus();
      await page.keyboard.press('ArrowRight');
      await waitForPanelText(page, '[data-slice="status"]', /^tensor\[0, 0, :, :\]/);
      await frame.locator('[data-slice-axis="0"]').focus();
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      const status = await waitForPanelText(page, '[data-slice="status"]', /^tensor\[1, 2, :, :\]: 4 × 5 units, \d+ of 20 kept/);
      assert.match(status, /starts at unit 100/);
      await waitForPanelText(page, '[data-mask="region"]', /^4 × 5 units$/);
      assert.ok(await frame.locator('[data-control="slice-one"]').isChecked());

      // The values table: unit 100 is the first of tensor[1, 2] and is marked as the one jumped to.
      const target = frame.locator('table[data-values="table"] tbody tr[data-index="100"]');
      await target.waitFor({ state: 'visible', timeout: SLOW });
      assert.equal(await target.getAttribute('aria-current'), 'true');
      assert.match((await target.locator('td').first().innerText()).trim(), /^100\b/);

      // A 4 × 5 slice already gives every unit its own cell: zooming in would only crop it, so the
      // zoom stays on the slice and says why.
      await frame.locator('canvas.mask-canvas').focus();
      await page.keyboard.press('+');
      await waitForPanelText(page, '[data-mask="zoom-note"]', /^Every unit has its own cell: nothing to zoom\.$/);
      await waitForPanelText(page, '[data-mask="region"]', /^4 × 5 units$/);
      assert.ok(await frame.getByRole('button', { name: 'Zoom in' }).isDisabled());
    });

    it('with the mask shared along H and W (Dropout2d), each slice is kept or dropped whole and the per-axis fractions match the slices', async () => {
      const { page } = session;
      await startFrom(session, FILE);
      await waitForStat(page, 'n', N * C * H * W, SLOW);
      await shareAxis(page, 2, /shared along axis 2 \(draws on a 2 × 3 × 1 × 5 shape\)/);
      await shareAxis(page, 3, /^channel-wise.*draws on a 2 × 3 × 1 × 1 shape/);
      const kept: number[][] = [];
      for (let n = 0; n < N; n++) {
        kept.push([]);
        for (let c = 0; c < C; c++) {
          const k = await pickSlice(page, n, c);
          assert.ok(k === 0 || k === H * W, `slice [${n}, ${c}] keeps ${k} of 20: Dropout2d keeps or drops a plane whole`);
          kept[n].push(k);
        }
      }
      const perChannel = await axisFractions(page, 1);
      const perSample = await axisFractions(page, 0);
      // The table shows 7 significant digits (a third reads 0.3333333).
      const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;
      for (let c = 0; c < C; c++)
        assert.ok(
          same(perChannel[c], (kept[0][c] + kept[1][c]) / (N * H * W)),
          `channel ${c}: ${perChannel} from slices ${JSON.stringify(kept)}`,
        );
      for (let n = 0; n < N; n++)
        assert.ok(
          same(perSample[n], kept[n].reduce((a, b) => a + b, 0) / (C * H * W)),
          `sample ${n}: ${perSample} from slices ${JSON.stringify(kept)}`,
        );
      const total = kept.flat().reduce((a, b) => a + b, 0);
      assert.equal(await statNumber(page, 'kept'), total, 'the slices add up to the draw');

      // Shared along the batch too: one draw per channel, so every per-channel fraction is 0 or 1.
      await shareAxis(page, 0, /draws on a 1 × 3 × 1 × 1 shape/);
      const channels = await axisFractions(page, 1);
      for (let c = 0; c < C; c++) {
        assert.ok(channels[c] === 0 || channels[c] === 1, `channel ${c}: ${channels[c]}`);
        assert.equal(await pickSlice(page, 0, c), channels[c] * H * W, `slice [0, ${c}]`);
        assert.equal(await pickSlice(page, 1, c), channels[c] * H * W, `slice [1, ${c}]`);
      }
      assert.equal(await webview(page).locator('[data-axis-summary="1"] .axis-badge').innerText(), '0 or 1');
    });

    it('screenshots the picker and the per-axis summaries in the dark and light themes', async () => {
      const { page } = session;
      await startFrom(session, FILE);
      await waitForStat(page, 'n', N * C * H * W, SLOW);
      const frame = webview(page);
      // One draw per channel, and a channel the draw keeps, so the picture shows kept units.
      await shareAxis(page, 2, /shared along axis 2 \(draws on a 2 × 3 × 1 × 5 shape\)/);
      await shareAxis(page, 3, /^channel-wise.*draws on a 2 × 3 × 1 × 1 shape/);
      await shareAxis(page, 0, /draws on a 1 × 3 × 1 × 1 shape/);
      const kept = (await axisFractions(page, 1)).indexOf(1);
      await pickSlice(page, 1, kept >= 0 ? kept : 1);
      // A wide window, so the panel has room for the mask and the means side by side. The theme
      // stays light after this test: none of the others reads colours.
      await page.setViewportSize({ width: 2000, height: 1100 });
      const shot = async (theme: string) => {
        await frame.locator('canvas.mask-canvas').waitFor({ state: 'visible', timeout: SLOW });
        await frame.locator('section[aria-label="Mask"]').evaluate((el) => (el as unknown as { scrollIntoView(): void }).scrollIntoView());
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        const file = path.join(SCREENSHOTS, `slice-picker-${version}-${theme}.png`);
        await page.locator(PLAYGROUND_IFRAME).screenshot({ path: file });
        return file;
      };
      const dark = await shot('dark');
      await runCommand(page, 'Preferences: Color Theme');
      const picker = page.locator('.quick-input-widget');
      await picker.locator('input').fill('Light Modern');
      await picker.locator('.monaco-list-row', { hasText: 'Light Modern' }).first().waitFor({ state: 'visible', timeout: SLOW });
      await page.keyboard.press('Enter');
      await frame.locator('body.vscode-light').waitFor({ state: 'attached', timeout: SLOW });
      const light = await shot('light');
      for (const file of [dark, light]) assert.ok(fs.statSync(file).size > 10_000, `${file} is a real picture`);
      await page.setViewportSize({ width: 1400, height: 900 });
    });

    it('keeps the slice across a change of p, and starts from all slices on a new input', async () => {
      const { page } = session;
      await startFrom(session, FILE, { p: 0.5 });
      await waitForStat(page, 'n', N * C * H * W, SLOW);
      await pickSlice(page, 1, 2);
      const number = webview(page)
        .getByLabel(/p, as a number/i)
        .first();
      await number.fill('0.3');
      await number.press('Enter');
      await waitForStat(page, 'p', 0.3, SLOW);
      await waitForPanelText(page, '[data-slice="status"]', /^tensor\[1, 2, :, :\]/);
      await waitForPanelText(page, '[data-mask="region"]', /^4 × 5 units$/);
      // The same text again: a new input.
      await openPlaygroundOn(page, FILE);
      await waitForPanelText(page, '[data-slice="status"]', /^All 6 slices/);
      await waitForPanelText(page, '[data-mask="region"]', /^24 × 5 units$/);
      assert.ok(await webview(page).locator('[data-control="slice-all"]').isChecked());
    });

    it('logs no CSP violation and no uncaught error', async () => {
      assert.deepEqual(await consoleProblems(session), []);
    });
  });
}
