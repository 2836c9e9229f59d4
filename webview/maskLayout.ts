// Where the mask canvas puts each cell, which cell a point is over, and what a
// zoom step shows. Pure (no DOM), unit-tested in Node.
//
// A grid far taller than wide (21 054 × 10 units arrive as 254 × 10 cells) is
// wrapped into bands of cell rows laid side by side, read down each band and
// then the next, as a newspaper reads; a grid far wider than tall is wrapped
// into bands of cell columns stacked one under another. Wrapping keeps the whole
// mask on one screen at a readable cell size, where a single strip would give
// cells of a pixel or two, and scrolling would hide most of the mask from the
// overview. The number of bands is the one that gives the largest cells.
import type { GridRegion, MaskGrid } from '../src/shared/viewModel';

export const MAX_CELL = 26;
/** Below this the grid is larger than the box in both directions (256 × 256 aggregated cells in a narrow panel): it is drawn at this size and scaled down. */
export const MIN_CELL = 1;
/** Space between two bands of a wrapped grid, in CSS pixels. */
export const BAND_GAP = 8;
/** A zoom step never shows fewer units than this along an axis (unless the axis has fewer). */
export const MIN_ZOOM_SPAN = 8;
/** An axis shown one unit per cell with at most this many units is already readable: zooming in leaves it whole. */
export const DETAIL_SPAN = 32;
export const ZOOM = 4;

export interface MaskLayout {
  /** A cell's side in CSS pixels. */
  cell: number;
  /** 'rows': bands of cell rows side by side (a tall grid); 'cols': bands of cell columns stacked (a wide grid). One band is the plain grid. */
  wrap: 'rows' | 'cols';
  bands: number;
  /** Cell rows ('rows') or cell columns ('cols') per band; the last band may hold fewer. */
  perBand: number;
  width: number;
  height: number;
}

interface Size {
  rows: number;
  cols: number;
}

function candidate(grid: Size, wrap: 'rows' | 'cols', wanted: number, width: number, maxHeight: number): MaskLayout {
  const along = wrap === 'rows' ? grid.rows : grid.cols;
  const perBand = Math.ceil(along / wanted);
  const bands = Math.ceil(along / perBand);
  const gaps = (bands - 1) * BAND_GAP;
  const cell =
    wrap === 'rows'
      ? Math.min(MAX_CELL, Math.floor((width - gaps) / (bands * grid.cols)), Math.floor(maxHeight / perBand))
      : Math.min(MAX_CELL, Math.floor(width / perBand), Math.floor((maxHeight - gaps) / (bands * grid.rows)));
  return sized({ cell, wrap, bands, perBand, width: 0, height: 0 }, grid);
}

function sized(layout: MaskLayout, grid: Size): MaskLayout {
  const { cell, bands, perBand } = layout;
  const gaps = (bands - 1) * BAND_GAP;
  return layout.wrap === 'rows'
    ? { ...layout, width: bands * grid.cols * cell + gaps, height: Math.min(perBand, grid.rows) * cell }
    : { ...layout, width: Math.min(perBand, grid.cols) * cell, height: bands * grid.rows * cell + gaps };
}

/**
 * The layout with the largest cells that fits `width` × `maxHeight`, trying one
 * band and every number of bands in either direction (fewer bands win a tie).
 * When even that gives cells under MIN_CELL (a grid as large as the box in
 * both directions), one band of MIN_CELL cells, which the canvas scales down.
 */
export function layoutMask(grid: Size, width: number, maxHeight: number): MaskLayout {
  let best = candidate(grid, 'rows', 1, width, maxHeight);
  for (const wrap of ['rows', 'cols'] as const) {
    const along = wrap === 'rows' ? grid.rows : grid.cols;
    for (let wanted = 2; wanted <= along; wanted++) {
      const next = candidate(grid, wrap, wanted, width, maxHeight);
      if (next.cell > best.cell) best = next;
    }
  }
  return best.cell >= MIN_CELL ? best : sized({ ...best, wrap: 'rows', bands: 1, perBand: grid.rows, cell: MIN_CELL }, grid);
}

/** The top-left corner of a cell, in CSS pixels. */
export function cellOrigin(layout: MaskLayout, grid: Size, row: number, col: number): { x: number; y: number } {
  const { cell, perBand } = layout;
  if (layout.wrap === 'rows') {
    const band = Math.floor(row / perBand);
    return { x: band * (grid.cols * cell + BAND_GAP) + col * cell, y: (row - band * perBand) * cell };
  }
  const band = Math.floor(col / perBand);
  return { x: (col - band * perBand) * cell, y: band * (grid.rows * cell + BAND_GAP) + row * cell };
}

