// @ts-check
// UI latency in a real workbench (code-server + Chromium), with the extension
// loaded from this tree (run `npm run build` first):
//   (a) command → first paint: Enter on "Dropout: Open Playground on Selection"
//       in the palette, until the panel's first 'dropout:rendered' mark that
//       shows this input. The file is opened a moment before (see settleMs). The panel is closed before every run, so each run
//       pays for a new webview, as a user's first open does.
//   (b) p change → redrawn panel: the panel's range input set and 'input'
//       dispatched inside the webview, until the next 'dropout:rendered' mark;
//       its 'dropout:ready' mark tells having the result (drawn in the panel for a small input, else
//       the host's update) apart from drawing it. The next change waits for the host's update.
//   (c) a tensor file → first paint: a .npy written by NumPy, right-clicked in the Explorer, the
//       click on "Open in Dropout Playground" until the panel's first 'dropout:rendered' mark
//       that shows this file. The panel is closed before every run, as in (a).
// `--web` runs the extension in the browser's web-worker extension host (its `browser` entry, as
// in vscode.dev) instead of the Node one.
// Prints a Markdown table and writes artifacts/bench/ui-latency.md (ui-latency-web.md with --web).
//   node scripts/bench/uiLatency.mjs [--runs N] [--sizes 1e4,1e6,1e7] [--files 1e7] [--web]
// (`--sizes ''` or `--files ''` leaves the texts or the tensor files out.)
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeServerInstall, launchBrowser, openWorkbench, ROOT, startCodeServer, waitForWorkbench } from '../real-vscode/launch.mjs';
import { OUT_DIR } from './bundle.mjs';
import { activations, workbenchInput } from './inputs.mjs';
import { errorMessage, median, ms, sizeLabel, verdict } from './stats.mjs';

/** @import { Page } from 'playwright-core' */
/**
 * The measurements of one size: samples in ms, or why they stopped.
 * `pChangeReply`: per p change, the part until the result was in hand (drawn in the panel, or the host's update arrived).
 * `file`: the row of a tensor file opened from the Explorer (first paint only: a p change does not
 * depend on where the values came from).
 * @typedef {{ n: number, input?: string, file?: boolean, firstPaint?: number[], pChange?: number[], pChangeReply?: number[], error?: string }} UiLatencyRow
 */
/**
 * The workbench page's window, as the functions given to page.evaluate see it: they run in the
 * browser, while this file is checked as Node code (no DOM library), so they name what they use.
 * @typedef {{
 *   __dropoutEnterAt?: number,
 *   addEventListener(type: 'keydown' | 'mouseup', listener: (event: { key: string }) => void, capture: boolean): void,
 *   removeEventListener(type: 'keydown', listener: (event: { key: string }) => void, capture: boolean): void,
 * }} PageWindow
 */

const args = process.argv.slice(2);
/** @param {string} name */
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(argValue('--runs') ?? 10);
/** @param {string} list */
const sizeList = (list) => list.split(',').filter(Boolean).map(Number);
const SIZES = sizeList(argValue('--sizes') ?? '1e4,1e6,1e7');
/** Sizes of the .npy files opened from the Explorer. */
const FILE_SIZES = sizeList(argValue('--files') ?? '1e7');
const WEB = args.includes('--web');
/** The user setting that moves the extension into the web-worker extension host. */
const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'dropout-playground.dropout-playground': ['web'] } };
/** Per size and per measurement: stop early (after MIN_RUNS) once this much time has gone. */
const BUDGET_MS = 180_000;
const MIN_RUNS = 3;
const OPEN_COMMAND = 'Dropout: Open Playground on Selection';
/** The Explorer's context-menu entry on a tensor file. */
const EXPLORER_ENTRY = 'Open in Dropout Playground';
/** The workspace folder of the .npy files: folders are listed first, so its files stay in view. */
const TENSOR_FOLDER = 'tensors';
const PYTHON = '/usr/bin/python3';

/**
 * Targets in ms, by size; a size without one is printed with "—".
 * @type {{ pChange: Record<number, number>, firstPaint: Record<number, number>, fileFirstPaint: Record<number, number> }}
 */
export const UI_TARGETS = {
  pChange: { 1e4: 30, 1e6: 50, 1e7: 150 },
  firstPaint: { 1e6: 1000, 1e7: 2000 },
  /** A float32 .npy of that many values, opened from the Explorer. */
  fileFirstPaint: { 1e7: 1000 },
};

