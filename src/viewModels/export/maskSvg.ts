// The mask as an SVG image: the grid the panel draws (the whole mask, or the slice shown), kept
// units filled, dropped units hollow and crossed, so the pattern carries the meaning as well as the
// colour; a larger mask's cells each stand for a block of units, shaded by the fraction kept. The
// heading says what was kept, in words and numbers. Pure: no vscode, Node or DOM.
import type { DropoutStats } from '../../engine/types';
import type { Mode } from '../../shared/catalogue';
import type { ImagePalette } from '../../shared/imageExport';
import type { MaskGrid } from '../../shared/viewModel';
import { count, num, percent } from '../teach/numberText';
import { coord, element, LINE_HEIGHT, MARGIN, type SvgImage, svgDocument, text, textWidth, TITLE_SIZE } from './svgWriter';

export interface MaskImageFacts {
  grid: MaskGrid;
  stats: DropoutStats;
  mode: Mode;
  p: number;
  seed: string;
  /** Where the numbers came from, e.g. "activations.json, lines 3–7". */
  sourceLabel: string;
  shape: readonly number[];
}

/** The grid fits in this many units each way. */
const MAX_GRID_SIDE = 720;
const MAX_CELL = 24;
const MIN_CELL = 2;
/** Cells at least this big have a gap and a hollow outline for a dropped unit; a cross from CROSS_FROM. */
const OUTLINE_FROM = 6;
const CROSS_FROM = 8;
const SWATCH = 12;

/** The lines above the grid: what was kept, then the settings and the input. */
export function maskHeading(f: MaskImageFacts): { title: string; lines: string[] } {
  const { kept, n } = f.stats;
  const share = n === 0 ? '' : ` (${percent(kept / n)})`;
  const title =
    f.mode === 'eval'
      ? `Dropout mask in eval mode: all ${count(n)} units pass, none dropped`
      : `Dropout mask: ${count(kept)} of ${count(n)} units kept${share}, ${count(n - kept)} dropped`;
  const lines = [`p = ${num(f.p)} · seed ${f.seed} · ${f.mode} mode · shape ${f.shape.join(' × ') || 'scalar'} · ${f.sourceLabel}`];
  if (f.mode === 'eval') lines.push(`Seed ${f.seed}'s train draw keeps ${count(kept)} of ${count(n)} units; eval keeps every one.`);
  const slice = f.grid.slice;
  if (slice) {
    const index = [...slice.index.map(String), ':', ':'].join(', ');
    lines.push(`Showing the slice [${index}]: ${count(slice.kept)} of ${count(slice.n)} units kept.`);
  }
  if (f.grid.unitsPerCell > 1)
    lines.push(`Each cell stands for up to ${count(f.grid.unitsPerCell)} units; the stronger the colour, the larger the fraction kept.`);
  return { title, lines };
}

export function maskSvg(f: MaskImageFacts, palette: ImagePalette): SvgImage {
  const { grid } = f;
  const allKept = f.mode === 'eval';
  const cell = Math.max(
    MIN_CELL,
    Math.min(MAX_CELL, Math.floor(MAX_GRID_SIDE / Math.max(1, grid.cols)), Math.floor(MAX_GRID_SIDE / Math.max(1, grid.rows))),
  );
  const exact = grid.unitsPerCell === 1;
  const { title, lines } = maskHeading(f);
  const legend = exact ? legendItems(allKept) : [];
  const gridTop = MARGIN + TITLE_SIZE + 8 + lines.length * LINE_HEIGHT + 8;
  const gridWidth = grid.cols * cell;
  const gridHeight = grid.rows * cell;
  const legendTop = gridTop + gridHeight + 12;
  const width =
    2 * MARGIN + Math.max(gridWidth, textWidth(title, TITLE_SIZE), ...lines.map((line) => textWidth(line)), legendWidth(legend));
  const height = legendTop + (legend.length ? SWATCH + 12 : 0) + MARGIN;

  const body: string[] = [
    text(MARGIN, MARGIN + TITLE_SIZE, title, { 'font-size': TITLE_SIZE, 'font-weight': 'bold' }),
    ...lines.map((line, i) => text(MARGIN, MARGIN + TITLE_SIZE + 8 + (i + 1) * LINE_HEIGHT - 6, line, { fill: palette.muted })),
    element('rect', {
      x: MARGIN - 0.5,
      y: gridTop - 0.5,
      width: gridWidth + 1,
      height: gridHeight + 1,
      fill: 'none',
      stroke: palette.border,
    }),
    ...cells(grid, cell, MARGIN, gridTop, palette, allKept),
    ...legend.map((item, i) => legendItem(item, MARGIN + legendOffset(legend, i), legendTop, cell >= OUTLINE_FROM || !exact, palette)),
  ];
  const description = `${title}. ${lines.join(' ')} Drawn as a grid of ${grid.rows} by ${grid.cols} cells${
    exact ? ': kept units filled, dropped units hollow and crossed.' : '.'
  }`;
  return svgDocument({ width, height }, title, description, palette, body);
}

