// A small input's p change is drawn by the panel itself, before the host's update comes, with the
// engine script it loads after its first paint; what it draws must be exactly what the host then sends.
import * as assert from 'node:assert/strict';
import { consoleProblems, E2E_VERSIONS, openSession, startFrom, WEB_EXTENSION_HOST, webview, type Session } from './workbench';

/** The little of the webview's DOM read here (these tests compile without the DOM library). */
interface PanelElement {
  value: string;
  innerText: string;
  textContent: string | null;
  dispatchEvent(event: Event): boolean;
  ownerDocument: { querySelector(selector: string): PanelElement | null };
}

/** What one p change showed: at once (in the same task as the input event), and once the host's update was drawn. */
interface Drawn {
  atOnce: { p: string; results: string; readout: string };
  afterHost: { p: string; results: string; readout: string };
}

// In the Node extension host, and in the browser's web-worker one (as in vscode.dev).
for (const [version, flavour] of E2E_VERSIONS.flatMap((v) => [[v, 'Node'] as const, [v, 'web'] as const])) {
  describe(`VS Code ${version}, ${flavour} extension host: the panel draws a small input's p change itself`, function () {
    this.timeout(180_000);
    let session: Session;

    before(async () => {
      session = await openSession(version, flavour === 'web' ? { settings: WEB_EXTENSION_HOST } : {});
    });
    after(async () => {
      await session?.close();
    });

    it('shows the new p at once, with every figure the host then shows', async () => {
      const { page } = session;
      // 120 uneven values in 4 axes: a lesson, a mask, per-axis summaries and a values table to compare.
      await startFrom(session, 'nchw.txt', { p: 0.5, seed: '7' });
      const range = webview(page).locator('[data-control="p-range"]');
      const runs: (Drawn & { p: number })[] = [];
      for (const p of [0.3, 0.62, 0.2, 0.71, 0.35]) {
        const drawn = await range.evaluate(
          (element, value) =>
            new Promise<Drawn>((resolve, reject) => {
              const range = element as unknown as PanelElement;
              const doc = range.ownerDocument;
              const read = () => ({
                p: doc.querySelector('[data-stat="p"]')?.textContent ?? '',
                results: doc.querySelector('.results')?.innerText ?? '',
                readout: doc.querySelector('[data-readout="probabilities"]')?.textContent ?? '',
              });
              const t0 = performance.now();
              const timer = setTimeout(() => reject(new Error(`the host's update for p = ${value} was never drawn`)), 60_000);
              range.value = String(value);
              range.dispatchEvent(new Event('input', { bubbles: true }));
              const atOnce = read();
              const observer = new PerformanceObserver(() => {
                const marks = performance.getEntriesByType('mark').filter((m) => m.startTime > t0) as {
                  name: string;
                  startTime: number;
                  detail?: unknown;
                }[];
                const host = marks.find((m) => m.name === 'dropout:ready' && m.detail === 'host');
                if (!host || !marks.some((m) => m.name === 'dropout:rendered' && m.startTime > host.startTime)) return;
                observer.disconnect();
                clearTimeout(timer);
                resolve({ atOnce, afterHost: read() });
              });
              observer.observe({ type: 'mark' });
            }),
          p,
        );
        runs.push({ p, ...drawn });
      }
      // The values and the engine arrive after the first paint: by the second change at the latest, the panel draws itself.
      const here = runs.filter((r) => Number(r.atOnce.p) === r.p);
      assert.ok(here.length >= runs.length - 1, `drawn at once: ${runs.map((r) => `${r.p} → ${r.atOnce.p}`).join(', ')}`);
      assert.deepEqual(
        runs.slice(1).map((r) => Number(r.atOnce.p)),
        runs.slice(1).map((r) => r.p),
      );
      for (const run of runs) {
        assert.equal(Number(run.afterHost.p), run.p, `the host shows p = ${run.p}`);
        if (!here.includes(run)) continue;
        assert.equal(run.atOnce.readout, run.afterHost.readout, `p = ${run.p}: the readout`);
        assert.equal(run.atOnce.results, run.afterHost.results, `p = ${run.p}: every figure, sentence and table row`);
      }
      assert.ok(
        here.some((r) => /kept/i.test(r.atOnce.results)),
        'the compared text holds the results',
      );
      assert.deepEqual(await consoleProblems(session), []);
    });
  });
}
