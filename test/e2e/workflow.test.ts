// The user's path through the real workbench, in order, in one window: open a
// file, select it, open the playground from the palette, change mode and p
// from the palette (quick pick -> Custom… -> input box) and from the panel's
// own controls, reload the window, and read a parse error. The numbers come
// from the panel's data-stat cells, so each step proves the panel really
// redrew from the host's answer.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { launcher } from './support/launcher';
import {
  openPlaygroundOn, openSession, paletteEntries, pickQuickPickItem, playground, runCommand, screenshot,
  statNumber, statText, typeIntoInputBox, waitForStat, type Session,
} from './support/workbench';

/** 100 ones: every kept unit is 1, so the figures follow from `kept` alone. */
async function assertOnesFigures(frame: FrameLocator, p: number): Promise<number> {
  assert.equal(await statNumber(frame, 'n'), 100);
  const kept = await statNumber(frame, 'kept');
  assert.ok(Number.isInteger(kept) && kept >= 0 && kept <= 100, `kept ${kept}`);
  assert.equal(await statNumber(frame, 'evalMean'), 1);
  assert.equal(await statNumber(frame, 'trainMeanUnscaled'), kept / 100);
  // Inverted dropout scales kept units by 1/(1 − p): the train mean is kept/n/(1 − p), 7 significant digits shown.
  const trainMean = await statNumber(frame, 'trainMean');
  assert.ok(Math.abs(trainMean - kept / 100 / (1 - p)) <= 1e-6 * Math.max(1, trainMean), `trainMean ${trainMean} vs kept ${kept}, p ${p}`);
  assert.ok(Math.abs((await statNumber(frame, 'expectedTrainMean')) - 1) < 1e-6);
  return kept;
}

const isNumber = (expected: number) => (text: string) => Math.abs(Number.parseFloat(text) - expected) < 1e-9;

async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.part.statusbar').innerText()).replace(/\s+/g, ' ');
}

