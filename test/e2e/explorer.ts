// The Explorer as a user drives it: a right-click on a file and an entry of its context menu, and
// how many values NumPy reads from a .npy file there (the reference a panel's n is checked against).
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { chooseFromContextMenu, runFromPalette } from './workbench';

const SLOW = 60_000;

/** How many values NumPy reads from a .npy file. */
export function numpySize(file: string): number {
  const run = spawnSync('/usr/bin/python3', ['-c', 'import sys, numpy as np; print(np.load(sys.argv[1]).size)', file], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim());
}

/** The Explorer's row for a file at the workspace's top level, once the Explorer lists it. */
async function explorerRow(page: Page, fileName: string) {
  await runFromPalette(page, 'View: Show Explorer');
  const row = page
    .locator('.explorer-folders-view .monaco-list-row', {
      has: page.locator('.label-name', { hasText: new RegExp(`^${fileName.replace(/\./g, '\\.')}$`) }),
    })
    .first();
  await row.waitFor({ state: 'visible', timeout: SLOW });
  return row;
}

/**
 * Right-clicks a file in the Explorer and picks an entry of its context menu. Early in a window's
 * life the menu can open before the extension's entries are known to it: such a menu is closed and
 * opened again until it lists the entry.
 */
export async function explorerMenu(page: Page, fileName: string, entry: string): Promise<void> {
  const row = await explorerRow(page, fileName);
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-item', { hasText: entry }).first();
  const deadline = Date.now() + SLOW;
  for (;;) {
    await row.click({ button: 'right' });
    await menu.first().waitFor({ state: 'visible' });
    const listed = await item.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (listed) break;
    if (Date.now() > deadline) throw new Error(`the Explorer's menu on ${fileName} never listed "${entry}"`);
    await page.keyboard.press('Escape');
    await menu.first().waitFor({ state: 'detached' });
  }
  await chooseFromContextMenu(page, entry);
}
