// The mask as a grid of cells on a canvas. Kept and dropped units differ by
// pattern as well as colour: kept = filled square, dropped = hollow square with
// a cross. When a cell stands for a block of units it is shaded by the
// fraction kept. A text legend and an aria-label carry the same facts; the
// values table is the canvas's twin. A tall or wide grid is wrapped into bands
// (maskLayout.ts) so its cells stay readable. Hovering a cell shows what it
// stands for: for a single unit its index, input, output and kept/dropped (the
// values come from the host a block at a time, like the table's).
//
// In eval mode nothing is dropped: every unit is drawn kept, and the legend
// says what this seed's train draw (which the host's grid holds) would drop.
import { MAX_WINDOW } from '../../src/shared/protocol';
import type { GridRegion, MaskGrid, ValueWindow } from '../../src/shared/viewModel';
import type { DropoutStats } from '../../src/engine/types';
import { h, setChildren } from '../dom';
import { evalMaskHeading, maskWord, trainDrawNote } from '../../src/shared/evalMode';
import { formatCount, formatStat } from '../../src/shared/numberFormat';
import { canZoomIn, cellAt, cellOrigin, cellUnits, isWhole, layoutMask, type MaskLayout, zoomStep } from '../maskLayout';
import { rowLabel } from '../rowIndex';
import { type Palette, readPalette } from '../theme';
import { WindowCache } from '../windowCache';

const MAX_HEIGHT = 420;
/** Exact cells smaller than this have no gap and no cross, so they are drawn as solid pixels. */
const SOLID_BELOW = 6;
/** Blocks of values the tooltip keeps (the table keeps its own). */
const TOOLTIP_BLOCKS = 8;

/** What the canvas needs of a result beside its grid. */
export interface MaskFacts {
  stats: DropoutStats;
  mode: 'train' | 'eval';
  seed: string;
  p: number;
  evalScale: number;
  shape: readonly number[];
  columnLabels?: readonly string[];
  /** The values that came with the result, for the first tooltips. */
  values: ValueWindow;
}