describe('workflow: palette, panel controls, reload, errors', function () {
  let session: Session;
  let page: Page;
  let frame: FrameLocator;
  let keptAtHalf = 0;

  before(async () => {
    session = await openSession({ theme: 'dark' });
    page = session.page;
  });
  afterEach(async function () {
    // A failing step leaves a picture of the window behind for whoever reads the log.
    if (this.currentTest?.state === 'failed') {
      const name = `failed-${this.currentTest.title.replace(/\W+/g, '-')}`;
      console.log(`    screenshot: ${await screenshot(page, name).catch((e: unknown) => String(e))}`);
    }
  });
  after(async () => {
    await session?.close();
  });

  it('opens the playground from the palette on 100 selected ones', async () => {
    frame = await openPlaygroundOn(page, 'ones.json');
    assert.equal(await statText(frame, 'mode'), 'train');
    assert.equal(await statNumber(frame, 'p'), 0.5);
    keptAtHalf = await assertOnesFigures(frame, 0.5);
    assert.match(await statusBarText(page), /Dropout: train · p=0\.50/);
    await screenshot(page, 'workflow-ones-dark');
  });

  it('offers only the mode you are not in', async () => {
    const entries = await paletteEntries(page, 'Dropout: Switch to');
    assert.ok(entries.includes('Dropout: Switch to Eval Mode'), `palette: ${entries.join(' | ')}`);
    assert.ok(!entries.includes('Dropout: Switch to Train Mode'), `palette: ${entries.join(' | ')}`);
  });

  it('switches to eval from the palette, and back with the toggle', async () => {
    await runCommand(page, 'Dropout: Switch to Eval Mode');
    await waitForStat(frame, 'mode', (t) => t === 'eval');
    assert.match(await statusBarText(page), /Dropout: eval · p=0\.50/);
    const entries = await paletteEntries(page, 'Dropout: Switch to');
    assert.ok(entries.includes('Dropout: Switch to Train Mode'), `palette: ${entries.join(' | ')}`);
    assert.ok(!entries.includes('Dropout: Switch to Eval Mode'), `palette: ${entries.join(' | ')}`);
    // The figures describe this seed's train draw whatever the mode.
    assert.equal(await statNumber(frame, 'kept'), keptAtHalf);

    await runCommand(page, 'Dropout: Toggle Train/Eval Mode');
    await waitForStat(frame, 'mode', (t) => t === 'train');
  });

  it('sets p through the quick pick, Custom…, and typing 0.4 in the input box', async () => {
    await runCommand(page, 'Dropout: Set Drop Probability (p)…');
    await pickQuickPickItem(page, 'Custom…');
    await typeIntoInputBox(page, '0.4');
    await waitForStat(frame, 'p', isNumber(0.4));
    const kept = await assertOnesFigures(frame, 0.4);
    // Same seed, smaller p: the kept set only grows (one uniform per unit, thresholded).
    assert.ok(kept >= keptAtHalf, `kept ${kept} at p 0.4 vs ${keptAtHalf} at p 0.5`);
    assert.match(await statusBarText(page), /Dropout: train · p=0\.40/);
  });

  it('sets p with the panel number input and the slider', async () => {
    const number = frame.getByLabel('Drop probability p, as a number');
    await number.fill('0.25');
    await number.press('Enter');
    await waitForStat(frame, 'p', isNumber(0.25));
    await assertOnesFigures(frame, 0.25);

    const slider = frame.getByLabel('Drop probability p', { exact: true });
    await slider.focus();
    await slider.press('ArrowRight');
    await waitForStat(frame, 'p', isNumber(0.26));
    await assertOnesFigures(frame, 0.26);
  });

  it('toggles the mode, resamples and switches the variant from the panel', async () => {
    await frame.getByRole('button', { name: /^Mode: train/ }).click();
    await waitForStat(frame, 'mode', (t) => t === 'eval');
    await frame.getByRole('button', { name: /^Mode: eval/ }).click();
    await waitForStat(frame, 'mode', (t) => t === 'train');

    const seed = await statText(frame, 'seed');
    await frame.getByRole('button', { name: 'Resample' }).click();
    await waitForStat(frame, 'seed', (t) => t !== seed && /^\d+$/.test(t));

    // Classic dropout: no training scale, eval multiplies by keep = 1 − p.
    await frame.getByLabel('Variant').selectOption('classic');
    await waitForStat(frame, 'variant', (t) => t === 'classic');
    await waitForStat(frame, 'evalMean', isNumber(0.74));
    await frame.getByLabel('Variant').selectOption('inverted');
    await waitForStat(frame, 'evalMean', isNumber(1));
  });

  it('restores the panel after a window reload', async () => {
    const p = await statNumber(frame, 'p');
    const kept = await statNumber(frame, 'kept');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await launcher.waitForWorkbench(page);
    frame = playground(page);
    await waitForStat(frame, 'n', isNumber(100), 60_000);
    assert.equal(await statNumber(frame, 'p'), p);
    assert.equal(await statNumber(frame, 'kept'), kept);
  });

  it('shows a parse error with its document line', async () => {
    await openPlaygroundOn(page, 'malformed.json');
    frame = playground(page);
    const error = frame.locator('[data-error]');
    await error.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await error.innerText(), /line 3\b/);
    await screenshot(page, 'workflow-parse-error');
  });

  it('logged no CSP violation and no uncaught error from the extension', () => {
    const csp = session.consoleMessages.filter((m) => /Content[ -]Security[ -]Policy|Refused to (load|execute|apply|connect|frame|create)/i.test(m.text));
    assert.deepEqual(csp.map((m) => m.text), []);
    const ours = /dropout|\/dist\/(extension|webview|worker)\.js|vscode-webview:/i;
    const errors = [
      ...session.pageErrors.filter((e) => ours.test(e)),
      ...session.consoleMessages.filter((m) => m.type === 'error' && ours.test(`${m.text} ${m.url}`)).map((m) => m.text),
    ];
    assert.deepEqual(errors, []);
  });
});
