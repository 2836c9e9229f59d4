// Colours for the canvas and the chart, read from VS Code's theme variables,
// a signal when the theme changes (VS Code swaps the body's class), and the
// charts' motion, which the user's reduced-motion setting turns off.
import type { Chart } from 'chart.js';
import type { ImagePalette } from '../src/shared/imageExport';

/** The panel's colours; saved images in the theme's style use the same (the host asks for them). */
export type Palette = ImagePalette;

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value || fallback;
}

/** Read once per theme: every redraw needs the palette, and reading computed styles costs a style pass. */
let cached: Palette | undefined;

export function readPalette(): Palette {
  cached ??= paletteFromStyles();
  return cached;
}

function paletteFromStyles(): Palette {
  const style = getComputedStyle(document.body);
  const highContrast =
    document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = cssVar(style, '--vscode-editor-foreground', cssVar(style, '--vscode-foreground', '#cccccc'));
  return {
    foreground,
    muted: cssVar(style, '--vscode-descriptionForeground', foreground),
    background: cssVar(style, '--vscode-editor-background', '#1e1e1e'),
    kept: cssVar(style, '--vscode-charts-blue', '#3794ff'),
    dropped: cssVar(style, '--vscode-descriptionForeground', '#8b8b8b'),
    border: cssVar(style, '--vscode-contrastBorder', cssVar(style, '--vscode-panel-border', 'rgba(128,128,128,0.35)')),
    evalBar: cssVar(style, '--vscode-charts-green', '#89d185'),
    unscaledBar: cssVar(style, '--vscode-charts-orange', '#d18616'),
    trainBar: cssVar(style, '--vscode-charts-blue', '#3794ff'),
    expectedBar: cssVar(style, '--vscode-charts-purple', '#b180d7'),
    highContrast,
  };
}

/** Calls back whenever VS Code changes the theme. */
export function onThemeChange(callback: () => void): void {
  new MutationObserver(() => {
    cached = undefined;
    callback();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Sets a chart's animation before an update: none when the user asks for reduced motion, read each
 * time so a change of the setting applies at the next update. The canvas says which (data-animation).
 */
export function setChartMotion(chart: Chart, durationMs: number): void {
  const still = durationMs === 0 || prefersReducedMotion();
  chart.options.animation = still ? false : { duration: durationMs };
  chart.canvas.dataset.animation = still ? 'off' : 'on';
}