export class MaskCanvas {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { role: 'img', class: 'mask-canvas', tabindex: 0 });
  private readonly heading = h('p', { class: 'mask-heading', 'data-mask': 'heading', hidden: true });
  private readonly legend = h('p', { class: 'legend', 'data-mask': 'legend' });
  /** How a wrapped grid reads (set when drawn: the bands depend on the panel's width). */
  private readonly bandsNote = h('p', { class: 'legend', 'data-mask': 'bands' });
  private readonly where = h('span', { class: 'note', 'data-mask': 'region' });
  private readonly zoomNote = h('span', { class: 'note', 'data-mask': 'zoom-note' });
  private readonly tooltip = h('div', { class: 'mask-tooltip', 'data-mask': 'tooltip', role: 'tooltip', hidden: true });
  private readonly zoomIn = h('button', { type: 'button', class: 'secondary icon', 'aria-label': 'Zoom in' }, '+');
  private readonly zoomOut = h('button', { type: 'button', class: 'secondary icon', 'aria-label': 'Zoom out' }, '−');
  private readonly reset = h('button', { type: 'button', class: 'secondary', 'aria-label': 'Show the whole mask' }, 'Whole mask');
  private readonly zoomBar = h('div', { class: 'zoom-bar' }, this.zoomIn, this.zoomOut, this.reset, this.where, this.zoomNote);
  private readonly cache = new WindowCache(undefined, TOOLTIP_BLOCKS);
  private grid: MaskGrid | undefined;
  private facts: MaskFacts | undefined;
  private layout: MaskLayout | undefined;
  private width = 0;
  /** The cell under the pointer, and where the pointer is (CSS pixels in the canvas). */
  private hovered: { row: number; col: number; x: number; y: number } | undefined;
  /** The grid at one pixel per cell (see drawSolid). */
  private cells: HTMLCanvasElement | undefined;

  /**
   * `requestRegion` asks the host for the mask over another part of the layout;
   * `requestWindow` for the values of units [offset, offset + count).
   */
  constructor(
    private readonly requestRegion: (region: GridRegion) => void,
    private readonly requestWindow: (offset: number, count: number) => void,
  ) {
    const stage = h('div', { class: 'mask-stage' }, this.canvas, this.tooltip);
    this.element = h('div', { class: 'mask-view' }, this.heading, this.zoomBar, stage, this.bandsNote, this.legend);
    new ResizeObserver(() => {
      // Read here, where layout is fresh, not in draw(): a read after a DOM write forces a layout.
      this.width = this.element.clientWidth;
      this.draw();
    }).observe(this.element);
    this.zoomIn.addEventListener('click', () => this.zoom('in'));
    this.zoomOut.addEventListener('click', () => this.zoom('out'));
    this.reset.addEventListener('click', () => this.goTo(undefined));
    this.canvas.addEventListener('click', (e) => {
      const hit = this.cellAtPointer(e);
      const g = this.grid;
      if (!hit || !g) return;
      this.zoom('in', { row: g.region.row + (hit.row + 0.5) * g.blockRows, col: g.region.col + (hit.col + 0.5) * g.blockCols });
    });
    this.canvas.addEventListener('mousemove', (e) => {
      const hit = this.cellAtPointer(e);
      this.hovered = hit;
      this.showTooltip();
    });
    this.canvas.addEventListener('mouseleave', () => {
      this.hovered = undefined;
      this.showTooltip();
    });
    this.canvas.addEventListener('keydown', (e) => {
      const pan: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (pan[e.key]) this.pan(...pan[e.key]);
      else if (e.key === '+' || e.key === '=') this.zoom('in');
      else if (e.key === '-') this.zoom('out');
      else if (e.key === '0') this.goTo(undefined);
      else return;
      e.preventDefault();
    });
  }

  /** True when showing part of the layout rather than all of it. */
  get zoomed(): boolean {
    return !!this.grid && !isWhole(this.grid);
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

  private zoom(direction: 'in' | 'out', centre?: { row: number; col: number }): void {
    const region = this.grid && zoomStep(this.grid, direction, centre);
    if (region) this.goTo(region);
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
    if (this.facts) this.show(grid, this.facts, false);
  }

  /** A new result (`fresh`: its values replace the ones fetched for tooltips). */
  show(grid: MaskGrid, facts: MaskFacts, fresh = true): void {
    this.grid = grid;
    this.facts = facts;
    // The cells moved: the tooltip waits for the pointer to move again.
    this.hovered = undefined;
    if (fresh) {
      this.cache.reset(facts.stats.n);
      this.cache.seed(facts.values);
    }
    const { kept, n } = facts.stats;
    const atEval = facts.mode === 'eval';
    const r = grid.region;
    const whole = !this.zoomed;
    const zoomable = canZoomIn(grid);
    this.zoomOut.disabled = this.reset.disabled = whole;
    this.zoomIn.disabled = !zoomable;
    this.canvas.classList.toggle('zoomable', zoomable);
    // Say why + does nothing, where the user is looking.
    this.zoomNote.textContent = zoomable
      ? ''
      : whole
        ? 'Every unit has its own cell: nothing to zoom.'
        : 'Zoomed in as far as it goes: one cell per unit.';
    this.where.textContent = whole
      ? `${formatCount(grid.unitRows)} × ${formatCount(grid.unitCols)} units`
      : `rows ${formatCount(r.row)}–${formatCount(r.row + r.rows - 1)}, columns ${formatCount(r.col)}–${formatCount(r.col + r.cols - 1)} of ${formatCount(grid.unitRows)} × ${formatCount(grid.unitCols)}`;
    this.heading.hidden = !atEval;
    this.heading.textContent = atEval ? evalMaskHeading(facts) : '';
    const pct = n === 0 ? 0 : (100 * kept) / n;
    this.canvas.setAttribute(
      'aria-label',
      atEval
        ? `Mask in eval mode: all ${formatCount(n)} units pass, none dropped, drawn as a grid of ${grid.rows} by ${grid.cols} cells. ${trainDrawNote(facts)}`
        : `Mask: ${formatCount(kept)} of ${formatCount(n)} units kept (${pct.toFixed(1)}%), ${formatCount(n - kept)} dropped, drawn as a grid of ${grid.rows} by ${grid.cols} cells.`,
    );
    const swatchKept = h('span', { class: 'swatch swatch-kept', 'aria-hidden': 'true' });
    const swatchDropped = h('span', { class: 'swatch swatch-dropped', 'aria-hidden': 'true' });
    const hover = 'Hover a cell to see what it holds.';
    setChildren(
      this.legend,
      atEval
        ? h('span', {}, swatchKept, ` kept (filled): all ${formatCount(n)} units. ${trainDrawNote(facts)} ${hover}`)
        : grid.unitsPerCell === 1
          ? h(
              'span',
              {},
              swatchKept,
              ' kept (filled)  ',
              swatchDropped,
              ` dropped (hollow, crossed) · ${formatCount(kept)} kept, ${formatCount(n - kept)} dropped in all. ${hover}`,
            )
          : h(
              'span',
              {},
              `Each cell stands for up to ${formatCount(grid.unitsPerCell)} units; the stronger the colour, the larger the fraction kept. Click a cell, or use + and the arrow keys, to zoom in down to single units. · ${formatCount(kept)} kept, ${formatCount(n - kept)} dropped in all. ${hover}`,
            ),
    );
    this.draw();
    this.showTooltip();
  }

  /** A window of values the host sent (the table's or this canvas's): fills the tooltip's cache if it asked for it. */
  showWindow(values: ValueWindow): void {
    const { filled } = this.cache.receive(values);
    if (filled > 0) this.showTooltip();
  }

  /** Redraws with the current theme's colours (called on resize and theme change). */
  draw(): void {
    const grid = this.grid;
    if (!grid || grid.cols === 0) return;
    const palette = readPalette();
    const layout = layoutMask(grid, Math.max(120, this.width || 300), MAX_HEIGHT);
    this.layout = layout;
    const bandsText =
      layout.bands === 1
        ? ''
        : layout.wrap === 'rows'
          ? `Wrapped into ${layout.bands} bands side by side: read down each band, then the next.`
          : `Wrapped into ${layout.bands} bands, one under another: read along each band, then the next.`;
    if (this.bandsNote.textContent !== bandsText) this.bandsNote.textContent = bandsText;
    this.bandsNote.hidden = layout.bands === 1;
    // For tests and scripts: the drawn cell's side in CSS pixels, and the bands.
    this.canvas.dataset.cell = String(layout.cell);
    this.canvas.dataset.bands = String(layout.bands);
    const cssWidth = layout.width;
    const cssHeight = layout.height;
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
    const allKept = this.facts?.mode === 'eval';
    if (grid.unitsPerCell === 1 && (layout.cell >= SOLID_BELOW || palette.highContrast)) drawExact(ctx, grid, layout, palette, allKept);
    else this.drawSolid(ctx, grid, layout, palette, allKept);
  }

  /**
   * One pixel per cell, then scaled up without smoothing, band by band: cells
   * are then plain squares (an aggregated cell shaded by the fraction kept, a
   * small exact cell filled or blank), and one putImageData replaces a fillRect per cell.
   */
  private drawSolid(ctx: CanvasRenderingContext2D, grid: MaskGrid, layout: MaskLayout, palette: Palette, allKept: boolean): void {
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
      const fraction = allKept ? 1 : grid.keptFraction[i] / 255;
      const alpha = exact ? (fraction > 0.5 ? 1 : 0) : fraction === 0 ? 0 : 0.15 + 0.85 * fraction;
      const at = 4 * i;
      image.data[at] = r;
      image.data[at + 1] = g;
      image.data[at + 2] = b;
      image.data[at + 3] = Math.round(a * alpha);
    }
    smallCtx.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    const { cell, perBand } = layout;
    for (let band = 0; band < layout.bands; band++) {
      const first = band * perBand;
      if (layout.wrap === 'rows') {
        const rows = Math.min(perBand, grid.rows - first);
        const { x, y } = cellOrigin(layout, grid, first, 0);
        ctx.drawImage(small, 0, first, grid.cols, rows, x, y, grid.cols * cell, rows * cell);
      } else {
        const cols = Math.min(perBand, grid.cols - first);
        const { x, y } = cellOrigin(layout, grid, 0, first);
        ctx.drawImage(small, first, 0, cols, grid.rows, x, y, cols * cell, grid.rows * cell);
      }
    }
  }

  /** The cell under a mouse event, with the pointer's place in CSS pixels of the canvas (the canvas may be drawn scaled down to fit). */
  private cellAtPointer(e: MouseEvent): { row: number; col: number; x: number; y: number } | undefined {
    const { grid, layout } = this;
    if (!grid || !layout) return undefined;
    const rect = this.canvas.getBoundingClientRect();
    const scale = rect.width > 0 ? layout.width / rect.width : 1;
    const x = (e.clientX - rect.left) * scale;
    const y = (e.clientY - rect.top) * scale;
    const hit = cellAt(layout, grid, x, y);
    return hit && { ...hit, x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  /** The tooltip for the hovered cell (hidden when none); asks the host for a single unit's values when they are not here yet. */
  private showTooltip(): void {
    const { grid, facts, hovered } = this;
    const units = grid && facts && hovered ? cellUnits(grid, hovered.row, hovered.col) : undefined;
    if (!grid || !facts || !hovered || !units) {
      this.tooltip.hidden = true;
      return;
    }
    const atEval = facts.mode === 'eval';
    const lines: string[] = [];
    if (units.flat === undefined) {
      const span = (what: string, first: number, last: number) =>
        first === last ? `${what} ${formatCount(first)}` : `${what}s ${formatCount(first)}–${formatCount(last)}`;
      const fraction = grid.keptFraction[hovered.row * grid.cols + hovered.col] / 255;
      lines.push(`${span('Row', units.firstRow, units.lastRow)}, ${span('column', units.firstCol, units.lastCol)}`);
      lines.push(atEval ? 'all kept (eval drops nothing)' : `about ${Math.round(100 * fraction)}% kept`);
      if (canZoomIn(grid)) lines.push('Click to zoom in.');
    } else {
      const row = this.cache.row(units.flat);
      const kept = grid.keptFraction[hovered.row * grid.cols + hovered.col] > 127;
      lines.push(`Unit ${rowLabel(units.flat, facts.shape.length > 1 ? facts.shape : undefined, facts.columnLabels)}`);
      lines.push(`input ${row ? formatStat(row.input) : '…'} → output ${row ? formatStat(row.output) : '…'}`);
      lines.push(
        atEval ? `kept (eval drops nothing; seed ${facts.seed}'s train draw: ${maskWord('train', kept)})` : maskWord('train', kept),
      );
      if (!row) this.fetch(units.flat);
    }
    setChildren(this.tooltip, ...lines.map((line) => h('span', {}, line)));
    this.tooltip.hidden = false;
    // Beside the pointer, flipped to its left near the right edge so it stays in the panel.
    const flip = hovered.x > this.canvas.clientWidth / 2;
    this.tooltip.classList.toggle('flip', flip);
    this.tooltip.style.left = `${hovered.x + (flip ? -12 : 12)}px`;
    this.tooltip.style.top = `${hovered.y + 12}px`;
  }

  private fetch(flat: number): void {
    for (const { offset, count } of this.cache.requestsFor(flat, flat, Date.now(), MAX_WINDOW)) this.requestWindow(offset, count);
  }
}

function drawExact(ctx: CanvasRenderingContext2D, grid: MaskGrid, layout: MaskLayout, palette: Palette, allKept: boolean): void {
  const { cell } = layout;
  const gap = cell >= SOLID_BELOW ? 1 : 0;
  const size = cell - 2 * gap;
  const detailed = cell >= 8;
  ctx.lineWidth = detailed ? 1.25 : 1;
  for (let i = 0; i < grid.filledCells; i++) {
    const origin = cellOrigin(layout, grid, Math.floor(i / grid.cols), i % grid.cols);
    const x = origin.x + gap;
    const y = origin.y + gap;
    if (allKept || grid.keptFraction[i] > 127) {
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
