// Lays a mask out as a grid the webview can draw, and shrinks it when there are
// more units than cells: the webview never receives more than MAX_GRID_CELLS
// values, however large the input. Pure.
import type { MaskGrid } from '../protocol';

/** Largest grid side sent to the webview; a canvas of 256 × 256 cells stays crisp and cheap. */
export const MAX_GRID_SIDE = 256;

/** Rows × columns in units: 1-D wraps into a near-square; N-D keeps its last axis as columns. */
export function gridShape(shape: readonly number[]): { rows: number; cols: number } {
  const n = shape.reduce((a, b) => a * b, 1);
  if (shape.length <= 1) {
    const cols = Math.max(1, Math.ceil(Math.sqrt(n)));
    return { rows: Math.ceil(n / cols), cols };
  }
  const cols = shape[shape.length - 1];
  return { rows: cols === 0 ? 0 : n / cols, cols };
}

/**
 * The grid for `mask` (1 = kept, C order). Each cell covers a block of
 * blockRows × blockCols units and holds round(255 × fraction kept) over the
 * units that exist in it (blocks at the right and bottom edges may be partial).
 */
export function buildMaskGrid(mask: Uint8Array, shape: readonly number[], maxSide = MAX_GRID_SIDE): MaskGrid {
  const { rows: unitRows, cols: unitCols } = gridShape(shape);
  const blockRows = Math.max(1, Math.ceil(unitRows / maxSide));
  const blockCols = Math.max(1, Math.ceil(unitCols / maxSide));
  const rows = Math.ceil(unitRows / blockRows);
  const cols = Math.ceil(unitCols / blockCols);
  const kept = new Uint32Array(rows * cols);
  const count = new Uint32Array(rows * cols);
  const n = mask.length;
  for (let r = 0; r < unitRows; r++) {
    const cellRow = ((r / blockRows) | 0) * cols;
    const start = r * unitCols;
    const end = Math.min(start + unitCols, n);
    for (let i = start, c = 0; i < end; i++, c++) {
      const cell = cellRow + ((c / blockCols) | 0);
      kept[cell] += mask[i];
      count[cell]++;
    }
  }
  const keptFraction = new Uint8Array(rows * cols);
  let filledCells = 0;
  for (let cell = 0; cell < keptFraction.length; cell++) {
    if (count[cell] === 0) continue;
    keptFraction[cell] = Math.round((255 * kept[cell]) / count[cell]);
    filledCells = cell + 1; // only a wrapped 1-D input has empty cells, all at the end
  }
  return { rows, cols, unitsPerCell: blockRows * blockCols, filledCells, keptFraction };
}