/** The cells as a few paths (one per shade), so a 256 × 256 grid stays a small file. */
function cells(grid: MaskGrid, cell: number, left: number, top: number, palette: ImagePalette, allKept: boolean): string[] {
  const gap = cell >= OUTLINE_FROM ? 1 : 0;
  const size = cell - 2 * gap;
  const at = (i: number) => ({ x: left + (i % grid.cols) * cell + gap, y: top + Math.floor(i / grid.cols) * cell + gap });
  const square = (x: number, y: number, s: number) => `M${coord(x)} ${coord(y)}h${coord(s)}v${coord(s)}h${coord(-s)}z`;
  if (grid.unitsPerCell > 1) {
    // One path per level of the fraction kept; an empty block stays blank, as in the panel.
    const levels = new Map<number, string[]>();
    for (let i = 0; i < grid.filledCells; i++) {
      const level = allKept ? 255 : grid.keptFraction[i];
      if (level === 0) continue;
      const { x, y } = at(i);
      let list = levels.get(level);
      if (!list) levels.set(level, (list = []));
      list.push(square(x, y, size));
    }
    return [...levels.entries()]
      .sort(([a], [b]) => a - b)
      .map(([level, squares]) =>
        element('path', { d: squares.join(''), fill: palette.kept, 'fill-opacity': (0.15 + (0.85 * level) / 255).toFixed(3) }),
      );
  }
  const kept: string[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < grid.filledCells; i++) {
    const { x, y } = at(i);
    if (allKept || grid.keptFraction[i] > 127) kept.push(square(x, y, size));
    else if (cell >= OUTLINE_FROM) dropped.push(droppedMark(x, y, size, cell >= CROSS_FROM));
    // Tiny dropped cells stay blank: kept vs dropped is then filled vs empty, as in the panel.
  }
  const parts: string[] = [];
  if (kept.length)
    parts.push(
      element('path', {
        d: kept.join(''),
        fill: palette.kept,
        ...(palette.highContrast ? { stroke: palette.foreground, 'stroke-width': 1 } : {}),
      }),
    );
  if (dropped.length) parts.push(element('path', { d: dropped.join(''), fill: 'none', stroke: palette.dropped, 'stroke-width': 1.25 }));
  return parts;
}

/** A hollow square, crossed when there is room, on half pixels so its lines are crisp. */
function droppedMark(x: number, y: number, size: number, cross: boolean): string {
  const a = x + 0.5;
  const b = y + 0.5;
  const s = size - 1;
  let d = `M${coord(a)} ${coord(b)}h${coord(s)}v${coord(s)}h${coord(-s)}z`;
  if (cross) {
    const inset = 2;
    const l = a + inset;
    const t = b + inset;
    const r = a + s - inset;
    const btm = b + s - inset;
    d += `M${coord(l)} ${coord(t)}L${coord(r)} ${coord(btm)}M${coord(r)} ${coord(t)}L${coord(l)} ${coord(btm)}`;
  }
  return d;
}

interface LegendItem {
  kept: boolean;
  label: string;
}

function legendItems(allKept: boolean): LegendItem[] {
  return allKept
    ? [{ kept: true, label: 'kept (filled): every unit at eval' }]
    : [
        { kept: true, label: 'kept (filled)' },
        { kept: false, label: 'dropped (hollow, crossed)' },
      ];
}

const legendItemWidth = (item: LegendItem) => SWATCH + 6 + textWidth(item.label) + 20;
const legendOffset = (items: LegendItem[], i: number) => items.slice(0, i).reduce((sum, item) => sum + legendItemWidth(item), 0);
const legendWidth = (items: LegendItem[]) => legendOffset(items, items.length);

function legendItem(item: LegendItem, x: number, y: number, outlined: boolean, palette: ImagePalette): string {
  const swatch = item.kept
    ? element('rect', {
        x,
        y,
        width: SWATCH,
        height: SWATCH,
        fill: palette.kept,
        ...(palette.highContrast ? { stroke: palette.foreground } : {}),
      })
    : outlined
      ? element('path', { d: droppedMark(x, y, SWATCH, true), fill: 'none', stroke: palette.dropped, 'stroke-width': 1.25 })
      : element('rect', { x: x + 0.5, y: y + 0.5, width: SWATCH - 1, height: SWATCH - 1, fill: 'none', stroke: palette.border });
  // Cells too small for an outline leave a dropped unit blank: the legend says so.
  const words = !item.kept && !outlined ? 'dropped (blank)' : item.label;
  return element('g', {}, swatch, text(x + SWATCH + 6, y + SWATCH - 1, words));
}
