// Saving images in the real workbench, as a user does it: the panel's "Save mask as SVG…" and
// "…as PNG…" buttons and the palette's "Save Charts as PNG or SVG…" open VS Code's save dialog; the
// files written are a well-formed SVG in the theme's colours that says the kept count the panel
// shows, and PNGs that Chromium decodes, at twice the SVG's size. The PNGs (dark theme) are kept in
// artifacts/screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { pngSize } from '../../src/shared/imageExport';
import { elements, parseXml, textOf } from '../wellFormedXml';
import {
  E2E_VERSIONS,
  openSession,
  runFromPalette,
  SCREENSHOTS,
  startFrom,
  statNumber,
  webview,
  WORKSPACE,
  type Session,
} from './workbench';

const SLOW = 30_000;

/** Types the file's full path into VS Code's save dialog (the simple dialog of a browser workbench) and accepts it. */
async function saveAs(page: Page, file: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: SLOW });
  // The dialog starts on the suggested name in the workspace: replace it with ours.
  await page.waitForFunction(
    () =>
      (
        (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector(
          '.quick-input-widget input',
        )?.value ?? ''
      ).includes('dropout-'),
    undefined,
    { timeout: SLOW },
  );
  await input.fill(file);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: SLOW });
}

/** The file's bytes once it is written whole (the check says when). */
async function written(file: string, whole: (bytes: Buffer) => boolean): Promise<Buffer> {
  const deadline = Date.now() + SLOW;
  for (;;) {
    const bytes = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    if (bytes && whole(bytes)) return bytes;
    if (Date.now() > deadline) throw new Error(`${file} was not written`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Width and height of the PNG as Chromium decodes it. */
async function decodedSize(page: Page, png: Buffer): Promise<{ width: number; height: number }> {
  return page.evaluate(async (base64) => {
    const browser = globalThis as unknown as { createImageBitmap(blob: Blob): Promise<{ width: number; height: number }> };
    const bitmap = await browser.createImageBitmap(
      new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }),
    );
    return { width: bitmap.width, height: bitmap.height };
  }, png.toString('base64'));
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: saving the mask and the charts as images`, function () {
    this.timeout(180_000);
    let session: Session;
    const files: string[] = [];
    const target = (name: string) => {
      const file = path.join(WORKSPACE, `saved-${process.pid}-${name}`);
      files.push(file);
      fs.rmSync(file, { force: true });
      return file;
    };

    before(async () => {
      session = await openSession(version, { theme: 'Default Dark Modern' });
    });
    after(async () => {
      await session?.close();
      for (const file of files) fs.rmSync(file, { force: true });
    });

    it('saves the mask from the panel as SVG (the kept count in words, dark colours) and as PNG at twice its size', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.4 });
      const kept = await statNumber(page, 'kept');
      const frame = webview(page);

      const svgFile = target('mask.svg');
      await frame.locator('[data-control="save-mask-svg"]').click();
      await saveAs(page, svgFile);
      const svg = parseXml((await written(svgFile, (b) => b.toString('utf8').trimEnd().endsWith('</svg>'))).toString('utf8'));
      assert.match(textOf(elements(svg, 'title')[0]), new RegExp(`^Dropout mask: ${kept} of 100 units kept`));
      assert.ok(elements(svg, 'text').some((t) => textOf(t).startsWith(`Dropout mask: ${kept} of 100 units kept`)));
      const background = elements(svg, 'rect')[0].attrs.fill;
      assert.notEqual(background, '#ffffff', `the dark theme's background, not white: ${background}`);

      const pngFile = target('mask.png');
      // From the keyboard this time: the button takes Enter like any other.
      await frame.locator('[data-control="save-mask-png"]').press('Enter');
      await saveAs(page, pngFile);
      const png = await written(
        pngFile,
        (b) => pngSize(new Uint8Array(b)) !== undefined && b.subarray(-8, -4).toString('latin1') === 'IEND',
      );
      const expected = { width: 2 * Number(svg.attrs.width), height: 2 * Number(svg.attrs.height) };
      assert.deepEqual(pngSize(new Uint8Array(png)), expected);
      assert.deepEqual(await decodedSize(page, png), expected);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      fs.writeFileSync(path.join(SCREENSHOTS, `export-mask-dark-${version}.png`), png);
    });

    it('saves the charts from the palette as PNG', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.4 });
      const pngFile = target('charts.png');
      await runFromPalette(page, 'Dropout: Save Charts as PNG or SVG…');
      const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'PNG' }).first();
      await pick.waitFor({ state: 'visible', timeout: SLOW });
      await pick.click();
      await saveAs(page, pngFile);
      const png = await written(pngFile, (b) => b.subarray(-8, -4).toString('latin1') === 'IEND');
      const size = pngSize(new Uint8Array(png));
      assert.ok(size && size.width >= 1000 && size.height >= 600, JSON.stringify(size));
      assert.deepEqual(await decodedSize(page, png), size);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      fs.writeFileSync(path.join(SCREENSHOTS, `export-charts-dark-${version}.png`), png);
    });
  });
}
