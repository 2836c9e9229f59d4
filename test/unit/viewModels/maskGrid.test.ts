import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { GridRegion } from '../../../src/shared/viewModel';
import { buildMaskGrid, clampRegion, gridShape } from '../../../src/viewModels/result/maskGrid';

describe('mask grid for the canvas', () => {
  it('wraps a 1-D input into a near-square and keeps N-D last axes as columns', () => {
    assert.deepEqual(gridShape([100]), { rows: 10, cols: 10 });
    assert.deepEqual(gridShape([101]), { rows: 10, cols: 11 });
    assert.deepEqual(gridShape([3, 7]), { rows: 3, cols: 7 });
    assert.deepEqual(gridShape([2, 3, 4, 5]), { rows: 24, cols: 5 });
  });

  it('is exact, one unit per cell, for small inputs', () => {
    const mask = Uint8Array.from([1, 0, 1, 1, 0, 0]);
    const grid = buildMaskGrid(mask, [2, 3]);
    assert.equal(grid.unitsPerCell, 1);
    assert.deepEqual([grid.rows, grid.cols, grid.filledCells], [2, 3, 6]);
    assert.deepEqual([...grid.keptFraction], [255, 0, 255, 255, 0, 0]);
  });

  it('lays a short 1-D input out as one row, with no empty cell', () => {
    assert.deepEqual(gridShape([5]), { rows: 1, cols: 5 });
    assert.deepEqual(gridShape([16]), { rows: 1, cols: 16 });
    const grid = buildMaskGrid(Uint8Array.from([1, 0, 1, 1, 0]), [5]);
    assert.deepEqual([grid.rows, grid.cols, grid.filledCells], [1, 5, 5]);
    assert.deepEqual([...grid.keptFraction], [255, 0, 255, 255, 0]);
  });

  it('leaves the cells after the last unit of a wrapped 1-D input empty', () => {
    const grid = buildMaskGrid(new Uint8Array(17).fill(1), [17]);
    assert.deepEqual([grid.rows, grid.cols, grid.filledCells], [4, 5, 17]);
    assert.deepEqual([...grid.keptFraction].slice(15), [255, 255, 0, 0, 0]);
  });

  it('aggregates blocks when the data outgrow the grid, holding the fraction kept', () => {
    // 8 × 8 units into at most 4 × 4 cells: 2 × 2 blocks; keep 1 of every 4 units by column parity and row parity.
    const mask = new Uint8Array(64);
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) mask[r * 8 + c] = r % 2 === 0 && c % 2 === 0 ? 1 : 0;
    const grid = buildMaskGrid(mask, [8, 8], 4);
    assert.deepEqual([grid.rows, grid.cols, grid.unitsPerCell, grid.filledCells], [4, 4, 4, 16]);
    assert.ok(grid.keptFraction.every((v) => v === Math.round(255 / 4)));
  });

  it('never exceeds the side limit and keeps the kept count, whatever the shape', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2, max: 16 }),
        fc.integer(),
        (shape, side, seed) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const mask = new Uint8Array(n);
          let s = seed | 0;
          for (let i = 0; i < n; i++) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            mask[i] = (s >>> 16) & 1;
          }
          const grid = buildMaskGrid(mask, shape, side);
          assert.ok(grid.rows <= side && grid.cols <= side);
          assert.ok(grid.filledCells <= grid.rows * grid.cols);
          if (grid.unitsPerCell === 1) {
            const kept = grid.keptFraction.reduce((a, v) => a + v / 255, 0);
            assert.equal(
              kept,
              mask.reduce((a, v) => a + v, 0),
            );
          }
        },
      ),
    );
  });
});

describe('mask grid cells, unit by unit', () => {
  /** Each unit of the region credited to its cell one at a time: the definition the grid's block sums must match. */
  function referenceFractions(mask: Uint8Array, shape: number[], side: number, region?: GridRegion): number[] {
    const { rows: unitRows, cols: unitCols } = gridShape(shape);
    const r = clampRegion(region, unitRows, unitCols);
    const blockRows = Math.max(1, Math.ceil(r.rows / side));
    const blockCols = Math.max(1, Math.ceil(r.cols / side));
    const cols = Math.ceil(r.cols / blockCols);
    const cells = Math.ceil(r.rows / blockRows) * cols;
    const kept = new Array<number>(cells).fill(0);
    const count = new Array<number>(cells).fill(0);
    for (let row = 0; row < r.rows; row++) {
      for (let col = 0; col < r.cols; col++) {
        const unit = (r.row + row) * unitCols + r.col + col;
        if (unit >= mask.length) continue; // past a wrapped 1-D input's last unit
        const cell = Math.floor(row / blockRows) * cols + Math.floor(col / blockCols);
        kept[cell] += mask[unit];
        count[cell] += 1;
      }
    }
    return kept.map((k, cell) => (count[cell] === 0 ? 0 : Math.round((255 * k) / count[cell])));
  }

  it('holds in each cell the fraction kept of the units in its block, partial blocks and regions included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer(),
        fc.option(
          fc.record({ row: fc.nat(70), col: fc.nat(70), rows: fc.integer({ min: 1, max: 80 }), cols: fc.integer({ min: 1, max: 80 }) }),
        ),
        (shape, side, seed, region) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const mask = new Uint8Array(n);
          let s = seed | 0;
          for (let i = 0; i < n; i++) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            mask[i] = (s >>> 16) & 1;
          }
          const grid = buildMaskGrid(mask, shape, side, region ?? undefined);
          assert.deepEqual([...grid.keptFraction], referenceFractions(mask, shape, side, region ?? undefined));
        },
      ),
    );
  });
});

describe('mask grid regions (zoom and pan)', () => {
  // 1000 × 1000 units, kept exactly where (row + col) is even: every block is half kept,
  // single units are exactly 0 or 255.
  const side = 1000;
  const mask = new Uint8Array(side * side);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) mask[r * side + c] = (r + c) % 2 === 0 ? 1 : 0;

  it('shows the whole layout aggregated, then single units when zoomed in far enough', () => {
    const whole = buildMaskGrid(mask, [side, side]);
    assert.deepEqual([whole.rows, whole.cols, whole.blockRows, whole.blockCols], [250, 250, 4, 4]);
    assert.ok(whole.keptFraction.every((v) => v === 128));
    const zoomed = buildMaskGrid(mask, [side, side], undefined, { row: 10, col: 21, rows: 3, cols: 4 });
    assert.deepEqual([zoomed.rows, zoomed.cols, zoomed.unitsPerCell], [3, 4, 1]);
    assert.deepEqual(zoomed.region, { row: 10, col: 21, rows: 3, cols: 4 });
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 4; c++) assert.equal(zoomed.keptFraction[r * 4 + c], mask[(10 + r) * side + 21 + c] ? 255 : 0);
    }
  });

  it('clips a region that runs off the layout', () => {
    const grid = buildMaskGrid(mask, [side, side], undefined, { row: 990, col: 995, rows: 50, cols: 50 });
    assert.deepEqual(grid.region, { row: 990, col: 995, rows: 10, cols: 5 });
    assert.equal(grid.filledCells, 50);
  });
});
