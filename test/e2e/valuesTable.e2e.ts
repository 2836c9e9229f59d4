// The values table over a large input in the real workbench: the keyboard takes it to the last of
// 100 000 units, whose input is the document's last number, while the table holds only the rows on
// screen. Screenshot (dark theme) in artifacts/screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2E_VERSIONS, openSession, SCREENSHOTS, startFrom, statNumber, waitForStat, webview, WORKSPACE, type Session } from './workbench';

const N = 100_000;
const FILE = 'values-table-100k.json';
/** Eighths are exact in float32, so the table shows each input as written. */
const valueAt = (i: number) => ((i * 37) % 1000) / 8 - 60;

interface Row {
  getAttribute(name: string): string | null;
  children: ArrayLike<{ textContent: string | null }>;
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: the values table over ${N} units`, function () {
    this.timeout(180_000);
    let session: Session;
    const file = path.join(WORKSPACE, FILE);

    before(async () => {
      fs.writeFileSync(file, '[' + Array.from({ length: N }, (_, i) => valueAt(i)).join(',\n') + ']\n');
      session = await openSession(version, { theme: 'Default Dark Modern' });
    });
    after(async () => {
      await session?.close();
      fs.rmSync(file, { force: true });
    });

    it('goes to the last unit with End and shows its input, with fewer than 200 rows in the DOM', async () => {
      const { page } = session;
      await startFrom(session, FILE, { p: 0.5 });
      assert.equal(await statNumber(page, 'n'), N);
      const frame = webview(page);
      const table = frame.locator('table[data-values="table"]');
      assert.equal(await table.getAttribute('aria-rowcount'), String(N + 1), 'the header row and every unit');
      const firstRow = table.locator('tbody tr').first();
      await firstRow.locator('td.num').first().filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
      assert.equal(Number(await firstRow.locator('td.num').first().innerText()), valueAt(0));

      const started = Date.now();
      await frame.locator('.values-scroll').press('End');
      const lastRow = table.locator(`tbody tr[data-index="${N - 1}"]`);
      await lastRow.waitFor({ state: 'attached', timeout: 10_000 });
      // Its values come from the host a moment later; until then the cells hold "…".
      await lastRow.locator('td.num').first().filter({ hasText: /\d/ }).waitFor({ timeout: 10_000 });
      const filledMs = Date.now() - started;

      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        (trs as unknown as Row[]).map((tr) => ({
          rowIndex: tr.getAttribute('aria-rowindex'),
          cells: Array.from(tr.children, (td) => (td.textContent ?? '').trim()),
        })),
      );
      const last = rows[rows.length - 1];
      assert.equal(last.cells[0], String(N - 1), 'the index column shows the flat index');
      assert.equal(last.rowIndex, String(N + 1), 'a screen reader hears "row 100 001 of 100 001" (the header is row 1)');
      assert.equal(Number(last.cells[1]), valueAt(N - 1), `the last input: the document ends with ${valueAt(N - 1)}`);
      assert.match(last.cells[3], /^(kept|dropped)$/);
      const output = Number(last.cells[2]);
      assert.ok(
        last.cells[3] === 'kept' ? Math.abs(output - valueAt(N - 1) * 2) < 1e-4 : output === 0,
        `p 0.5 output ${output} for ${last.cells[3]}`,
      );
      assert.ok(rows.length > 5 && rows.length < 200, `${rows.length} rows in the DOM`);
      // The last row is whole inside the scroll area, not cut at its bottom edge.
      const edges = await frame.locator('.values-scroll').evaluate((el) => {
        const box = (e: unknown) => (e as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
        const scroller = el as unknown as { clientHeight: number; querySelector(s: string): unknown };
        return {
          top: box(scroller).top,
          clientHeight: scroller.clientHeight,
          lastBottom: box(scroller.querySelector('tbody tr:last-child')).bottom,
        };
      });
      assert.ok(
        edges.lastBottom <= edges.top + edges.clientHeight + 1.5,
        `last row ends at ${edges.lastBottom}, the area at ${edges.top + edges.clientHeight}`,
      );
      const range = await frame.locator('[data-values="range"]').innerText();
      assert.match(range, /99,999 \(C order, from 0\) of 100,000/);

      // Home brings back the first unit.
      await frame.locator('.values-scroll').press('Home');
      await table.locator('tbody tr[data-index="0"]').waitFor({ state: 'attached', timeout: 10_000 });
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await frame.locator('.values-scroll').press('End');
      await lastRow.locator('td.num').first().filter({ hasText: /\d/ }).waitFor({ timeout: 10_000 });
      await frame
        .locator('section[aria-label="Inputs and outputs"]')
        .screenshot({ path: path.join(SCREENSHOTS, `values-table-${version}-dark.png`) });
      await page.screenshot({ path: path.join(SCREENSHOTS, `values-table-${version}-dark-workbench.png`) });
      console.log(`      End to the last unit's values: ${filledMs} ms; rows in the DOM: ${rows.length}`);
    });

    it('stays on the last unit and fetches its outputs again when p and the mode change', async () => {
      const { page } = session;
      await startFrom(session, FILE, { p: 0.5, mode: 'train' });
      const frame = webview(page);
      const lastRow = frame.locator(`table[data-values="table"] tbody tr[data-index="${N - 1}"]`);
      await frame
        .locator('table[data-values="table"] tbody tr')
        .first()
        .locator('td.num')
        .first()
        .filter({ hasText: /\d/ })
        .waitFor({ timeout: 30_000 });
      await frame.locator('.values-scroll').press('End');
      await lastRow.locator('td.num').first().filter({ hasText: /\d/ }).waitFor({ timeout: 10_000 });
      const cells = async () => lastRow.locator('td').allInnerTexts();
      /** Polls the last row until `ok` holds for its cells (the host's new window replaces "…"). */
      const waitForRow = async (ok: (c: string[]) => boolean, what: string) => {
        let last: string[] = [];
        for (let i = 0; i < 100; i++) {
          last = await cells().catch(() => []);
          if (last.length === 4 && ok(last)) return last;
          await page.waitForTimeout(100);
        }
        throw new Error(`${what}: the last row shows ${last.join(' | ')}`);
      };

      const number = frame.locator('[data-control="p-number"]');
      await number.fill('0.25');
      await number.press('Enter');
      await waitForStat(page, 'p', 0.25);
      const input = valueAt(N - 1);
      await waitForRow(
        (c) => (c[3] === 'kept' ? Math.abs(Number(c[2]) - input / 0.75) < 1e-4 : c[3] === 'dropped' && Number(c[2]) === 0),
        'train at p 0.25',
      );

      await frame.locator('[data-control="mode"]').click();
      await waitForStat(page, 'mode', 'eval');
      // Eval passes every input through: the train outputs (×1/0.75 or 0) would not match.
      await waitForRow((c) => Number(c[2]) === input && c[1] === String(input), 'eval');
      assert.match(await frame.locator('table[data-values="table"] thead').innerText(), /output\s*\(eval\)/);
    });
  });
}
