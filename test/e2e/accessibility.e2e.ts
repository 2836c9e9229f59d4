// axe-core finds no WCAG 2.0/2.1 A or AA violation in the panel, in each of VS Code's four kinds of
// theme, in every state the panel can be in: loaded, Monte Carlo shown, a classic mistake shown,
// the values table scrolled to its end, the slice picker of a 4-D input, and a parse error.
// A screenshot of each theme goes to artifacts/screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import {
  E2E_VERSIONS,
  openPlaygroundOn,
  openSession,
  PLAYGROUND_IFRAME,
  SCREENSHOTS,
  startFrom,
  waitForPanelText,
  waitForStat,
  webview,
} from './workbench';

const SLOW = 30_000;

const THEMES = [
  { name: 'Dark', theme: 'Default Dark Modern', bodyClass: 'vscode-dark' },
  { name: 'Light', theme: 'Default Light Modern', bodyClass: 'vscode-light' },
  { name: 'High Contrast', theme: 'Default High Contrast', bodyClass: 'vscode-high-contrast' },
  { name: 'High Contrast Light', theme: 'Default High Contrast Light', bodyClass: 'vscode-high-contrast-light' },
];

/** Each state of the panel, reached from the one before as a user would. */
const STATES: { name: string; reach(page: Page): Promise<void> }[] = [
  {
    name: 'loaded',
    reach: async (page) => {
      await waitForStat(page, 'n', 100, SLOW);
    },
  },
  {
    name: 'Monte Carlo shown',
    reach: async (page) => {
      const frame = webview(page);
      await frame.locator('[data-control="mc-run"]').click();
      await waitForPanelText(page, '[data-mc="summary"]', /^[\d,]+ training draws:/, SLOW);
    },
  },
  {
    name: 'a classic mistake shown',
    reach: async (page) => {
      const frame = webview(page);
      await frame.locator('[data-mistake="scaledTwice"]').click();
      await frame.locator('[data-mistake="scaledTwice"][aria-pressed="true"]').waitFor({ state: 'attached', timeout: SLOW });
    },
  },
  {
    name: 'values table scrolled',
    reach: async (page) => {
      const frame = webview(page);
      await frame.locator('.values-scroll').press('End');
      const lastRow = frame.locator('table[data-values="table"] tbody tr[data-index="99"]');
      await lastRow.locator('td.num').first().filter({ hasText: /\d/ }).waitFor({ timeout: SLOW });
    },
  },
  {
    name: 'slice picker',
    reach: async (page) => {
      await openPlaygroundOn(page, 'nchw.txt');
      await waitForStat(page, 'n', 120, SLOW);
      const frame = webview(page);
      await frame.locator('[data-control="slice-one"]').check();
      await waitForPanelText(page, '[data-slice="status"]', /^tensor\[0, 0, :, :\]/, SLOW);
    },
  },
  {
    name: 'error',
    reach: async (page) => {
      await openPlaygroundOn(page, 'broken.json');
      await webview(page).locator('[data-error]').waitFor({ state: 'visible', timeout: SLOW });
    },
  },
];

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: accessibility (axe-core, WCAG 2.1 A and AA)`, function () {
    this.timeout(300_000);

    for (const { name, theme, bodyClass } of THEMES) {
      it(`has no violation in the ${name} theme, in each state of the panel`, async () => {
        const session = await openSession(version, { theme });
        try {
          const { page } = session;
          await startFrom(session, 'ones100.json', { p: 0.5 });
          await webview(page).locator(`body.${bodyClass}`).waitFor({ state: 'attached', timeout: SLOW });
          const found: string[] = [];
          for (const state of STATES) {
            await state.reach(page);
            found.push(...(await axeViolations(page)).map((v) => `${state.name}: ${v}`));
            if (state.name === 'a classic mistake shown') {
              fs.mkdirSync(SCREENSHOTS, { recursive: true });
              const file = `a11y-${version}-${name.toLowerCase().replace(/ /g, '-')}.png`;
              await page.locator(PLAYGROUND_IFRAME).screenshot({ path: path.join(SCREENSHOTS, file) });
            }
          }
          assert.deepEqual(found, [], `axe in the ${name} theme:\n${found.join('\n')}`);
        } finally {
          await session.close();
        }
      });
    }
  });
}
