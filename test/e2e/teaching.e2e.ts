// The UI tier for the teaching parts of the panel: Monte Carlo (from the panel and the palette), a
// classic-mistake preset re-worked when p changes, the "why" steps, and the walkthrough's first step.
// Numbers are read from the text the panel shows, as a user would read them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  E2E_VERSIONS,
  focusEditor,
  openPalette,
  openPlaygroundOn,
  openSession,
  runFromPalette,
  SCREENSHOTS,
  startFrom,
  statNumber,
  waitForStat,
  webview,
  type Session,
} from './workbench';

// The machine running the tier may be busy: wait on conditions, generously.
const SLOW = 90_000;

/** The panel's numbers use a real minus sign (U+2212); Number() wants ASCII. */
const toNumber = (text: string): number => Number(text.replace(/\u2212/g, '-').replace(/,/g, ''));

interface McSummary {
  trials: number;
  mean: number;
  standardError: number;
  evalSum: number;
  expected: number;
}

/** Reads "N training draws: the dropped-and-scaled sum averaged M ± SE (eval output E, expected X); …". */
function parseSummary(text: string): McSummary | null {
  const number = '([\\u2212-]?[\\d.,]+(?:e[-+]?\\d+)?)';
  const match = new RegExp(
    `^([\\d,]+) training draws: the dropped-and-scaled sum averaged ${number} ± ${number} \\(eval output ${number}, expected ${number}\\)`,
  ).exec(text.trim());
  if (!match) return null;
  const [trials, mean, standardError, evalSum, expected] = match.slice(1).map(toNumber);
  return { trials, mean, standardError, evalSum, expected };
}

/** Waits until the Monte Carlo summary reports a finished run of `trials` draws (no "Drawing…" prefix). */
async function waitForMonteCarlo(page: Page, trials: number): Promise<McSummary> {
  const summary = webview(page).locator('[data-mc="summary"]');
  await summary.waitFor({ state: 'visible', timeout: SLOW });
  const deadline = Date.now() + SLOW;
  let last = '';
  while (Date.now() < deadline) {
    last = (await summary.innerText().catch(() => '')).trim();
    const parsed = parseSummary(last);
    if (parsed && parsed.trials === trials) return parsed;
    await page.waitForTimeout(200);
  }
  throw new Error(`Monte Carlo summary never reported ${trials} finished draws; it reads "${last}"`);
}

