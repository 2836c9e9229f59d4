// Preview of the panel outside VS Code: builds dist/webview.js, writes a page
// per theme into artifacts/preview/ with a stand-in for acquireVsCodeApi that
// answers like the host (it runs the real, pure engine and view builders, so
// the slider, seed and selects work), then screenshots it in Chromium at a
// side-panel width and an editor width, for the result and for a parse error.
//
//   node scripts/webview-preview.mjs            build, pages, screenshots
//   node scripts/webview-preview.mjs --no-shots  build and pages only (open them in a browser)
import * as esbuild from 'esbuild';
import { mkdir, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'artifacts/preview');
await mkdir(out, { recursive: true });

// The webview bundle, exactly as esbuild.mjs builds it (only this bundle: the
// host bundles are not needed here).
await esbuild.build({
  entryPoints: [resolve(root, 'webview/main.ts')],
  outfile: resolve(out, 'webview.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  sourcemap: false,
  logLevel: 'warning',
});
await copyFile(resolve(root, 'media/panel.css'), resolve(out, 'panel.css'));

// The stand-in host: the real engine behind a fake acquireVsCodeApi.
const fakeHost = `
import { buildResultView, compute, valueWindow } from './src/view/resultView';
import { availableRngs } from './src/engine';
import { VARIANTS } from './src/protocol';
import { ComputeSession } from './src/compute/session';

const params = new URLSearchParams(location.search);
const scenario = params.get('scenario') ?? 'result';
// 'result': 100 ones (the lesson's example); 'large': a 64 × 512 activation map
// (aggregated mask cells, paged values); 'error': a parse error.
const large = scenario === 'large';
const shape = large ? [64, 512] : [100];
const n = shape.reduce((a, b) => a * b, 1);
const data = new Float32Array(n).fill(1);
if (large) for (let i = 0; i < n; i++) data[i] = Math.max(0, Math.sin(i * 0.37) * 2 + Math.cos(i * 0.011));
const x = { shape, dtype: 'float32', data };
const source = { label: large ? 'features.csv, lines 1–64' : 'activations.json, lines 1–3', shape, dtype: 'float32', n };
// 'overflow': a value too large for float32, read by the real parser as a user would select it.
const overflow = scenario === 'overflow' ? new ComputeSession() : undefined;
overflow?.load({ text: '[\\n  0.5, 1.5, 2.0,\\n    1e308, 1.0\\n]', dtype: 'float32', origin: { line: 1, column: 1 }, maxValues: 1e7, label: 'overflow.json, lines 1–4' });
const settings = { p: 0.4, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted', framework: 'pytorch', broadcastDims: [],
  availableRngs: availableRngs(), availableVariants: [...VARIANTS] };
let state = {};
const log = [];
window.__posted = log;

function snapshot() {
  if (scenario === 'error') {
    return { settings, result: null, error: { message: 'Expected a number but found "abc"', line: 3, column: 7, documentLabel: 'activations.json' } };
  }
  if (overflow) {
    const reply = overflow.run(settings);
    return reply.ok ? { settings, result: reply.view, error: null } : { settings, result: null, error: reply.error };
  }
  try {
    const c = compute(x, settings);
    return { settings, result: buildResultView(x, source, settings, c), error: null };
  } catch (e) {
    return { settings, result: null, error: { message: String(e.message ?? e) } };
  }
}
const send = (m) => setTimeout(() => window.postMessage(m, '*'), 0);

window.acquireVsCodeApi = () => ({
  getState: () => state,
  setState: (s) => { state = s; },
  postMessage(m) {
    log.push(m);
    switch (m.type) {
      case 'ready': send({ type: 'init', ...snapshot() }); return;
      case 'setP': settings.p = m.p; break;
      case 'setMode': settings.mode = m.mode; break;
      case 'setSeed': settings.seed = m.seed; break;
      case 'resample': settings.seed = String(Number(settings.seed) + 1); break;
      case 'setRng': settings.rng = m.rng; break;
      case 'setVariant': settings.variant = m.variant; break;
      case 'setFramework': settings.framework = m.framework; break;
      case 'requestWindow':
        if (overflow) { send({ type: 'window', values: overflow.window(m.offset, m.count) }); return; }
        send({ type: 'window', values: valueWindow(x, compute(x, settings), m.offset, m.count) }); return;
      default: return;
    }
    send({ type: 'update', ...snapshot() });
  },
});
`;
const host = await esbuild.build({
  stdin: { contents: fakeHost, resolveDir: root, loader: 'ts', sourcefile: 'fake-host.ts' },
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  write: false,
  logLevel: 'warning',
});
await writeFile(resolve(out, 'fake-host.js'), host.outputFiles[0].text);

// A subset of VS Code's theme variables (Dark Modern, Light Modern, High Contrast).
const common = {
  '--vscode-font-family': 'system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'Menlo, Monaco, "DejaVu Sans Mono", monospace',
};
const themes = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d', '--vscode-focusBorder': '#0078d4', '--vscode-errorForeground': '#f85149',
      '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-border': '#ffffff12', '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c', '--vscode-dropdown-background': '#313131', '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-dropdown-border': '#3c3c3c', '--vscode-panel-border': '#2b2b2b', '--vscode-textLink-foreground': '#4daafc',
      '--vscode-textBlockQuote-background': '#2b2b2b', '--vscode-textCodeBlock-background': '#2b2b2b',
      '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-progressBar-background': '#0078d4', '--vscode-charts-foreground': '#cccccc', '--vscode-charts-lines': '#cccccc80',
      '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff', '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#3b3b3b', '--vscode-focusBorder': '#005fb8', '--vscode-errorForeground': '#f85149',
      '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#0258a8',
      '--vscode-button-border': '#0000001a', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece', '--vscode-dropdown-background': '#ffffff', '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-dropdown-border': '#cecece', '--vscode-panel-border': '#e5e5e5', '--vscode-textLink-foreground': '#005fb8',
      '--vscode-textBlockQuote-background': '#f8f8f8', '--vscode-textCodeBlock-background': '#f8f8f8',
      '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-progressBar-background': '#005fb8', '--vscode-charts-foreground': '#3b3b3b', '--vscode-charts-lines': '#3b3b3b80',
      '--vscode-charts-red': '#e51400', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff',
      '--vscode-descriptionForeground': '#ffffffb3', '--vscode-focusBorder': '#f38518', '--vscode-errorForeground': '#f48771',
      '--vscode-contrastBorder': '#6fc3df', '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000', '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-input-background': '#000000', '--vscode-input-foreground': '#ffffff', '--vscode-input-border': '#6fc3df',
      '--vscode-dropdown-background': '#000000', '--vscode-dropdown-foreground': '#ffffff', '--vscode-dropdown-border': '#6fc3df',
      '--vscode-panel-border': '#6fc3df', '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-textBlockQuote-background': '#000000', '--vscode-textCodeBlock-background': '#000000',
      '--vscode-inputValidation-errorBackground': '#000000', '--vscode-inputValidation-errorBorder': '#6fc3df',
      '--vscode-progressBar-background': '#6fc3df', '--vscode-charts-foreground': '#ffffff', '--vscode-charts-lines': '#ffffff',
      '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff', '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7',
    },
  },
};