/** @param {string} message */
const log = (message) => process.stderr.write(`[ui-latency] ${message}\n`);

// ---- inputs -----------------------------------------------------------------------------------------
/**
 * One file per run, all the same bytes (hard links) under different names, so
 * the panel's source label tells this run's render apart from the previous
 * input that a new webview is first initialised with.
 * @param {string} workspace
 * @param {number} n
 * @param {number} runs
 */
function writeInputs(workspace, n, runs) {
  const base = workbenchInput(n);
  const first = join(workspace, `x${sizeLabel(n)}-0.${base.ext}`);
  writeFileSync(first, base.text(), 'latin1');
  const names = [`x${sizeLabel(n)}-0.${base.ext}`];
  for (let k = 1; k < runs; k++) {
    const name = `x${sizeLabel(n)}-${k}.${base.ext}`;
    linkSync(first, join(workspace, name));
    names.push(name);
  }
  return { names, bytes: statSync(first).size, label: base.label };
}

/**
 * The same values as the text of that size (`activations`), as rows of 10000 float32, saved by
 * NumPy's `np.save` into the workspace's tensor folder; one hard link per run, as in writeInputs.
 * @param {string} workspace
 * @param {number} n
 * @param {number} runs
 */
function writeNpyInputs(workspace, n, runs) {
  const folder = join(workspace, TENSOR_FOLDER);
  mkdirSync(folder, { recursive: true });
  const columns = Math.min(n, 10_000);
  const first = join(folder, `t${sizeLabel(n)}-0.npy`);
  const save =
    'import sys, numpy as np\nnp.save(sys.argv[1], np.frombuffer(sys.stdin.buffer.read(), dtype="<f4").reshape(-1, int(sys.argv[2])))';
  execFileSync(PYTHON, ['-c', save, first, String(columns)], {
    input: Buffer.from(activations(n).buffer),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const names = [`t${sizeLabel(n)}-0.npy`];
  for (let k = 1; k < runs; k++) {
    const name = `t${sizeLabel(n)}-${k}.npy`;
    linkSync(first, join(folder, name));
    names.push(name);
  }
  return { names, bytes: statSync(first).size, label: `.npy float32 ${n / columns}×${columns} (NumPy), from the Explorer` };
}

// ---- driving the workbench --------------------------------------------------------------------------
/** @param {Page} page */
const quickInput = (page) => page.locator('.quick-input-widget');
/** @param {Page} page */
const panelFrame = (page) => page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');

/**
 * @param {Page} page
 * @param {string} title
 */
async function palette(page, title) {
  await page.keyboard.press('F1');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await quickInput(page).locator('.monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
}

/**
 * @param {Page} page
 * @param {string} title
 */
async function runFromPalette(page, title) {
  await palette(page, title);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
}

/**
 * @param {Page} page
 * @param {string} fileName
 */
async function quickOpen(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = quickInput(page).locator('input');
  await input.waitFor({ state: 'visible' });
  await input.fill(fileName);
  await quickInput(page).locator('.monaco-list-row', { hasText: fileName }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: 120_000 });
  const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await lines.waitFor({ state: 'visible', timeout: 120_000 });
  // A click leaves an empty selection: the command then reads the whole document.
  await lines.click({ position: { x: 5, y: 5 } });
}

/**
 * Records, in the workbench page, the wall-clock time (timeOrigin + now) of the next Enter keydown.
 * @param {Page} page
 */
async function armEnterClock(page) {
  await page.evaluate(() => {
    const window = /** @type {PageWindow} */ (/** @type {unknown} */ (globalThis));
    window.__dropoutEnterAt = undefined;
    /** @param {{ key: string }} event */
    const onKey = (event) => {
      if (event.key !== 'Enter') return;
      window.__dropoutEnterAt = performance.timeOrigin + performance.now();
      window.removeEventListener('keydown', onKey, true);
    };
    window.addEventListener('keydown', onKey, true);
  });
}

/**
 * Records, in the workbench page, the wall-clock time of the latest mouseup: the one that ran the
 * context menu's entry (a click the menu swallowed is followed by another).
 * @param {Page} page
 */
async function armClickClock(page) {
  await page.evaluate(() => {
    const window = /** @type {PageWindow} */ (/** @type {unknown} */ (globalThis));
    window.__dropoutEnterAt = undefined;
    window.addEventListener(
      'mouseup',
      () => {
        window.__dropoutEnterAt = performance.timeOrigin + performance.now();
      },
      true,
    );
  });
}

/**
 * How far the webview frame's timeOrigin-based clock is ahead of the page's
 * (the two live in different renderer processes), with its uncertainty.
 * @param {Page} page
 */
async function clockSkew(page) {
  const body = panelFrame(page).locator('body');
  const samples = [];
  for (let i = 0; i < 10; i++) {
    const before = await page.evaluate(() => performance.timeOrigin + performance.now());
    const inFrame = await body.evaluate(() => performance.timeOrigin + performance.now());
    const after = await page.evaluate(() => performance.timeOrigin + performance.now());
    samples.push({ skew: inFrame - (before + after) / 2, error: (after - before) / 2 });
  }
  samples.sort((a, b) => a.error - b.error);
  return samples[0];
}

/**
 * The pause after opening a file before the command: 2 s, plus 1 s per 10 MB of text.
 * @param {number} bytes
 */
export const settleMs = (bytes) => 2000 + bytes / 10_000;

/**
 * (a) one run: close every editor, open the file, let it settle, Enter on the command, wait for its render.
 * @param {Page} page
 * @param {string} workspace
 * @param {string} fileName
 */
async function firstPaintOnce(page, workspace, fileName) {
  await closeAll(page);
  await quickOpen(page, fileName);
  // As a user opens a file before selecting in it: right after opening, VS Code is still handing the
  // text to the extension host and the JSON language server, and any extension's command waits for it.
  await page.waitForTimeout(settleMs(statSync(join(workspace, fileName)).size));
  await palette(page, OPEN_COMMAND);
  await armEnterClock(page);
  await page.keyboard.press('Enter');
  return untilRendered(page, fileName);
}

/**
 * Closes every editor (the panel too) and waits until no webview is left.
 * @param {Page} page
 */
async function closeAll(page) {
  await runFromPalette(page, 'View: Close All Editors');
  await page
    .locator('iframe.webview.ready')
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => {});
}

/**
 * The time from the click that ran the command to the newest 'dropout:rendered' mark, once the
 * panel names `fileName` as its input. Nothing else redraws the panel meanwhile, so the newest mark
 * is the render that first showed this input; an earlier one (if any) drew the previous input the
 * new webview was initialised with.
 * @param {Page} page
 * @param {string} fileName
 */
async function untilRendered(page, fileName) {
  const frame = panelFrame(page);
  await frame.locator('p.source strong', { hasText: fileName }).waitFor({ state: 'visible', timeout: 180_000 });
  const start = await page.evaluate(() => /** @type {PageWindow} */ (/** @type {unknown} */ (globalThis)).__dropoutEnterAt);
  const { marks, frameStart, received } = await frame.locator('body').evaluate(() => {
    /** @param {string} name */
    const times = (name) => performance.getEntriesByName(name, 'mark').map((m) => performance.timeOrigin + m.startTime);
    return { marks: times('dropout:rendered'), frameStart: performance.timeOrigin, received: times('dropout:ready') };
  });
  if (start === undefined || marks.length === 0) throw new Error(`no start time (${start}) or no mark (${marks.length})`);
  const rendered = marks[marks.length - 1];
  const reply = received.filter((t) => t <= rendered).pop();
  return {
    ms: rendered - start,
    marks: marks.length,
    // Where the time went: until the new webview's document started loading, and until the host's
    // update with this input reached it (the rest is drawing).
    split: `webview document ${(frameStart - start).toFixed(0)} ms, update received ${reply === undefined ? '?' : (reply - start).toFixed(0)} ms`,
  };
}

/**
 * (c) one run: close every editor, let the window settle, right-click the .npy in the Explorer,
 * click "Open in Dropout Playground", wait for its render. Early in a window's life the menu can
 * open before it lists the extension's entry: it is then opened again.
 * @param {Page} page
 * @param {string} fileName
 */
async function fileFirstPaintOnce(page, fileName) {
  await closeAll(page);
  await runFromPalette(page, 'View: Show Explorer');
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  /** @param {string} name */
  const row = (name) =>
    rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) }).first();
  const folder = row(TENSOR_FOLDER);
  await folder.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
  const file = row(fileName);
  await file.waitFor({ state: 'visible', timeout: 60_000 });
  // As after the previous file: the closed panel's worker and webview let go before the next open.
  await page.waitForTimeout(settleMs(0));
  const menu = page.locator('.context-view .monaco-menu');
  const entry = menu.locator('.action-item', { hasText: EXPLORER_ENTRY }).first();
  for (let attempt = 0; ; attempt++) {
    await file.click({ button: 'right' });
    if (
      await entry.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      )
    )
      break;
    if (attempt === 10) throw new Error(`the Explorer's menu never listed "${EXPLORER_ENTRY}"`);
    await page.keyboard.press('Escape');
    await menu.first().waitFor({ state: 'detached' });
  }
  await armClickClock(page);
  // A click that lands just as the menu opens can be swallowed: click again until the menu closes.
  for (let attempt = 0; ; attempt++) {
    await entry.click().catch(() => {});
    if (
      await menu
        .first()
        .waitFor({ state: 'detached', timeout: 3000 })
        .then(
          () => true,
          () => false,
        )
    )
      break;
    if (attempt === 10) throw new Error(`the context menu stayed open after choosing "${EXPLORER_ENTRY}"`);
  }
  return untilRendered(page, fileName);
}