/** Waits until a mistake-figure cell's text contains `expected`. */
async function waitForFigure(page: Page, name: string, expected: string): Promise<string> {
  const cell = webview(page).locator(`[data-figure="${name}"]`);
  await cell.waitFor({ state: 'visible', timeout: SLOW });
  const deadline = Date.now() + SLOW;
  let last = '';
  while (Date.now() < deadline) {
    last = (await cell.innerText().catch(() => '')).trim();
    if (last.includes(expected)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`data-figure ${name}: expected it to contain "${expected}", still "${last}"`);
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: the teaching features`, function () {
    this.timeout(180_000);
    let session: Session;

    before(async function () {
      this.timeout(240_000);
      session = await openSession(version);
    });
    after(async () => {
      await session?.close();
    });

    it('runs 2000 Monte Carlo draws from the panel; the scaled sum averages 100 within 4 standard errors', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      await waitForStat(page, 'n', 100, SLOW);

      const frame = webview(page);
      const trials = frame.locator('[data-control="mc-trials"]');
      await trials.waitFor({ state: 'visible', timeout: SLOW });
      await trials.fill('2000');
      await frame.locator('[data-control="mc-run"]').click();
      const s = await waitForMonteCarlo(page, 2000);

      assert.equal(s.evalSum, 100, 'the eval sum of 100 ones');
      assert.equal(s.expected, 100, 'the expected train sum of 100 ones');
      // Per draw σ = √(100 · 0.5/0.5) = 10, so the standard error of 2000 draws is about 10/√2000 ≈ 0.22.
      assert.ok(s.standardError > 0.15 && s.standardError < 0.3, `standard error ${s.standardError}, expected ≈ 0.22`);
      assert.ok(
        Math.abs(s.mean - 100) <= 4 * s.standardError,
        `averaged ${s.mean} ± ${s.standardError}: more than 4 standard errors from 100`,
      );

      for (const [what, canvas] of [
        ['histogram', frame.locator('.mc-charts canvas').nth(0)],
        ['running mean', frame.locator('.mc-charts canvas').nth(1)],
      ] as const) {
        await canvas.waitFor({ state: 'visible', timeout: SLOW });
        const box = await canvas.boundingBox();
        assert.ok(box && box.width > 0 && box.height > 0, `${what} canvas has no size: ${JSON.stringify(box)}`);
        const label = (await canvas.getAttribute('aria-label'))?.trim() ?? '';
        assert.ok(label.length > 0, `${what} canvas has no aria-label`);
        assert.match(label, /2,?000/, `${what} label should name the 2000 draws: "${label}"`);
      }
      const keep = (await frame.locator('[data-mc="keep"]').innerText()).trim();
      assert.ok(keep.length > 0, 'the keep-frequency sentence is empty');

      // The histogram's twin table: the draws add up to 2000 and the bin marked "eval" holds 100.
      await frame.locator('details[data-twin="histogram"] > summary').click();
      const rows = frame.locator('details[data-twin="histogram"] table tbody tr');
      await rows.first().waitFor({ state: 'visible', timeout: SLOW });
      // The tier compiles without the DOM lib, so the rows are typed by the little that is read from them.
      type Row = { children: ArrayLike<{ textContent: string | null }> };
      const cells = await rows.evaluateAll((trs) =>
        (trs as unknown as Row[]).map((tr) => Array.from(tr.children, (td) => (td.textContent ?? '').trim())),
      );
      const drawn = cells.reduce((total, row) => total + Number(row[2]), 0);
      assert.equal(drawn, 2000, 'histogram counts add up to the draws');
      const evalRows = cells.filter((row) => row[3].split(', ').includes('eval'));
      assert.equal(evalRows.length, 1, `one bin marked eval: ${JSON.stringify(evalRows)}`);
      const [from, to] = [toNumber(evalRows[0][0]), toNumber(evalRows[0][1])];
      assert.ok(from <= 100 && 100 <= to, `the bin marked eval runs from ${from} to ${to}, which does not hold the eval sum 100`);
      await frame.locator('details[data-twin="histogram"] > summary').click();

      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const section = frame.locator('section[aria-label="Monte Carlo: equal on average"]');
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: path.join(SCREENSHOTS, `monte-carlo-${version}.png`) });
    });

    it('runs Monte Carlo from the palette with the default 1000 draws', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      await runFromPalette(page, 'Dropout: Run Monte Carlo (Many Masks)');
      const s = await waitForMonteCarlo(page, 1000);
      assert.equal(s.evalSum, 100);
      assert.ok(Math.abs(s.mean - 100) <= 4 * s.standardError, `averaged ${s.mean} ± ${s.standardError}`);
    });

    it('"Scaling twice" shows −50% at p = 0.5, and −40% once p is set to 0.4 in the panel', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      const frame = webview(page);
      const button = frame.locator('[data-mistake="scaledTwice"]');
      await button.click();
      await frame.locator('[data-mistake="scaledTwice"][aria-pressed="true"]').waitFor({ state: 'attached', timeout: SLOW });
      for (const other of ['forgotEval', 'functionalTraining', 'noTestScaling', 'keepAsDrop']) {
        assert.equal(await frame.locator(`[data-mistake="${other}"]`).getAttribute('aria-pressed'), 'false', `${other} pressed too`);
      }
      await waitForFigure(page, 'meanError', '(-50.0%)');

      const number = frame.locator('[data-control="p-number"]');
      await number.fill('0.4');
      await number.press('Enter');
      await number.press('Tab');
      await waitForStat(page, 'p', 0.4, SLOW);
      await waitForFigure(page, 'meanError', '(-40.0%)');
      assert.equal(await button.getAttribute('aria-pressed'), 'true', 'the preset stays selected after p changes');
    });

    it('the "why" works σ of the sum out as 8.2 at p = 0.4 on 100 ones', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.4 });
      const frame = webview(page);
      const why = frame.locator('details.why');
      // An earlier test may have left it open: a click would close it.
      if (!(await frame.locator('details.why[open]').count())) await frame.locator('details.why > summary').click();
      await frame.locator('details.why[open]').waitFor({ state: 'attached', timeout: SLOW });
      const step = why.locator('li[data-step="sumStd"]');
      await step.waitFor({ state: 'visible', timeout: SLOW });
      const text = (await step.innerText()).trim();
      // The substituted line ends "= σ": √(100 · 0.4/0.6) = 8.165 → 8.2 to one decimal.
      const values = [...text.replace(/\u2212/g, '-').matchAll(/=\s*(-?\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
      assert.ok(values.length > 0, `no "= number" in the step: "${text}"`);
      const sigma = values[values.length - 1];
      assert.equal(Math.round(sigma * 10) / 10, 8.2, `σ of the sum ${sigma} in "${text}"`);
      assert.ok(Math.abs(sigma - Math.sqrt((100 * 0.4) / 0.6)) < 0.001, `σ of the sum ${sigma} vs 8.165`);
      assert.match(text, /0\.4\b/, `the step should show p = 0.4: "${text}"`);
    });

    it("the walkthrough's first step opens the sample beside it, and the playground on it has n = 100", async () => {
      const { page } = session;
      // Another input first, so that n = 100 at the end comes from the sample.
      await openPlaygroundOn(page, 'matrix.json');
      await waitForStat(page, 'n', 12, SLOW);

      await openPalette(page, 'Welcome: Open Walkthrough');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('.monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor({ state: 'visible', timeout: SLOW });
      await page.keyboard.press('Enter');
      const pick = widget.locator('.monaco-list-row', { hasText: 'Get started with Dropout Playground' }).first();
      await pick.waitFor({ state: 'visible', timeout: SLOW });
      await widget.locator('input').fill('Dropout Playground');
      await pick.waitFor({ state: 'visible', timeout: SLOW });
      await page.keyboard.press('Enter');

      const walkthrough = page.locator('.gettingStartedContainer');
      await walkthrough.locator('.getting-started-step', { hasText: 'Open 100 ones' }).first().waitFor({ state: 'visible', timeout: SLOW });
      const openSample = walkthrough.getByRole('button', { name: 'Open the Sample' }).first();
      await openSample.waitFor({ state: 'visible', timeout: SLOW });
      await openSample.click();

      // The sample opens beside the walkthrough, which stays in view for step 2.
      const group = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'sample-activations.json' }) });
      const editor = group.locator('.editor-instance .monaco-editor').first();
      await editor.waitFor({ state: 'visible', timeout: SLOW });
      assert.ok(await walkthrough.isVisible(), 'the walkthrough is still in view');
      await walkthrough.locator('.getting-started-step', { hasText: 'Open 100 ones' }).first().waitFor({ state: 'visible', timeout: SLOW });
      await focusEditor(editor);
      await page.keyboard.press('Control+A');
      await runFromPalette(page, 'Dropout: Open Playground on Selection');
      await waitForStat(page, 'n', 100, SLOW);
      assert.equal(await statNumber(page, 'n'), 100);
    });
  });
}
