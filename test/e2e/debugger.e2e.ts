// The UI tier's debugging flow: a breakpoint on the script's last line, the launch configuration run
// from the palette to it, a right-click on a tensor in the Variables view and "Open in Dropout
// Playground": the panel's kept count for seed 0 is the one PyTorch's own dropout keeps on a tensor
// of that shape.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  chooseFromContextMenu,
  E2E_VERSIONS,
  launcher,
  openSession,
  quickOpen,
  runFromPalette,
  SCREENSHOTS,
  type Session,
  statNumber,
  waitForPanelText,
} from './workbench';

/** What torch.nn.functional.dropout keeps of an 8×16 tensor at p = 0.5 after torch.manual_seed(0). */
function torchKept(): number {
  const code =
    'import torch\ntorch.manual_seed(0)\nm = torch.nn.functional.dropout(torch.ones(8, 16), 0.5, training=True)\nprint(int((m != 0).sum()))';
  const run = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: a paused tensor from the Variables view`, function () {
    this.timeout(240_000);
    let session: Session;
    const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropout-e2e-extensions-'));

    before(async () => {
      const l = await launcher();
      await l.installVsix(version, l.packDebugAdapter(), extensionsDir);
      session = await openSession(version, {
        extensionsDir,
        settings: {
          'dropoutPlayground.p': 0.5,
          'dropoutPlayground.seed': 0,
          'dropoutPlayground.rng': 'torch',
          'debug.openDebug': 'openOnDebugBreak',
        },
      });
    });
    after(async () => {
      await session?.close();
      fs.rmSync(extensionsDir, { recursive: true, force: true });
    });

    it('opens the tensor from its context menu, with the kept count PyTorch keeps for seed 0', async () => {
      const { page } = session;
      await quickOpen(page, 'layer.py');
      await page.keyboard.press('Control+G');
      await page.keyboard.type('6');
      await page.keyboard.press('Enter');
      await runFromPalette(page, 'Debug: Toggle Breakpoint');
      await page.locator('.codicon-debug-breakpoint').first().waitFor({ state: 'visible' });
      await runFromPalette(page, 'Debug: Select and Start Debugging');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'layer.py' }).first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      // Stopped at the breakpoint: open the Locals scope of the Variables view (collapsed at first in newer versions).
      const locals = page.locator('.debug-view-content .monaco-list-row', { hasText: /^Locals$/ }).first();
      await locals.waitFor({ state: 'visible', timeout: 150_000 });
      if ((await locals.getAttribute('aria-expanded')) === 'false') await locals.click();
      const row = page.locator('.debug-view-content .monaco-list-row', { hasText: /^acts\s*=/ });
      await row.first().waitFor({ state: 'visible', timeout: 150_000 });
      await row.first().click({ button: 'right' });
      await chooseFromContextMenu(page, 'Open in Dropout Playground');
      await waitForPanelText(
        page,
        '[data-provenance]',
        /^debug session layer\.py · frame <module>, layer\.py:\d+ · torch\.Tensor float32$/,
        60_000,
      );
      assert.equal(await statNumber(page, 'n'), 128);
      assert.equal(await statNumber(page, 'kept'), torchKept());
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `debugger-${version}-dark.png`) });
    });
  });
}
