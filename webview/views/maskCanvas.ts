// The mask as a grid of cells on a canvas. Kept and dropped units differ by
// pattern as well as colour: kept = filled square, dropped = hollow square with
// a cross. When a cell stands for a block of units it is shaded by the
// fraction kept. A text legend and an aria-label carry the same facts.
import type { GridRegion, MaskGrid } from '../../src/protocol';
import { h, setChildren } from '../dom';
import { formatCount } from '../format';
import { readPalette, type Palette } from '../theme';

const MAX_CELL = 26;
const MIN_CELL = 2;
const MAX_HEIGHT = 420;
const ZOOM = 4;
/** Exact cells smaller than this have no gap and no cross, so they are drawn as solid pixels. */
const SOLID_BELOW = 6;

export class MaskCanvas {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { role: 'img', class: 'mask-canvas', tabindex: 0 });
  private readonly legend = h('p', { class: 'legend' });
  private readonly where = h('span', { class: 'note', 'data-mask': 'region' });
  private readonly zoomIn = h('button', { type: 'button', class: 'secondary icon', 'aria-label': 'Zoom in' }, '+');
  private readonly zoomOut = h('button', { type: 'button', class: 'secondary icon', 'aria-label': 'Zoom out' }, '−');
  private readonly reset = h('button', { type: 'button', class: 'secondary', 'aria-label': 'Show the whole mask' }, 'Whole mask');
  private readonly zoomBar = h('div', { class: 'zoom-bar' }, this.zoomIn, this.zoomOut, this.reset, this.where);
  private grid: MaskGrid | undefined;
  private kept = 0;
  private n = 0;
  private cell = 0;
  private width = 0;
  /** The grid at one pixel per cell (see drawSolid). */
  private cells: HTMLCanvasElement | undefined;

  /** `requestRegion` asks the host for the mask over another part of the layout. */
  constructor(private readonly requestRegion: (region: GridRegion) => void) {
    this.element = h('div', { class: 'mask-view' }, this.zoomBar, this.canvas, this.legend);
    new ResizeObserver(() => {
      // Read here, where layout is fresh, not in draw(): a read after a DOM write forces a layout.
      this.width = this.element.clientWidth;
      this.draw();
    }).observe(this.element);
    this.zoomIn.addEventListener('click', () => this.zoom(1 / ZOOM));
    this.zoomOut.addEventListener('click', () => this.zoom(ZOOM));
    this.reset.addEventListener('click', () => this.goTo(undefined));
    this.canvas.addEventListener('click', (e) => {
      if (!this.grid || this.cell === 0) return;
      const rect = this.canvas.getBoundingClientRect();
      const col = Math.floor((e.clientX - rect.left) / this.cell);
      const row = Math.floor((e.clientY - rect.top) / this.cell);
      const g = this.grid;
      this.zoom(1 / ZOOM, g.region.row + (row + 0.5) * g.blockRows, g.region.col + (col + 0.5) * g.blockCols);
    });
    this.canvas.addEventListener('keydown', (e) => {
      const pan: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (pan[e.key]) this.pan(...pan[e.key]);
      else if (e.key === '+' || e.key === '=') this.zoom(1 / ZOOM);
      else if (e.key === '-') this.zoom(ZOOM);
      else if (e.key === '0') this.goTo(undefined);
      else return;
      e.preventDefault();
    });
  }

  /** True when showing part of the layout rather than all of it. */
  get zoomed(): boolean {
    const g = this.grid;
    return !!g && (g.region.rows < g.unitRows || g.region.cols < g.unitCols);
  }

  /** After a new draw, ask again for the part the user was looking at. */
  keepRegion(previous: GridRegion | undefined): void {
    if (previous) this.requestRegion(previous);
  }

  get region(): GridRegion | undefined {
    return this.zoomed ? this.grid?.region : undefined;
  }

  private goTo(region: GridRegion | undefined): void {
    const g = this.grid;
    if (!g) return;
    this.requestRegion(region ?? { row: 0, col: 0, rows: g.unitRows, cols: g.unitCols });
  }

  private zoom(factor: number, centreRow?: number, centreCol?: number): void {
    const g = this.grid;
    if (!g) return;
    const r = g.region;
    const rows = Math.min(g.unitRows, Math.max(1, Math.round(r.rows * factor)));
    const cols = Math.min(g.unitCols, Math.max(1, Math.round(r.cols * factor)));
    const cr = centreRow ?? r.row + r.rows / 2;
    const cc = centreCol ?? r.col + r.cols / 2;
    this.goTo({
      row: Math.max(0, Math.min(g.unitRows - rows, Math.round(cr - rows / 2))),
      col: Math.max(0, Math.min(g.unitCols - cols, Math.round(cc - cols / 2))),
      rows,
      cols,
    });
  }

  private pan(dRows: number, dCols: number): void {
    const g = this.grid;
    if (!g) return;
    const r = g.region;
    const step = (size: number) => Math.max(1, Math.floor(size / 2));
    this.goTo({
      row: Math.max(0, Math.min(g.unitRows - r.rows, r.row + dRows * step(r.rows))),
      col: Math.max(0, Math.min(g.unitCols - r.cols, r.col + dCols * step(r.cols))),
      rows: r.rows,
      cols: r.cols,
    });
  }

  /** A region of the same draw (zoom or pan). */
  showRegion(grid: MaskGrid): void {
    this.show(grid, this.kept, this.n);
  }

  show(grid: MaskGrid, kept: number, n: number): void {
    this.grid = grid;
    this.kept = kept;
    this.n = n;
    const r = grid.region;
    const whole = !this.zoomed;
    this.zoomOut.disabled = this.reset.disabled = whole;
    this.zoomIn.disabled = grid.blockRows === 1 && grid.blockCols === 1 && r.rows <= 4 && r.cols <= 4;
    this.where.textContent = whole
      ? `${formatCount(grid.unitRows)} × ${formatCount(grid.unitCols)} units`
      : `rows ${formatCount(r.row)}–${formatCount(r.row + r.rows - 1)}, columns ${formatCount(r.col)}–${formatCount(r.col + r.cols - 1)} of ${formatCount(grid.unitRows)} × ${formatCount(grid.unitCols)}`;
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
        : h('span', {}, `Each cell stands for up to ${formatCount(grid.unitsPerCell)} units; the stronger the colour, the larger the fraction kept. Click a cell, or use + and the arrow keys, to zoom in down to single units.`),
      ` · ${formatCount(kept)} kept, ${formatCount(n - kept)} dropped in all`,
    );
    this.draw();
  }

  /** Redraws with the current theme's colours (called on resize and theme change). */
  draw(): void {
    const grid = this.grid;
    if (!grid || grid.cols === 0) return;
    const palette = readPalette();
    const width = Math.max(120, this.width || 300);
    let cell = Math.floor(width / grid.cols);
    cell = Math.max(MIN_CELL, Math.min(MAX_CELL, cell, Math.floor(MAX_HEIGHT / Math.max(1, grid.rows)) || MIN_CELL));
    this.cell = cell;
    const cssWidth = cell * grid.cols;
    const cssHeight = cell * grid.rows;
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(cssWidth * ratio);
    const pixelHeight = Math.round(cssHeight * ratio);
    // Resizing a canvas reallocates it: only when the size changed.
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
      this.canvas.style.width = `${cssWidth}px`;
      this.canvas.style.height = `${cssHeight}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    if (grid.unitsPerCell === 1 && (cell >= SOLID_BELOW || palette.highContrast)) drawExact(ctx, grid, cell, palette);
    else this.drawSolid(ctx, grid, cssWidth, cssHeight, palette);
  }

  /**
   * One pixel per cell, then scaled up without smoothing: cells are then plain
   * squares (an aggregated cell shaded by the fraction kept, a small exact cell
   * filled or blank), and one putImageData replaces a fillRect per cell.
   */
  private drawSolid(ctx: CanvasRenderingContext2D, grid: MaskGrid, cssWidth: number, cssHeight: number, palette: Palette): void {
    const small = (this.cells ??= document.createElement('canvas'));
    if (small.width !== grid.cols || small.height !== grid.rows) {
      small.width = grid.cols;
      small.height = grid.rows;
    }
    const smallCtx = small.getContext('2d');
    if (!smallCtx) return;
    const image = smallCtx.createImageData(grid.cols, grid.rows);
    const [r, g, b, a] = colourBytes(palette.kept);
    const exact = grid.unitsPerCell === 1;
    for (let i = 0; i < grid.filledCells; i++) {
      const fraction = grid.keptFraction[i] / 255;
      const alpha = exact ? (fraction > 0.5 ? 1 : 0) : fraction === 0 ? 0 : 0.15 + 0.85 * fraction;
      const at = 4 * i;
      image.data[at] = r;
      image.data[at + 1] = g;
      image.data[at + 2] = b;
      image.data[at + 3] = Math.round(a * alpha);
    }
    smallCtx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, cssWidth, cssHeight);
  }

  get counts(): { kept: number; n: number } {
    return { kept: this.kept, n: this.n };
  }
}

function drawExact(ctx: CanvasRenderingContext2D, grid: MaskGrid, cell: number, palette: Palette): void {
  const gap = cell >= SOLID_BELOW ? 1 : 0;
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

const colourCache = new Map<string, Uint8ClampedArray>();

/** Any CSS colour as RGBA bytes, as the canvas itself parses it. */
function colourBytes(css: string): Uint8ClampedArray {
  let bytes = colourCache.get(css);
  if (!bytes) {
    const probe = document.createElement('canvas');
    probe.width = probe.height = 1;
    const ctx = probe.getContext('2d', { willReadFrequently: true });
    if (!ctx) return new Uint8ClampedArray([55, 148, 255, 255]);
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    bytes = ctx.getImageData(0, 0, 1, 1).data;
    colourCache.set(css, bytes);
  }
  return bytes;
}
