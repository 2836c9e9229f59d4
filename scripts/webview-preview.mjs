// @ts-check
// Preview of the panel outside VS Code: builds dist/webview.js, writes a page
// per theme into artifacts/preview/ with the real controller behind a stand-in
// for acquireVsCodeApi (scripts/preview/host.ts), then screenshots it in
// Chromium at a side-panel width and an editor width, for a result, a large
// input and a parse error, and drives the controls.
//
//   node scripts/webview-preview.mjs            build, pages, screenshots
//   node scripts/webview-preview.mjs --no-shots  build and pages only (open them in a browser)
import * as esbuild from 'esbuild';
import { mkdir, writeFile, copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { launchBrowser } from './real-vscode/launch.mjs';

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

// The host: the real controller and panel session behind a stand-in for acquireVsCodeApi.
const host = await esbuild.build({
  entryPoints: [resolve(root, 'scripts/preview/host.ts')],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  write: false,
  logLevel: 'warning',
});
await writeFile(resolve(out, 'host.js'), host.outputFiles[0].text);

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
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-errorForeground': '#f85149',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-border': '#ffffff12',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-input-background': '#313131',
      '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-textBlockQuote-background': '#2b2b2b',
      '--vscode-textCodeBlock-background': '#2b2b2b',
      '--vscode-inputValidation-errorBackground': '#5a1d1d',
      '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-progressBar-background': '#0078d4',
      '--vscode-charts-foreground': '#cccccc',
      '--vscode-charts-lines': '#cccccc80',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-foreground': '#3b3b3b',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#3b3b3b',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-errorForeground': '#f85149',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0258a8',
      '--vscode-button-border': '#0000001a',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-input-background': '#ffffff',
      '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-dropdown-border': '#cecece',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-textBlockQuote-background': '#f8f8f8',
      '--vscode-textCodeBlock-background': '#f8f8f8',
      '--vscode-inputValidation-errorBackground': '#f2dede',
      '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-progressBar-background': '#005fb8',
      '--vscode-charts-foreground': '#3b3b3b',
      '--vscode-charts-lines': '#3b3b3b80',
      '--vscode-charts-red': '#e51400',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#388a34',
      '--vscode-charts-purple': '#652d90',
    },
  },
  hc: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-descriptionForeground': '#ffffffb3',
      '--vscode-focusBorder': '#f38518',
      '--vscode-errorForeground': '#f48771',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-input-background': '#000000',
      '--vscode-input-foreground': '#ffffff',
      '--vscode-input-border': '#6fc3df',
      '--vscode-dropdown-background': '#000000',
      '--vscode-dropdown-foreground': '#ffffff',
      '--vscode-dropdown-border': '#6fc3df',
      '--vscode-panel-border': '#6fc3df',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-textBlockQuote-background': '#000000',
      '--vscode-textCodeBlock-background': '#000000',
      '--vscode-inputValidation-errorBackground': '#000000',
      '--vscode-inputValidation-errorBorder': '#6fc3df',
      '--vscode-progressBar-background': '#6fc3df',
      '--vscode-charts-foreground': '#ffffff',
      '--vscode-charts-lines': '#ffffff',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-purple': '#b180d7',
    },
  },
};

// The page: what renderPanelHtml produces, plus the harness (theme variables on
// <html> as VS Code sets them, the theme class on <body>, the host first).
/** @param {{ bodyClass: string, vars: Record<string, string> }} theme */
function page(theme) {
  const vars = Object.entries({ ...common, ...theme.vars })
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
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
<script src="host.js"></script>
<script src="webview.js"></script>
</body>
</html>
`;
}
for (const [name, theme] of Object.entries(themes)) await writeFile(resolve(out, `${name}.html`), page(theme));
console.log(
  `pages: ${Object.keys(themes)
    .map((n) => `artifacts/preview/${n}.html`)
    .join(', ')}`,
);

if (process.argv.includes('--no-shots')) process.exit(0);

const browser = await launchBrowser();
const problems = [];
try {
  const widths = { narrow: 360, wide: 1280 };
  for (const name of Object.keys(themes)) {
    for (const [widthName, width] of Object.entries(widths)) {
      for (const scenario of ['result', 'large', 'error']) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
        const tab = await context.newPage();
        tab.on('pageerror', (e) => problems.push(`${name}/${widthName}/${scenario}: ${e.message}`));
        tab.on('console', (m) => {
          if (m.type() === 'error') problems.push(`${name}/${widthName}/${scenario}: ${m.text()}`);
        });
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
  // The controls drive the host: each must post its message and the panel must
  // show the controller's answer.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const tab = await context.newPage();
  tab.on('pageerror', (e) => problems.push(`interaction: ${e.message}`));
  await tab.goto(`file://${resolve(out, 'dark.html')}?scenario=large`);
  await tab.waitForSelector('[data-stat="kept"]:not(:empty)');
  /** Waits until the summary's `name` figure reads `value`. */
  const statReads = (/** @type {string} */ name, /** @type {string} */ value) =>
    tab
      .locator(`[data-stat="${name}"]`)
      .filter({ hasText: new RegExp(`^${value.replace('.', '\\.')}$`) })
      .waitFor();
  /** The types of the messages the panel posted so far (the host records them). */
  const postedTypes = async () => /** @type {string} */ (await tab.evaluate('window.__posted.map((m) => m.type).join(" ")'));
  await tab.fill('input[type="number"]', '0.25');
  await tab.press('input[type="number"]', 'Enter');
  await statReads('p', '0.25');
  await tab.focus('input[type="range"]');
  await tab.keyboard.press('ArrowRight');
  await statReads('p', '0.26');
  await tab.click('button:has-text("switch to eval")');
  await statReads('mode', 'eval');
  const posted = await postedTypes();
  for (const type of ['ready', 'setP', 'setMode']) if (!posted.includes(type)) problems.push(`interaction: no ${type} posted`);
  console.log(`interaction: posted ${posted}`);
  await tab.goto(`file://${resolve(out, 'dark.html')}?scenario=error`);
  await tab.click('[data-error] button');
  const afterError = await postedTypes();
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
