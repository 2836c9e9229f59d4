// The mask as a grid of cells on a canvas. Kept and dropped units differ by
// pattern as well as colour: kept = filled square, dropped = hollow square with
// a cross. When a cell stands for a block of units it is shaded by the
// fraction kept. A text legend and an aria-label carry the same facts.
import type { MaskGrid } from '../../src/protocol';
import { h, setChildren } from '../dom';
import { formatCount } from '../format';
import { readPalette, type Palette } from '../theme';

const MAX_CELL = 26;
const MIN_CELL = 2;
const MAX_HEIGHT = 420;

export class MaskCanvas {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { role: 'img', class: 'mask-canvas' });
  private readonly legend = h('p', { class: 'legend' });
  private grid: MaskGrid | undefined;
  private kept = 0;
  private n = 0;

  constructor() {
    this.element = h('div', { class: 'mask-view' }, this.canvas, this.legend);
    new ResizeObserver(() => this.draw()).observe(this.element);
  }

  show(grid: MaskGrid, kept: number, n: number): void {
    this.grid = grid;
    this.kept = kept;
    this.n = n;
    const pct = n === 0 ? 0 : (100 * kept) / n;
    this.canvas.setAttribute(
      'aria-label',
      `Mask: ${formatCount(kept)} of ${formatCount(n)} units kept (${pct.toFixed(1)}%), ${formatCount(n - kept)} dropped, drawn as a grid of ${grid.rows} by ${grid.cols} cells.`,
    );
    const swatchKept = h('span', { class: 'swatch swatch-kept', 'aria-hidden': 'true' });
    const swatchDropped = h('span', { class: 'swatch swatch-dropped', 'aria-hidden': 'true' });
    setChildren(
      this.legend,
      grid.unitsPerCell === 1
        ? h('span', {}, swatchKept, ' kept (filled)  ', swatchDropped, ' dropped (hollow, crossed)')
        : h('span', {}, `Each cell stands for up to ${formatCount(grid.unitsPerCell)} units; the darker the cell, the larger the fraction kept.`),
      ` · ${formatCount(kept)} kept, ${formatCount(n - kept)} dropped`,
    );
    this.draw();
  }

  /** Redraws with the current theme's colours (called on resize and theme change). */
  draw(): void {
    const grid = this.grid;
    if (!grid || grid.cols === 0) return;
    const palette = readPalette();
    const width = Math.max(120, this.element.clientWidth || 300);
    let cell = Math.floor(width / grid.cols);
    cell = Math.max(MIN_CELL, Math.min(MAX_CELL, cell, Math.floor(MAX_HEIGHT / Math.max(1, grid.rows)) || MIN_CELL));
    const cssWidth = cell * grid.cols;
    const cssHeight = cell * grid.rows;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(cssWidth * ratio);
    this.canvas.height = Math.round(cssHeight * ratio);
    this.canvas.style.width = `${cssWidth}px`;
    this.canvas.style.height = `${cssHeight}px`;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    if (grid.unitsPerCell === 1) drawExact(ctx, grid, cell, palette);
    else drawAggregated(ctx, grid, cell, palette);
  }

  get counts(): { kept: number; n: number } {
    return { kept: this.kept, n: this.n };
  }
}

function drawExact(ctx: CanvasRenderingContext2D, grid: MaskGrid, cell: number, palette: Palette): void {
  const gap = cell >= 6 ? 1 : 0;
  const size = cell - 2 * gap;
  const detailed = cell >= 8;
  ctx.lineWidth = detailed ? 1.25 : 1;
  for (let i = 0; i < grid.filledCells; i++) {
    const x = (i % grid.cols) * cell + gap;
    const y = Math.floor(i / grid.cols) * cell + gap;
    if (grid.keptFraction[i] > 127) {
      ctx.fillStyle = palette.kept;
      ctx.fillRect(x, y, size, size);
      if (palette.highContrast) {
        ctx.strokeStyle = palette.foreground;
        ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
      }
    } else if (detailed) {
      ctx.strokeStyle = palette.dropped;
      ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
      ctx.beginPath();
      ctx.moveTo(x + 2.5, y + 2.5);
      ctx.lineTo(x + size - 2.5, y + size - 2.5);
      ctx.moveTo(x + size - 2.5, y + 2.5);
      ctx.lineTo(x + 2.5, y + size - 2.5);
      ctx.stroke();
    }
    // Tiny dropped cells stay empty: kept vs dropped is then filled vs blank.
  }
}

function drawAggregated(ctx: CanvasRenderingContext2D, grid: MaskGrid, cell: number, palette: Palette): void {
  ctx.fillStyle = palette.kept;
  for (let i = 0; i < grid.filledCells; i++) {
    const fraction = grid.keptFraction[i] / 255;
    if (fraction === 0) continue;
    ctx.globalAlpha = 0.15 + 0.85 * fraction;
    ctx.fillRect((i % grid.cols) * cell, Math.floor(i / grid.cols) * cell, cell, cell);
  }
  ctx.globalAlpha = 1;
}
