// The mask in the real workbench: at eval nothing is dropped (the grid's heading, the table's mask
// column), and a tall mask (2000 × 10) is readable: wrapped into bands of cells several pixels tall,
// zoomed along its rows down to single units without losing a column, and a hovered cell shows its
// index, input, output and kept/dropped. Screenshots (dark theme) in artifacts/screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import {
  E2E_VERSIONS,
  openPlaygroundOn,
  openSession,
  SCREENSHOTS,
  stat,
  statNumber,
  waitForStat,
  webview,
  WORKSPACE,
  type Session,
} from './workbench';

const ROWS = 2000;
const COLS = 10;
const TALL = 'mask-layout-2000x10.csv';
/** Eighths are exact in float32, so the tooltip shows each input as written. */
const valueAt = (row: number, col: number) => (((row * COLS + col) * 37) % 1000) / 8 - 60;

/** Sets p, the seed and the mode from the panel's own controls, and waits until the summary shows them. */
async function settle(page: Page, p: number, seed: string, mode: 'train' | 'eval'): Promise<void> {
  const frame = webview(page);
  const number = frame.locator('[data-control="p-number"]');
  await number.fill(String(p));
  await number.press('Enter');
  await waitForStat(page, 'p', p);
  const seedInput = frame.locator('[data-control="seed"]');
  await seedInput.fill(seed);
  await seedInput.press('Enter');
  await waitForStat(page, 'seed', seed);
  if ((await stat(page, 'mode')) !== mode) await frame.locator('[data-control="mode"]').click();
  await waitForStat(page, 'mode', mode);
}

/** The mask column of the table's rows, once every row on screen has its values. */
async function maskColumn(frame: FrameLocator): Promise<string[]> {
  const rows = frame.locator('table[data-values="table"] tbody tr');
  for (let i = 0; i < 100; i++) {
    const words = await rows.locator('td:last-child').allInnerTexts();
    if (words.length > 0 && words.every((w) => w.trim() !== '…')) return words.map((w) => w.trim());
    await frame.locator('body').page().waitForTimeout(100);
  }
  throw new Error('the values table never filled');
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: the mask's layout`, function () {
    this.timeout(180_000);
    let session: Session;
    const tall = path.join(WORKSPACE, TALL);

    before(async () => {
      const lines = Array.from({ length: ROWS }, (_, r) => Array.from({ length: COLS }, (_, c) => valueAt(r, c)).join(','));
      fs.writeFileSync(tall, lines.join('\n') + '\n');
      session = await openSession(version, { theme: 'Default Dark Modern' });
    });
    after(async () => {
      await session?.close();
      fs.rmSync(tall, { force: true });
    });

    it('shows no dropped unit in eval mode, in the grid or the table', async () => {
      const { page } = session;
      await openPlaygroundOn(page, 'ones100.json');
      assert.equal(await statNumber(page, 'n'), 100);
      const frame = webview(page);
      await settle(page, 0.4, '0', 'train');
      // The train draw drops units, so the eval check below has something to hide.
      assert.ok((await maskColumn(frame)).includes('dropped'), 'the train draw drops some of the first rows');
      const heading = frame.locator('[data-mask="heading"]');
      assert.equal(await heading.isVisible(), false, 'no eval heading in train mode');

      await settle(page, 0.4, '0', 'eval');
      await heading.waitFor({ state: 'visible' });
      assert.equal((await heading.innerText()).trim(), 'Eval: every unit passes (nothing is dropped).');
      const words = await maskColumn(frame);
      assert.deepEqual([...new Set(words)], ['kept'], `the mask column at eval: ${words.join(' ')}`);
      assert.match(await frame.locator('table[data-values="table"] thead').innerText(), /mask \(eval\)/);
      const legend = await frame.locator('[data-mask="legend"]').innerText();
      assert.match(legend, /all 100 units/);
      assert.match(legend, /Seed 0's train draw \(not applied in eval\) drops 36 of the 100 units/);
      assert.match((await frame.locator('canvas.mask-canvas').getAttribute('aria-label')) ?? '', /all 100 units pass, none dropped/);
      assert.match(await frame.locator('[data-lesson="mode"]').innerText(), /^Eval mode: nothing is dropped, the output equals the input/);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `mask-eval-${version}-dark.png`) });
    });

    it('draws a tall mask in readable bands, zooms it by rows and says what a hovered unit holds', async () => {
      const { page } = session;
      await openPlaygroundOn(page, TALL);
      assert.equal(await statNumber(page, 'n'), ROWS * COLS);
      await settle(page, 0.5, '3', 'train');
      const frame = webview(page);
      const canvas = frame.locator('canvas.mask-canvas');
      const region = frame.locator('[data-mask="region"]');
      await region.filter({ hasText: '2,000 × 10 units' }).waitFor();

      const cell = Number(await canvas.getAttribute('data-cell'));
      const bands = Number(await canvas.getAttribute('data-bands'));
      const box = (await canvas.boundingBox())!;
      const section = (await frame.locator('section[aria-label="Mask"]').boundingBox())!;
      assert.ok(cell >= 4, `cells of ${cell} px`);
      assert.ok(bands > 1, `${bands} bands`);
      assert.ok(box.height >= 100 && box.width >= 4 * COLS * 2, `the canvas is ${box.width} × ${box.height}`);
      assert.ok(box.width <= section.width + 1, 'the canvas fits its section');

      // + zooms along the rows only, down to single units, then says why it stops.
      const zoomIn = frame.getByRole('button', { name: 'Zoom in' });
      for (let step = 0; step < 8 && (await zoomIn.isEnabled()); step++) {
        const before = await region.innerText();
        await zoomIn.click();
        await region.filter({ hasNotText: before }).waitFor();
        assert.match(await region.innerText(), /columns 0–9 of/);
      }
      assert.equal(await zoomIn.isEnabled(), false, 'zoom in ends');
      assert.match(await frame.locator('[data-mask="zoom-note"]').innerText(), /as far as it goes/);
      const firstRow = Number(/^rows ([\d,]+)–/.exec(await region.innerText())![1].replace(/,/g, ''));
      assert.ok(Number(await canvas.getAttribute('data-cell')) >= 8, 'single units get larger cells');

      // Hover the unit at (firstRow + 1, 3): its index, input, output and kept/dropped.
      const zoomedCell = Number(await canvas.getAttribute('data-cell'));
      await canvas.hover({ position: { x: 3.5 * zoomedCell, y: 1.5 * zoomedCell } });
      const tooltip = frame.locator('[data-mask="tooltip"]');
      await tooltip.waitFor({ state: 'visible' });
      await tooltip.filter({ hasNotText: '…' }).waitFor({ timeout: 10_000 });
      const lines = (await tooltip.innerText())
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const row = firstRow + 1;
      assert.equal(lines[0], `Unit ${row * COLS + 3} (${row}, 3)`);
      const input = valueAt(row, 3);
      const match = /^input (\S+) → output (\S+)$/.exec(lines[1]);
      assert.ok(match, lines[1]);
      assert.equal(Number(match[1]), input);
      assert.match(lines[2], /^(kept|dropped)$/);
      assert.equal(Number(match[2]), lines[2] === 'kept' ? input * 2 : 0, `p 0.5: ${lines.join(' | ')}`);
      await frame.locator('section[aria-label="Mask"]').screenshot({ path: path.join(SCREENSHOTS, `mask-tall-hover-${version}-dark.png`) });
    });
  });
}
