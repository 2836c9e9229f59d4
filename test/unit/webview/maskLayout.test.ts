import * as assert from 'node:assert/strict';
import { buildMaskGrid } from '../../../src/viewModels/result/maskGrid';
import {
  canZoomIn,
  cellAt,
  cellOrigin,
  cellUnits,
  DETAIL_SPAN,
  layoutMask,
  MAX_CELL,
  MIN_ZOOM_SPAN,
  zoomStep,
} from '../../../webview/maskLayout';
import type { GridRegion, MaskGrid } from '../../../src/shared/viewModel';

/** The grid the host sends for a rows × cols input (the mask's contents do not matter here). */
const gridOf = (shape: number[], region?: GridRegion): MaskGrid =>
  buildMaskGrid(new Uint8Array(shape.reduce((a, b) => a * b, 1)), shape, undefined, region);

describe('mask canvas layout', () => {
  it('wraps a tall mask into side-by-side bands with cells several pixels tall', () => {
    for (const rows of [2000, 21054, 100_000]) {
      const grid = gridOf([rows, 10]);
      const layout = layoutMask(grid, 300, 420);
      assert.equal(layout.wrap, 'rows', `${rows} × 10`);
      assert.ok(layout.bands > 1, `${rows} × 10: ${layout.bands} bands`);
      assert.ok(layout.cell >= 5, `${rows} × 10: cells of ${layout.cell} px`);
      assert.ok(layout.width <= 300 && layout.height <= 420, `${rows} × 10: ${layout.width} × ${layout.height}`);
    }
  });

  it('stacks a wide mask in bands of columns', () => {
    const grid = gridOf([10, 21054]);
    const layout = layoutMask(grid, 300, 420);
    assert.equal(layout.wrap, 'cols');
    assert.ok(layout.bands > 1 && layout.cell >= 5, `${layout.bands} bands of ${layout.cell} px`);
    assert.ok(layout.width <= 300 && layout.height <= 420);
  });

  it('keeps a mask that fits as one plain grid', () => {
    assert.deepEqual(layoutMask({ rows: 10, cols: 10 }, 300, 420), {
      cell: MAX_CELL,
      wrap: 'rows',
      bands: 1,
      perBand: 10,
      width: 260,
      height: 260,
    });
    assert.equal(layoutMask({ rows: 1, cols: 5 }, 300, 420).bands, 1);
  });

  it('finds every cell where it is drawn, and nothing in the gaps between bands', () => {
    for (const size of [
      { rows: 254, cols: 10 },
      { rows: 10, cols: 254 },
      { rows: 7, cols: 9 },
    ]) {
      const layout = layoutMask(size, 300, 420);
      for (let row = 0; row < size.rows; row++) {
        for (let col = 0; col < size.cols; col++) {
          const { x, y } = cellOrigin(layout, size, row, col);
          assert.ok(x + layout.cell <= layout.width && y + layout.cell <= layout.height, `cell ${row},${col} inside the canvas`);
          assert.deepEqual(cellAt(layout, size, x + layout.cell / 2, y + layout.cell / 2), { row, col });
        }
      }
      if (layout.bands > 1) {
        const end = cellOrigin(layout, size, layout.wrap === 'rows' ? 0 : size.rows - 1, layout.wrap === 'rows' ? size.cols - 1 : 0);
        const inGap =
          layout.wrap === 'rows' ? cellAt(layout, size, end.x + layout.cell + 2, 1) : cellAt(layout, size, 1, end.y + layout.cell + 2);
        assert.equal(inGap, undefined);
      }
    }
  });

  it('says which units a cell holds, with the flat index of a single unit', () => {
    const whole = gridOf([21054, 10]);
    const block = cellUnits(whole, 2, 3)!;
    assert.deepEqual(
      [block.firstRow, block.lastRow, block.firstCol, block.lastCol, block.flat],
      [2 * whole.blockRows, 3 * whole.blockRows - 1, 3, 3, undefined],
    );
    const zoomed = gridOf([21054, 10], { row: 500, col: 0, rows: 20, cols: 10 });
    assert.equal(cellUnits(zoomed, 4, 7)!.flat, 504 * 10 + 7);
    // 17 values wrap into 4 × 5: the last three cells hold no unit.
    const wrapped = gridOf([17]);
    assert.equal(cellUnits(wrapped, 3, 1)!.flat, 16);
    assert.equal(cellUnits(wrapped, 3, 2), undefined);
  });
});

describe('mask zoom steps', () => {
  it('zooms a tall mask along its rows only, never down to a line', () => {
    let grid = gridOf([21054, 10]);
    const seen: string[] = [];
    while (canZoomIn(grid)) {
      const region = zoomStep(grid, 'in')!;
      assert.equal(region.cols, 10, 'all ten columns stay in view');
      assert.ok(region.rows >= MIN_ZOOM_SPAN, `${region.rows} rows`);
      grid = gridOf([21054, 10], region);
      seen.push(`${region.rows}×${region.cols}`);
      assert.ok(seen.length < 10, 'zooming in ends');
    }
    assert.equal(grid.unitsPerCell, 1, 'it ends on single units');
    assert.ok(grid.region.rows <= DETAIL_SPAN);
    assert.equal(zoomStep(grid, 'in'), undefined);
  });

  it('does not crop a small mask that already shows every unit', () => {
    const grid = gridOf([10, 10]);
    assert.equal(canZoomIn(grid), false);
    assert.equal(zoomStep(grid, 'in', { row: 2, col: 3 }), undefined);
    assert.equal(zoomStep(grid, 'out'), undefined, 'it is whole');
  });

  it('zooms a large square mask on both axes, around the point clicked, and back out to the whole', () => {
    const whole = gridOf([1000, 1000]);
    const region = zoomStep(whole, 'in', { row: 900, col: 100 })!;
    assert.deepEqual(region, { row: 750, col: 0, rows: 250, cols: 250 }, 'as near the click as the edge allows');
    const zoomed = gridOf([1000, 1000], region);
    const out = zoomStep(zoomed, 'out')!;
    assert.deepEqual([out.rows, out.cols], [1000, 1000]);
    const deeper = zoomStep(gridOf([1000, 1000], zoomStep(zoomed, 'in')!), 'in')!;
    assert.deepEqual([deeper.rows, deeper.cols], [16, 16]);
  });
});