/** The cell under a point (CSS pixels from the canvas's corner), or undefined in a gap, past the end or outside. */
export function cellAt(layout: MaskLayout, grid: Size, x: number, y: number): { row: number; col: number } | undefined {
  const { cell, perBand } = layout;
  if (x < 0 || y < 0 || cell <= 0) return undefined;
  let row: number;
  let col: number;
  if (layout.wrap === 'rows') {
    const bandWidth = grid.cols * cell + BAND_GAP;
    const band = Math.floor(x / bandWidth);
    col = Math.floor((x - band * bandWidth) / cell);
    row = band * perBand + Math.floor(y / cell);
    if (col >= grid.cols || y >= Math.min(perBand, grid.rows) * cell) return undefined;
  } else {
    const bandHeight = grid.rows * cell + BAND_GAP;
    const band = Math.floor(y / bandHeight);
    row = Math.floor((y - band * bandHeight) / cell);
    col = band * perBand + Math.floor(x / cell);
    if (row >= grid.rows || x >= Math.min(perBand, grid.cols) * cell) return undefined;
  }
  return row < grid.rows && col < grid.cols ? { row, col } : undefined;
}

/** The units a cell stands for: rows and columns of the layout, inclusive, and the flat index when it is one unit that exists. */
export interface CellUnits {
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
  /** Units in the cell (a partial block at an edge has fewer). */
  count: number;
  /** Flat (C order) index in the whole input, for a cell of one unit. */
  flat?: number;
}

export function cellUnits(grid: MaskGrid, row: number, col: number): CellUnits | undefined {
  if (row * grid.cols + col >= grid.filledCells) return undefined; // an empty cell after a wrapped 1-D input's last unit
  const { region } = grid;
  const firstRow = region.row + row * grid.blockRows;
  const firstCol = region.col + col * grid.blockCols;
  const lastRow = Math.min(firstRow + grid.blockRows, region.row + region.rows) - 1;
  const lastCol = Math.min(firstCol + grid.blockCols, region.col + region.cols) - 1;
  const units = { firstRow, lastRow, firstCol, lastCol, count: (lastRow - firstRow + 1) * (lastCol - firstCol + 1) };
  // A slice's layout is its H × W, which starts at the slice's first unit.
  return units.count === 1 ? { ...units, flat: (grid.slice?.offset ?? 0) + firstRow * grid.unitCols + firstCol } : units;
}

type ZoomGrid = Pick<MaskGrid, 'region' | 'unitRows' | 'unitCols' | 'blockRows' | 'blockCols'>;

/** Whether zooming in would show this axis larger: it is aggregated, or has more single units than read well. */
function canShrink(span: number, block: number): boolean {
  return block > 1 || span > DETAIL_SPAN;
}

/** True when a zoom in would show something larger; false when every unit in view already has a readable cell of its own. */
export function canZoomIn(grid: ZoomGrid): boolean {
  return canShrink(grid.region.rows, grid.blockRows) || canShrink(grid.region.cols, grid.blockCols);
}

export function isWhole(grid: ZoomGrid): boolean {
  return grid.region.rows >= grid.unitRows && grid.region.cols >= grid.unitCols;
}

/**
 * The region one zoom step shows: in (ZOOM times fewer units along each axis
 * that can shrink, never under MIN_ZOOM_SPAN) or out (ZOOM times more, up to
 * the whole layout), around `centre` (units; the region's centre by default).
 * Undefined when there is nothing to zoom that way.
 */
export function zoomStep(grid: ZoomGrid, direction: 'in' | 'out', centre?: { row: number; col: number }): GridRegion | undefined {
  const r = grid.region;
  if (direction === 'in' ? !canZoomIn(grid) : isWhole(grid)) return undefined;
  const span = (now: number, block: number, extent: number) => {
    if (direction === 'out') return Math.min(extent, now * ZOOM);
    if (!canShrink(now, block)) return now;
    return Math.min(now, Math.max(Math.min(extent, MIN_ZOOM_SPAN), Math.round(now / ZOOM)));
  };
  const rows = span(r.rows, grid.blockRows, grid.unitRows);
  const cols = span(r.cols, grid.blockCols, grid.unitCols);
  const cr = centre?.row ?? r.row + r.rows / 2;
  const cc = centre?.col ?? r.col + r.cols / 2;
  return {
    row: Math.max(0, Math.min(grid.unitRows - rows, Math.round(cr - rows / 2))),
    col: Math.max(0, Math.min(grid.unitCols - cols, Math.round(cc - cols / 2))),
    rows,
    cols,
  };
}
