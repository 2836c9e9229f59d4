// The UI tier's tensor files and lenses: in the Explorer, a right-click on a .npy and "Open in
// Dropout Playground" shows as many values as NumPy reads from the file; "Open With…" → "Dropout
// Playground" opens the file's own read-only editor on it. A checkpoint of several tensors asks which
// one, listing each with its shape and dtype. In a Python file, a lens above a dropout call reads its
// p, and running it sets that p in the panel. Screenshots of the picker and the lenses (dark theme).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { explorerMenu, numpySize } from './explorer';
import {
  consoleProblems,
  E2E_VERSIONS,
  openSession,
  PLAYGROUND_IFRAME,
  quickOpen,
  ROOT,
  runFromPalette,
  SCREENSHOTS,
  type Session,
  waitForStat,
  webview,
  WORKSPACE,
} from './workbench';

const SLOW = 60_000;
/** Files written by NumPy and PyTorch (scripts/make_tensor_files.py). */
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'tensorFiles');
/** Fixtures copied into the workspace for the Explorer to list, by the name they get there. */
const COPIES: Record<string, string> = {
  'explorer-nchw.npy': 'nchw.npy',
  'open-with-matrix.npy': 'c_float32.npy',
  'explorer-checkpoint.pt': 'checkpoint.pt',
};

/** Closes every editor, and waits until no playground webview is left. */
async function closeAll(page: Page): Promise<void> {
  await runFromPalette(page, 'View: Close All Editors');
  await page.locator(PLAYGROUND_IFRAME).first().waitFor({ state: 'detached', timeout: SLOW });
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: tensor files from the Explorer, and lenses on dropout calls`, function () {
    this.timeout(240_000);
    let session: Session;

    before(async () => {
      for (const [copy, fixture] of Object.entries(COPIES)) fs.copyFileSync(path.join(FIXTURES, fixture), path.join(WORKSPACE, copy));
      session = await openSession(version, {
        theme: 'Default Dark Modern',
        settings: { 'dropoutPlayground.p': 0.5, 'dropoutPlayground.seed': 0, 'dropoutPlayground.rng': 'torch' },
      });
    });
    after(async () => {
      await session?.close();
      for (const copy of Object.keys(COPIES)) fs.rmSync(path.join(WORKSPACE, copy), { force: true });
    });

    it('opens a .npy from its context menu in the Explorer, with every value NumPy reads', async () => {
      const { page } = session;
      const expected = numpySize(path.join(WORKSPACE, 'explorer-nchw.npy'));
      await explorerMenu(page, 'explorer-nchw.npy', 'Open in Dropout Playground');
      await waitForStat(page, 'n', expected, SLOW);
      await closeAll(page);
    });

    it('opens a .npy with Open With… → Dropout Playground, in the file’s own editor', async () => {
      const { page } = session;
      const expected = numpySize(path.join(WORKSPACE, 'open-with-matrix.npy'));
      await explorerMenu(page, 'open-with-matrix.npy', 'Open With...');
      const choice = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dropout Playground' }).first();
      await choice.waitFor({ state: 'visible' });
      await choice.click();
      await page.locator('.tab.active', { hasText: 'open-with-matrix.npy' }).waitFor({ state: 'visible', timeout: SLOW });
      await waitForStat(page, 'n', expected, SLOW);
      await closeAll(page);
    });

    it('asks which tensor of a checkpoint to open, listing each with its shape and dtype', async () => {
      const { page } = session;
      await explorerMenu(page, 'explorer-checkpoint.pt', 'Open in Dropout Playground');
      const rows = page.locator('.quick-input-widget .monaco-list-row');
      const weight = rows.filter({ hasText: 'layers.0.weight' }).first();
      await weight.waitFor({ state: 'visible', timeout: SLOW });
      assert.match(await weight.innerText(), /\[64, 64\] float32/);
      assert.match(await rows.filter({ hasText: 'layers.1.weight' }).first().innerText(), /\[32, 64\] float32/);
      // The picker and the Explorer's row it was opened from.
      const picker = await page.locator('.quick-input-widget').boundingBox();
      const explorer = await page.locator('.explorer-folders-view').boundingBox();
      assert.ok(picker && explorer);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `tensor-picker-${version}-dark.png`),
        clip: { x: 0, y: 0, width: picker.x + picker.width + 16, height: Math.min(explorer.y + explorer.height, picker.y + 560) },
      });
      await weight.click();
      await waitForStat(page, 'n', 64 * 64, SLOW);
      await closeAll(page);
    });

    it('shows a lens above a dropout call of a Python file, and running it sets that p', async () => {
      const { page } = session;
      await quickOpen(page, 'dropout_model.py');
      const lens = page.locator('.codelens-decoration a', { hasText: /^Dropout Playground: p = 0\.3 \(PyTorch\)$/ }).first();
      await lens.waitFor({ state: 'visible', timeout: SLOW });
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page
        .locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'dropout_model.py' }) })
        .screenshot({ path: path.join(SCREENSHOTS, `codelens-${version}-dark.png`) });
      await lens.click();
      await page.locator(PLAYGROUND_IFRAME).first().waitFor({ state: 'attached', timeout: SLOW });
      await waitForStat(page, 'p', 0.3, SLOW);
      assert.equal(await webview(page).locator('select[data-control="framework"]').inputValue(), 'pytorch');
      await closeAll(page);
    });

    it('logs no CSP violation and no uncaught error', async () => {
      assert.deepEqual(await consoleProblems(session), []);
    });
  });
}