/**
 * (b) one run, all in the webview's clock: set the range, dispatch 'input', wait for the next mark.
 * `reply`: until the result was in hand (the 'dropout:ready' mark: drawn in the panel, or the host's
 * update arrived); the rest is the drawing. `here`: the panel drew it before the host's update came.
 * The run ends once the host's own update for p is drawn too, so the next run starts from a
 * settled panel and no late answer is taken for its drawing; the readout must then show p.
 * @param {Page} page
 * @param {number} p
 * @returns {Promise<{ ms: number, reply: number, here: boolean }>}
 */
async function pChangeOnce(page, p) {
  const range = panelFrame(page).locator('[data-control="p-range"]');
  return range.evaluate(
    (element, value) =>
      new Promise((resolve, reject) => {
        let t0 = 0;
        /** @type {{ name: string, startTime: number, detail?: unknown }[]} */
        const seen = [];
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no render of the host's update within 120 s of p = ${value}`));
        }, 120_000);
        const observer = new PerformanceObserver((list) => {
          seen.push(...list.getEntries().filter((e) => e.startTime > t0));
          const first = seen.find((e) => e.name === 'dropout:rendered');
          const ready = seen.find((e) => e.name === 'dropout:ready');
          const hostReady = seen.find((e) => e.name === 'dropout:ready' && e.detail === 'host');
          const hostDrawn = hostReady && seen.find((e) => e.name === 'dropout:rendered' && e.startTime > hostReady.startTime);
          if (!first || !hostDrawn) return;
          observer.disconnect();
          clearTimeout(timer);
          const readout = element.ownerDocument.querySelector('[data-readout="probabilities"]')?.textContent ?? '';
          if (!readout.includes(`drop p ${value}`)) reject(new Error(`p = ${value} drawn, but the readout says "${readout}"`));
          resolve({
            ms: first.startTime - t0,
            reply: (ready ?? first).startTime - t0,
            here: ready?.detail === 'here',
          });
        });
        observer.observe({ type: 'mark' });
        t0 = performance.now();
        element.value = String(value);
        element.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    p,
  );
}