// The page: what renderPanelHtml produces, plus the harness (theme variables on
// <html> as VS Code sets them, the theme class on <body>, the fake host first).
function page(theme) {
  const vars = Object.entries({ ...common, ...theme.vars }).map(([k, v]) => `${k}: ${v};`).join(' ');
  return `<!DOCTYPE html>
<html lang="en" style='${vars}'>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="panel.css">
<title>Dropout Playground preview</title>
</head>
<body class="${theme.bodyClass}">
<main id="app" aria-busy="true"><p class="placeholder">Loading the playground…</p></main>
<script src="fake-host.js"></script>
<script src="webview.js"></script>
</body>
</html>
`;
}
for (const [name, theme] of Object.entries(themes)) await writeFile(resolve(out, `${name}.html`), page(theme));
console.log(`pages: ${Object.keys(themes).map((n) => `artifacts/preview/${n}.html`).join(', ')}`);

if (process.argv.includes('--no-shots')) process.exit(0);

const { chromium } = await import('playwright-core');
const executablePath = '/usr/bin/chromium';
if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}`);
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const problems = [];
try {
  const widths = { narrow: 360, wide: 1280 };
  for (const name of Object.keys(themes)) {
    for (const [widthName, width] of Object.entries(widths)) {
      for (const scenario of ['result', 'large', 'error']) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
        const tab = await context.newPage();
        tab.on('pageerror', (e) => problems.push(`${name}/${widthName}/${scenario}: ${e.message}`));
        tab.on('console', (m) => { if (m.type() === 'error') problems.push(`${name}/${widthName}/${scenario}: ${m.text()}`); });
        await tab.goto(`file://${resolve(out, `${name}.html`)}?scenario=${scenario}`);
        await tab.waitForSelector(scenario === 'error' ? '[data-error]:not([hidden])' : '[data-stat="kept"]:not(:empty)');
        await tab.waitForTimeout(300);
        const file = resolve(out, `${name}-${widthName}-${scenario}.png`);
        await tab.screenshot({ path: file, fullPage: true });
        const stats = await tab.$$eval('[data-stat]', (els) => els.map((e) => `${e.getAttribute('data-stat')}=${e.textContent}`).join(' '));
        console.log(`${file.replace(root + '/', '')}  ${scenario === 'error' ? '' : stats}`);
        await context.close();
      }
    }
  }
  // The controls drive the stand-in host: each must post its message and the
  // panel must show the host's answer.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const tab = await context.newPage();
  tab.on('pageerror', (e) => problems.push(`interaction: ${e.message}`));
  await tab.goto(`file://${resolve(out, 'dark.html')}?scenario=large`);
  await tab.waitForSelector('[data-stat="kept"]:not(:empty)');
  const stat = (name) => tab.textContent(`[data-stat="${name}"]`);
  const check = async (what, expected, actual) => {
    if (String(await actual) !== expected) problems.push(`interaction: ${what}: expected ${expected}, got ${await actual}`);
  };
  await tab.fill('input[type="number"]', '0.25');
  await tab.press('input[type="number"]', 'Enter');
  await tab.waitForFunction(() => document.querySelector('[data-stat="p"]')?.textContent === '0.25');
  await tab.focus('input[type="range"]');
  await tab.keyboard.press('ArrowRight');
  await tab.waitForFunction(() => document.querySelector('[data-stat="p"]')?.textContent === '0.26');
  await tab.click('button:has-text("switch to eval")');
  await tab.waitForFunction(() => document.querySelector('[data-stat="mode"]')?.textContent === 'eval');
  await check('mode', 'eval', stat('mode'));
  await tab.click('button:has-text("Next")');
  await tab.waitForFunction(() => /Units 200/.test(document.body.textContent ?? ''));
  const posted = await tab.evaluate(() => window.__posted.map((m) => m.type).join(' '));
  for (const type of ['ready', 'setP', 'setMode', 'requestWindow']) if (!posted.includes(type)) problems.push(`interaction: no ${type} posted`);
  console.log(`interaction: posted ${posted}`);
  await tab.goto(`file://${resolve(out, 'dark.html')}?scenario=error`);
  await tab.click('[data-error] button');
  const afterError = await tab.evaluate(() => window.__posted.map((m) => m.type).join(' '));
  if (!afterError.includes('revealError')) problems.push('interaction: the error button posted no revealError');
  console.log(`interaction (error): posted ${afterError}`);
  await context.close();
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
