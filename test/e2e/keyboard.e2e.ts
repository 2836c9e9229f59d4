// The panel from the keyboard alone: Tab and Shift+Tab walk every control in the same order both
// ways, each shows where the focus is, nothing holds the focus; each control works with Enter,
// Space or the arrows; the kept count is announced in a polite live region; and with
// prefers-reduced-motion the charts do not animate.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { panelFrame } from './axe';
import { E2E_VERSIONS, openSession, stat, startFrom, waitForPanelText, waitForStat, webview, type Session } from './workbench';

const SLOW = 60_000;

interface Focused {
  /** What the element is, for the messages: its data-control, or its tag and name. */
  name: string;
  /** An outline or a ring that is drawn (not none, not zero wide, not transparent). */
  visible: boolean;
}

/** The focused element of the panel's document, or null when the focus is outside it. */
async function focused(page: Page): Promise<Focused | null> {
  const frame = await panelFrame(page);
  return frame.evaluate(() => {
    interface El {
      tagName: string;
      getAttribute(name: string): string | null;
      textContent: string | null;
    }
    const g = globalThis as unknown as {
      document: { activeElement: El | null; body: El; hasFocus(): boolean };
      getComputedStyle(el: El): { outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string };
    };
    const el = g.document.activeElement;
    if (!el || el === g.document.body || !g.document.hasFocus()) return null;
    const name =
      el.getAttribute('data-control') ??
      el.getAttribute('data-mistake') ??
      `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40)}`;
    const style = g.getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !/rgba\(.*, 0\)$/.test(style.outlineColor);
    return { name, visible: outline || style.boxShadow !== 'none' };
  });
}