/**
 * @param {string} what
 * @param {number} count
 * @param {(k: number) => Promise<number>} once
 */
async function timedRuns(what, count, once) {
  /** @type {number[]} */
  const samples = [];
  const started = Date.now();
  for (let k = 0; k < count; k++) {
    if (k >= MIN_RUNS && Date.now() - started > BUDGET_MS) {
      log(`${what}: stopping after ${k} runs (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      break;
    }
    const value = await once(k);
    samples.push(value);
    log(`${what} run ${k + 1}: ${value.toFixed(1)} ms`);
  }
  return samples;
}

// ---- report -----------------------------------------------------------------------------------------
/**
 * @param {number[] | undefined} samples
 * @returns {{ med?: number, text: string }}
 */
function summary(samples) {
  if (!samples?.length) return { text: '—' };
  const med = median(samples);
  return { med, text: `${ms(med)} (${ms(Math.min(...samples))}–${ms(Math.max(...samples))}), n=${samples.length}` };
}

/** @param {UiLatencyRow} row */
function targetCells(row) {
  const cells = [];
  const fp = (row.file ? UI_TARGETS.fileFirstPaint : UI_TARGETS.firstPaint)[row.n];
  const pc = row.file ? undefined : UI_TARGETS.pChange[row.n];
  const first = summary(row.firstPaint);
  const change = summary(row.pChange);
  if (fp !== undefined) cells.push(`first paint ≤ ${fp} ms: ${verdict(first.med === undefined ? undefined : first.med <= fp)}`);
  if (pc !== undefined) cells.push(`p change ≤ ${pc} ms: ${verdict(change.med === undefined ? undefined : change.med <= pc)}`);
  return cells.join('; ') || '—';
}

/** @param {UiLatencyRow[]} rows */
export function uiLatencyTable(rows) {
  /** @param {string[]} cells */
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const header = [
    'size',
    'input',
    'first paint ms: median (min–max), runs',
    'p change ms: median (min–max), runs',
    'of which until the result is in hand: median',
    'targets',
  ];
  const body = rows.map((r) =>
    r.error
      ? [sizeLabel(r.n), r.input ?? '—', `failed: ${r.error}`, '', '', '']
      : [
          sizeLabel(r.n),
          r.input ?? '—',
          summary(r.firstPaint).text,
          summary(r.pChange).text,
          r.pChangeReply?.length ? ms(median(r.pChangeReply)) : '—',
          targetCells(r),
        ],
  );
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

// ---- main -------------------------------------------------------------------------------------------
/**
 * Measures every size in one workbench session; always stops code-server and Chromium.
 * @param {{ sizes?: number[], fileSizes?: number[], runs?: number, web?: boolean }} [options] `fileSizes`: of the
 * .npy files opened from the Explorer; `web`: in the web-worker extension host
 */
export async function benchUiLatency({ sizes = SIZES, fileSizes = FILE_SIZES, runs = RUNS, web = WEB } = {}) {
  const vscodeVersion = ['1.139.1', '1.100.3'].find((v) => {
    try {
      codeServerInstall(v);
      return true;
    } catch {
      return false;
    }
  });
  if (!vscodeVersion) throw new Error('no code-server installed: run bash scripts/setup-real-vscode.sh');
  const workspace = mkdtempSync(join(tmpdir(), 'dropout-ui-bench-'));
  /** @type {UiLatencyRow[]} */
  const rows = [];
  /** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
  let server;
  /** @type {Awaited<ReturnType<typeof launchBrowser>> | undefined} */
  let browser;
  /** @type {Awaited<ReturnType<typeof clockSkew>> | undefined} */
  let skew;
  /** @type {number | undefined} */
  let cold;
  try {
    writeFileSync(join(workspace, 'warmup.json'), '[1.5, -0.25, 3]\n');
    const inputs = sizes.map((n) => {
      const written = writeInputs(workspace, n, runs);
      log(`wrote ${runs} × ${sizeLabel(n)} (${(written.bytes / 1e6).toFixed(1)} MB each)`);
      return { n, ...written };
    });
    const files = fileSizes.map((n) => {
      const written = writeNpyInputs(workspace, n, runs);
      log(`wrote ${runs} × ${sizeLabel(n)} .npy (${(written.bytes / 1e6).toFixed(1)} MB each)`);
      return { n, ...written };
    });
    server = await startCodeServer({
      vscodeVersion,
      // The 1e7 text is ~45 MB: open it without the large-file prompt.
      settings: { 'workbench.editorLargeFileConfirmation': 1024, 'editor.minimap.enabled': false, ...(web ? WEB_HOST_SETTINGS : {}) },
    });
    browser = await launchBrowser();
    const { page } = await openWorkbench(browser, server, { folder: workspace, extensionDevelopmentPath: ROOT });
    await waitForWorkbench(page);
    log(`code-server ${server.url} (VS Code ${vscodeVersion})`);
    // The first command activates the extension and loads the webview's code once: timed apart, so
    // the per-size figures are those of a warm window.
    cold = (await firstPaintOnce(page, workspace, 'warmup.json')).ms;
    log(`cold first open (activation), 3 values: ${cold.toFixed(0)} ms`);

    for (const { n, names, bytes, label } of inputs) {
      /** @type {UiLatencyRow} */
      const row = { n, input: `${label}, ${(bytes / 1e6).toFixed(1)} MB` };
      try {
        row.firstPaint = await timedRuns(
          `${sizeLabel(n)} first paint`,
          names.length,
          async (k) => (await firstPaintOnce(page, workspace, names[k])).ms,
        );
        skew ??= await clockSkew(page);
        // Distinct two-decimal values (the range's step), none equal to the default 0.5.
        /** @type {number[]} */
        const replies = [];
        let drawnHere = 0;
        row.pChange = await timedRuns(`${sizeLabel(n)} p change`, runs, async (k) => {
          const { ms, reply, here } = await pChangeOnce(page, Math.round((0.11 + 0.07 * (k % 10)) * 100) / 100);
          replies.push(reply);
          if (here) drawnHere++;
          return ms;
        });
        row.pChangeReply = replies;
        log(`${sizeLabel(n)} p change: ${drawnHere} of ${replies.length} drawn in the panel before the host's update`);
      } catch (error) {
        row.error = errorMessage(error).split('\n')[0];
        log(`${sizeLabel(n)} failed: ${error instanceof Error ? error.stack : error}`);
        await page.screenshot({ path: join(OUT_DIR, `ui-latency-failed-${sizeLabel(n)}.png`) }).catch(() => {});
      }
      rows.push(row);
    }
    for (const { n, names, bytes, label } of files) {
      /** @type {UiLatencyRow} */
      const row = { n, file: true, input: `${label}, ${(bytes / 1e6).toFixed(1)} MB` };
      try {
        row.firstPaint = await timedRuns(`${sizeLabel(n)} .npy first paint`, names.length, async (k) => {
          const { ms, split } = await fileFirstPaintOnce(page, names[k]);
          log(`  ${split}`);
          return ms;
        });
      } catch (error) {
        row.error = errorMessage(error).split('\n')[0];
        log(`${sizeLabel(n)} .npy failed: ${error instanceof Error ? error.stack : error}`);
        await page.screenshot({ path: join(OUT_DIR, `ui-latency-failed-${sizeLabel(n)}-npy.png`) }).catch(() => {});
      }
      rows.push(row);
    }
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  return { rows, vscodeVersion, skew, cold };
}

// Run directly (not imported by run.mjs): measure, print and write the table.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const started = Date.now();
  // Latency on a shared machine depends on what else runs: the load is printed beside the figures.
  const loadBefore = loadavg()[0];
  const { rows, vscodeVersion, skew, cold } = await benchUiLatency();
  const markdown = [
    '# Dropout Playground UI latency',
    '',
    `VS Code ${vscodeVersion} (code-server) in headless Chromium, the extension in the ${WEB ? 'web-worker' : 'Node'} extension host, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
      `${cpus().length} CPUs, 1-minute load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after.`,
    '',
    uiLatencyTable(rows),
    '',
    '- First paint: from the Enter keydown on the command in the palette (workbench page, `performance.timeOrigin + performance.now()`) ' +
      'to the first `dropout:rendered` mark showing that input (webview frame, `performance.timeOrigin + mark.startTime`). ' +
      'The panel is closed before each run, so every run includes creating the webview. The file is opened and left to settle ' +
      `(${ms(settleMs(0))} ms plus 1 ms per 10 kB) before the command, as a user opens a file before selecting in it.`,
    '- A .npy row: from the mouseup on "Open in Dropout Playground" in the Explorer\'s context menu on the file (written by NumPy, the same values as the text of that size) ' +
      `to the first \`dropout:rendered\` mark showing it; the panel is closed ${ms(settleMs(0))} ms before. No p change: it does not depend on where the values came from.`,
    skew
      ? `- The webview frame's clock read ${skew.skew.toFixed(1)} ms ahead of the page's (± ${skew.error.toFixed(1)} ms) when compared directly; first-paint times are not corrected for it.`
      : '',
    cold !== undefined
      ? `- Not in the table: the session's first command (extension activation and the webview's first load), on 3 values, took ${ms(cold)} ms.`
      : '',
    '- p change: `performance.now()` before setting the range (`data-control="p-range"`) and dispatching `input`, to the next `dropout:rendered` mark, both in the webview frame. ' +
      `Until the result is in hand: to the \`dropout:ready\` mark the webview sets when it has drawn p itself (an input of up to \`LOCAL_DRAW_LIMIT\` values, src/shared/protocol.ts) or when the host's update reaches it (the extension host and the compute worker's share, with the messages); the rest is drawing the panel and the next frame. Each p change waits for the host's update before the next one starts.`,
    '- Runs stop early (at least 3) once one measurement of one size has taken 3 minutes; n= says how many ran.',
    '',
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
  process.stdout.write(markdown);
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, WEB ? 'ui-latency-web.md' : 'ui-latency.md');
  writeFileSync(file, markdown);
  log(`wrote ${file}`);
}
