// Lays a mask out as a grid the webview can draw, and shrinks it when there are
// more units than cells: the webview never receives more than
// MAX_GRID_SIDE² values, however large the input. A region of the layout can be
// asked for, so the panel zooms and pans down to single units, and an N-D
// input can show one H×W slice instead of all its rows. Pure.
import type { GridRegion, MaskGrid } from '../../shared/viewModel';
import { sliceOffset, sliceSize } from '../../shared/slice';

/** Largest grid side sent to the webview; a canvas of 256 × 256 cells stays crisp and cheap. */
export const MAX_GRID_SIDE = 256;

/** A 1-D input of at most this many values is laid out as one row: wrapping it would leave a short last row that reads as missing units. */
export const ONE_ROW_MAX = 16;

/** Rows × columns in units: a short 1-D input is one row, a longer one wraps into a near-square; N-D keeps its last axis as columns. */
export function gridShape(shape: readonly number[]): { rows: number; cols: number } {
  const n = shape.reduce((a, b) => a * b, 1);
  if (shape.length <= 1 && n <= ONE_ROW_MAX) return { rows: n === 0 ? 0 : 1, cols: Math.max(1, n) };
  if (shape.length <= 1) {
    const cols = Math.max(1, Math.ceil(Math.sqrt(n)));
    return { rows: Math.ceil(n / cols), cols };
  }
  const cols = shape[shape.length - 1];
  return { rows: cols === 0 ? 0 : n / cols, cols };
}

/** The region clipped to the layout, at least one unit each way when the layout has any. */
export function clampRegion(region: GridRegion | undefined, unitRows: number, unitCols: number): GridRegion {
  if (!region) return { row: 0, col: 0, rows: unitRows, cols: unitCols };
  const row = Math.min(Math.max(0, Math.floor(region.row)), Math.max(0, unitRows - 1));
  const col = Math.min(Math.max(0, Math.floor(region.col)), Math.max(0, unitCols - 1));
  return {
    row,
    col,
    rows: Math.min(Math.max(1, Math.floor(region.rows)), unitRows - row),
    cols: Math.min(Math.max(1, Math.floor(region.cols)), unitCols - col),
  };
}

/**
 * The grid for `mask` (1 = kept, C order) over `region` of the layout (all of
 * it by default). Each cell covers a block of blockRows × blockCols units and
 * holds round(255 × fraction kept) over the units that exist in it (blocks at
 * the right and bottom edges may be partial).
 */
export function buildMaskGrid(mask: Uint8Array, shape: readonly number[], maxSide = MAX_GRID_SIDE, wanted?: GridRegion): MaskGrid {
  const { rows: unitRows, cols: unitCols } = gridShape(shape);
  const region = clampRegion(wanted, unitRows, unitCols);
  const blockRows = Math.max(1, Math.ceil(region.rows / maxSide));
  const blockCols = Math.max(1, Math.ceil(region.cols / maxSide));
  const rows = Math.ceil(region.rows / blockRows);
  const cols = Math.ceil(region.cols / blockCols);
  const kept = new Uint32Array(rows * cols);
  const count = new Uint32Array(rows * cols);
  const n = mask.length;
  for (let r = 0; r < region.rows; r++) {
    const cellRow = ((r / blockRows) | 0) * cols;
    const start = (region.row + r) * unitCols + region.col;
    const end = Math.min(start + region.cols, n);
    if (blockCols === 1) {
      // A cell per column (a row no wider than the grid): one pass, no block to set up per unit.
      for (let i = start, cell = cellRow; i < end; i++, cell++) {
        kept[cell] += mask[i];
        count[cell]++;
      }
      continue;
    }
    // Block by block along the row: the inner loop only adds (ten million units take a third of the time of a
    // cell lookup per unit).
    for (let from = start, cell = cellRow; from < end; from += blockCols, cell++) {
      const to = Math.min(from + blockCols, end);
      let blockKept = 0;
      for (let i = from; i < to; i++) blockKept += mask[i];
      kept[cell] += blockKept;
      count[cell] += to - from;
    }
  }
  const keptFraction = new Uint8Array(rows * cols);
  let filledCells = 0;
  for (let cell = 0; cell < keptFraction.length; cell++) {
    if (count[cell] === 0) continue;
    keptFraction[cell] = Math.round((255 * kept[cell]) / count[cell]);
    filledCells = cell + 1; // only a wrapped 1-D input has empty cells, all at the end
  }
  return { rows, cols, unitsPerCell: blockRows * blockCols, blockRows, blockCols, unitRows, unitCols, region, filledCells, keptFraction };
}

/**
 * The grid for one H×W slice of an N-D mask (`slice` holds an index per
 * leading axis and must satisfy isSliceOf): the layout is then the slice's
 * H × W, so aggregation, zoom and pan work inside it exactly as on a whole
 * 2-D input. The slice is contiguous in C order, so no copy is made.
 */
export function buildSliceMaskGrid(
  mask: Uint8Array,
  shape: readonly number[],
  slice: readonly number[],
  maxSide = MAX_GRID_SIDE,
  wanted?: GridRegion,
): MaskGrid {
  const offset = sliceOffset(shape, slice);
  const size = sliceSize(shape);
  const units = mask.subarray(offset, offset + size);
  let kept = 0;
  for (let i = 0; i < units.length; i++) kept += units[i];
  const grid = buildMaskGrid(units, shape.slice(-2), maxSide, wanted);
  return { ...grid, slice: { index: [...slice], offset, n: size, kept } };
}