/** Presses `key` until the focus leaves the panel (or `limit` presses); returns what each press focused. */
async function walk(page: Page, key: string, limit: number): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (!now) break;
    seen.push(now);
  }
  return seen;
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: the panel from the keyboard`, function () {
    this.timeout(300_000);
    let session: Session;

    before(async () => {
      session = await openSession(version);
    });
    after(async () => {
      await session?.close();
    });

    it('Tab and Shift+Tab visit every control in one order, with the focus always visible, and let the focus out', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      const frame = webview(page);
      // From the first control on screen: a live input (this selection) puts the Follow switch first.
      await frame.locator('[data-control]:visible').first().focus();
      const first = await focused(page);
      assert.equal(first?.name, 'follow');
      const forward = [first!, ...(await walk(page, 'Tab', 80))];
      const names = forward.map((f) => f.name);
      for (const control of [
        'follow',
        'p-range',
        'p-number',
        'mode',
        'seed',
        'resample',
        'framework',
        'rng',
        'variant',
        'copy-as-code',
        'copy-table-csv',
        'copy-table-json',
        'mc-trials',
        'mc-run',
      ])
        assert.ok(names.includes(control), `Tab never reaches ${control}: ${names.join(' → ')}`);
      assert.ok(
        names.some((n) => n === 'forgotEval'),
        `Tab never reaches the mistakes: ${names.join(' → ')}`,
      );
      assert.ok(
        names.some((n) => n.startsWith('div:Inputs and outputs')),
        `Tab never reaches the values table: ${names.join(' → ')}`,
      );
      assert.equal(new Set(names).size, names.length, `an element takes the focus twice (a loop): ${names.join(' → ')}`);
      const hidden = forward.filter((f) => !f.visible).map((f) => f.name);
      assert.deepEqual(hidden, [], 'every focused element shows an outline');
      assert.ok(forward.length < 80, 'the last control lets the focus out of the panel');

      // Back from the last control to the first: the same elements in reverse.
      await frame.locator(`[data-control], [data-mistake], button, summary, [tabindex="0"]`).last().focus();
      const last = await focused(page);
      assert.equal(last?.name, names[names.length - 1], 'the last element Tab reached is the last focusable one');
      const backward = [last!, ...(await walk(page, 'Shift+Tab', 80))].map((f) => f.name);
      assert.deepEqual(backward, [...names].reverse(), 'Shift+Tab goes back the way Tab came, and out at the top');
    });

    it('works every control with Enter, Space and the arrows', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      const frame = webview(page);
      const key = async (control: string, ...keys: string[]) => {
        await frame.locator(`[data-control="${control}"]`).focus();
        for (const k of keys) await page.keyboard.press(k);
      };
      // Replaces a field's text with keys handled inside the panel. (Control+A is not: the workbench
      // takes it and selects the text a moment later, after the next keys may already have landed.)
      const retype = async (control: string, text: string) => {
        const field = frame.locator(`[data-control="${control}"]`);
        await field.focus();
        await page.keyboard.press('End');
        for (let i = (await field.inputValue()).length; i > 0; i--) await page.keyboard.press('Backspace');
        await page.keyboard.type(text);
        assert.equal(await field.inputValue(), text, `the ${control} field holds what was typed`);
      };

      await key('p-range', 'ArrowRight');
      await waitForStat(page, 'p', 0.51, SLOW);
      await key('p-range', 'ArrowLeft', 'ArrowLeft');
      await waitForStat(page, 'p', 0.49, SLOW);
      await retype('p-number', '0.4');
      await page.keyboard.press('Enter');
      await waitForStat(page, 'p', 0.4, SLOW);

      await key('mode', 'Space');
      await waitForStat(page, 'mode', 'eval', SLOW);
      await key('mode', 'Enter');
      await waitForStat(page, 'mode', 'train', SLOW);

      await retype('seed', '7');
      await page.keyboard.press('Enter');
      await waitForStat(page, 'seed', '7', SLOW);
      await key('resample', 'Enter');
      await waitUntil(page, async () => (await stat(page, 'seed')) !== '7', 'Resample draws a new seed');

      // A closed list box steps through its options with the arrows.
      for (const [control, statName] of [
        ['variant', 'variant'],
        ['rng', 'rng'],
      ] as const) {
        const before = await stat(page, statName);
        await key(control, 'ArrowDown');
        await waitUntil(page, async () => (await stat(page, statName)) !== before, `ArrowDown on ${control} picks the next option`);
        await key(control, 'ArrowUp');
        await waitForStat(page, statName, before, SLOW);
      }
      const framework = frame.locator('[data-control="framework"]');
      const frameworkBefore = await framework.inputValue();
      await key('framework', 'ArrowDown');
      await waitUntil(page, async () => (await framework.inputValue()) !== frameworkBefore, 'ArrowDown on framework');

      await key('copy-as-code', 'Enter');
      await page.locator('.statusbar-item', { hasText: 'Copied a' }).first().waitFor({ state: 'visible', timeout: SLOW });

      await key('copy-table-csv', 'Space');
      await page
        .locator('.statusbar-item', { hasText: 'Copied the table of 100 units as CSV' })
        .first()
        .waitFor({ state: 'visible', timeout: SLOW });

      await retype('mc-trials', '300');
      await key('mc-run', 'Enter');
      await waitForPanelText(page, '[data-mc="summary"]', /^300 training draws:/, SLOW);

      await frame.locator('[data-mistake="scaledTwice"]').focus();
      await page.keyboard.press('Space');
      await frame.locator('[data-mistake="scaledTwice"][aria-pressed="true"]').waitFor({ state: 'attached', timeout: SLOW });

      await frame.locator('.values-scroll').focus();
      await page.keyboard.press('End');
      await frame.locator('table[data-values="table"] tbody tr[data-index="99"]').waitFor({ state: 'attached', timeout: SLOW });

      const why = frame.locator('details.why');
      await why.locator('summary').focus();
      await page.keyboard.press('Enter');
      assert.equal(await why.getAttribute('open'), '', 'Enter opens "Why"');
    });

    it('announces the kept count politely, and at most once a second while p is dragged', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      const frame = webview(page);
      const live = frame.locator('[data-live="kept"]');
      assert.equal(await live.getAttribute('aria-live'), 'polite');
      await waitUntil(page, async () => /kept \d+ of 100/.test(await live.innerText()), 'the live region names the kept count');
      // Record every text the live region takes while the slider moves 20 steps in two seconds.
      const panel = await panelFrame(page);
      await panel.evaluate(() => {
        const g = globalThis as unknown as {
          document: { querySelector(s: string): { textContent: string } };
          MutationObserver: new (cb: () => void) => { observe(node: unknown, options: unknown): void };
          said: { at: number; text: string }[];
        };
        const region = g.document.querySelector('[data-live="kept"]');
        g.said = [];
        new g.MutationObserver(() => g.said.push({ at: performance.now(), text: region.textContent })).observe(region, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      await frame.locator('[data-control="p-range"]').focus();
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(100);
      }
      await waitForStat(page, 'p', 0.7, SLOW);
      await page.waitForTimeout(1500);
      const said = await panel.evaluate(() => (globalThis as unknown as { said: { at: number; text: string }[] }).said);
      assert.ok(said.length >= 1 && said.length <= 5, `${said.length} announcements for 20 steps: ${JSON.stringify(said)}`);
      for (let i = 1; i < said.length; i++)
        assert.ok(said[i].at - said[i - 1].at >= 990, `announced again after ${said[i].at - said[i - 1].at} ms`);
      const kept = await stat(page, 'kept');
      assert.match(said[said.length - 1].text, new RegExp(`p 0\\.7\\d*: kept ${kept} of 100`), 'the last word is where p stopped');
    });

    it('draws the charts without animation when the system asks for reduced motion', async () => {
      const { page } = session;
      await startFrom(session, 'ones100.json', { p: 0.5 });
      const frame = webview(page);
      const means = frame.locator('section[aria-label="Means"] canvas');
      await waitUntil(page, async () => (await means.getAttribute('data-animation')) === 'on', 'the means chart animates by default');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      try {
        await frame.locator('[data-control="p-number"]').fill('0.3');
        await frame.locator('[data-control="p-number"]').press('Enter');
        await waitForStat(page, 'p', 0.3, SLOW);
        await waitUntil(page, async () => (await means.getAttribute('data-animation')) === 'off', 'the means chart stops animating');
        // The draws field keeps what an earlier test typed: start from a valid count.
        await frame.locator('[data-control="mc-trials"]').fill('200');
        await frame.locator('[data-control="mc-run"]').click();
        await waitForPanelText(page, '[data-mc="summary"]', /^200 training draws:/, SLOW);
        const animated = await frame
          .locator('section[data-section="monteCarlo"] canvas')
          .evaluateAll((canvases) =>
            canvases.map((c) => (c as unknown as { getAttribute(n: string): string | null }).getAttribute('data-animation')),
          );
        assert.deepEqual(
          animated.filter((a) => a !== null),
          animated.map(() => 'off'),
          'no Monte Carlo chart animates',
        );
      } finally {
        await page.emulateMedia({ reducedMotion: null });
      }
    });
  });
}

/** Polls `ready` until it holds. */
async function waitUntil(page: Page, ready: () => Promise<boolean>, what: string, timeoutMs = SLOW): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}: never happened`);
}
