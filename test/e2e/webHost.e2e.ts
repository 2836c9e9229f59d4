// The UI tier, web flavour: the same extension forced into the browser's web-worker extension host
// (its `browser` entry, no Node), as in vscode.dev. The same palette flow as playground.e2e.ts, and
// the kept counts are the very ones the engine draws in Node for the same seed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dropout } from '../../src/engine';
import { WEB_WORKER_NAME } from '../../src/compute/webCompute';
import { explorerMenu, numpySize } from './explorer';
import {
  consoleProblems,
  E2E_VERSIONS,
  openPlaygroundOn,
  openSession,
  runFromPalette,
  startFrom,
  stat,
  statNumber,
  statusBarText,
  waitForStat,
  webview,
  WEB_EXTENSION_HOST,
  workerNames,
  WORKSPACE,
  ROOT,
  type Session,
} from './workbench';

/** A .npy written by NumPy, copied into the workspace for the Explorer to list. */
const NPY = 'web-nchw.npy';

/** What the engine keeps of 100 ones at `p` with PyTorch's stream from seed 0. */
const keptOf100Ones = (p: number) =>
  dropout({ shape: [100], dtype: 'float32', data: new Float32Array(100).fill(1) }, { p, mode: 'train', seed: 0, rng: 'torch' }).stats.kept;

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 1e-5 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}, web extension host: palette → panel → numbers`, function () {
    this.timeout(120_000);
    let session: Session;

    before(async () => {
      fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'tensorFiles', 'nchw.npy'), path.join(WORKSPACE, NPY));
      session = await openSession(version, { settings: WEB_EXTENSION_HOST });
    });
    after(async () => {
      await session?.close();
      fs.rmSync(path.join(WORKSPACE, NPY), { force: true });
    });

    it('opens 100 ones from the palette with the kept count the engine draws', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json');
      assert.equal(await statNumber(page, 'n'), 100);
      assert.equal(await stat(page, 'mode'), 'train');
      const kept = await statNumber(page, 'kept');
      assert.equal(kept, keptOf100Ones(0.5));
      assert.equal(await statNumber(page, 'evalMean'), 1);
      close(await statNumber(page, 'trainMean'), (kept * 2) / 100, 'trainMean');
      close(await statNumber(page, 'expectedTrainMean'), 1, 'expectedTrainMean');
      assert.equal(await statusBarText(page), 'Dropout: train · p=0.50');
    });

    it('sets p = 0.4 from the palette: the seed stays, the mask redraws from it', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      await runFromPalette(page, 'Dropout: Set Drop Probability (p)…');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('.monaco-list-row', { hasText: 'Custom…' }).first().click();
      await widget.locator('.monaco-list-row', { hasText: 'Custom…' }).waitFor({ state: 'hidden' });
      await widget.locator('input').fill('0.4');
      await page.keyboard.press('Enter');
      await waitForStat(page, 'p', 0.4);
      assert.equal(await stat(page, 'seed'), '0');
      const kept = await statNumber(page, 'kept');
      assert.equal(kept, keptOf100Ones(0.4));
      close(await statNumber(page, 'trainMean'), kept / 0.6 / 100, 'trainMean');
    });

    it('toggles train/eval from the palette', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { mode: 'train' });
      await runFromPalette(page, 'Dropout: Toggle Train/Eval Mode');
      await waitForStat(page, 'mode', 'eval');
      await runFromPalette(page, 'Dropout: Toggle Train/Eval Mode');
      await waitForStat(page, 'mode', 'train');
    });

    it('malformed JSON shows a visible error that names the line', async () => {
      const { page } = session;
      await openPlaygroundOn(page, 'broken.json');
      const error = webview(page).locator('[data-error]');
      await error.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await error.innerText(), /\b3\b/);
    });

    it('opens a .npy from the Explorer: read whole through VS Code, handed to the Web Worker', async () => {
      const { page } = session;
      await explorerMenu(page, NPY, 'Open in Dropout Playground');
      await waitForStat(page, 'n', numpySize(path.join(WORKSPACE, NPY)), 60_000);
      // The browser host has no ranged reads of a file, and the panel says so.
      const provenance = webview(page).locator('[data-provenance]');
      assert.match(
        await provenance.innerText(),
        new RegExp(`^${NPY.replace(/\./g, '\\.')} read whole: this file system gives no partial reads`),
      );
    });

    it('runs in the web-worker extension host, computing in a Web Worker of its own', async () => {
      // Only the browser's extension host can start a Web Worker (the Node host has none), and its
      // workers are listed under the page: this one proves both where the extension runs and where it computes.
      const names = await workerNames(session.page);
      assert.ok(
        names.some((name) => name.endsWith(WEB_WORKER_NAME)),
        `workers: ${names.join(' | ')}`,
      );
    });

    it('logs no CSP violation and no uncaught error', async () => {
      assert.deepEqual(await consoleProblems(session), []);
    });
  });
}
