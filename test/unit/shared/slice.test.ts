import * as assert from 'node:assert/strict';
import { buildSliceMaskGrid } from '../../../src/viewModels/result/maskGrid';
import { maskGridFor } from '../../../src/viewModels/result/resultView';
import { isSliceOf, sliceOffset, sliceRank } from '../../../src/shared/slice';

describe('one H×W slice of an N-D mask', () => {
  const shape = [2, 3, 4, 5];
  // Kept where the flat index is a multiple of 3: every slice differs from its neighbours.
  const mask = Uint8Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? 1 : 0));

  it('fixes every axis but the last two, and only for 3 or more axes', () => {
    assert.equal(sliceRank([2, 3, 4, 5]), 2);
    assert.equal(sliceRank([7, 4, 5]), 1);
    assert.equal(sliceRank([4, 5]), 0);
    assert.equal(sliceRank([5]), 0);
  });

  it('finds the slice at the C-order offset of tensor[i, j, 0, 0]', () => {
    assert.equal(sliceOffset(shape, [0, 0]), 0);
    assert.equal(sliceOffset(shape, [0, 2]), 40);
    assert.equal(sliceOffset(shape, [1, 0]), 60);
    assert.equal(sliceOffset(shape, [1, 2]), 100);
    assert.equal(sliceOffset([7, 4, 5], [6]), 120);
  });

  it('accepts only an in-range whole index per leading axis', () => {
    assert.ok(isSliceOf([1, 2], shape));
    for (const bad of [[2, 0], [0, 3], [-1, 0], [0.5, 0], [0], [0, 0, 0], ['1', 2], null, undefined, {}, [NaN, 0], [0, Infinity]]) {
      assert.equal(isSliceOf(bad, shape), false, JSON.stringify(bad));
    }
    assert.equal(isSliceOf([], [4, 5]), false, 'a 2-D input has no slices');
  });

  it('lays the slice out as H × W units holding exactly its units, with its kept count', () => {
    const grid = buildSliceMaskGrid(mask, shape, [1, 2]);
    assert.deepEqual([grid.unitRows, grid.unitCols, grid.rows, grid.cols, grid.unitsPerCell], [4, 5, 4, 5, 1]);
    assert.deepEqual(grid.slice, { index: [1, 2], offset: 100, n: 20, kept: 6 }); // 102, 105, …, 117
    for (let i = 0; i < 20; i++) assert.equal(grid.keptFraction[i], mask[100 + i] ? 255 : 0, `unit ${i}`);
  });

  it('zooms and pans inside the slice', () => {
    const grid = buildSliceMaskGrid(mask, shape, [0, 1], undefined, { row: 2, col: 3, rows: 9, cols: 9 });
    assert.deepEqual(grid.region, { row: 2, col: 3, rows: 2, cols: 2 }, 'clipped to the 4 × 5 slice');
    const expected = [2 * 5 + 3, 2 * 5 + 4, 3 * 5 + 3, 3 * 5 + 4].map((u) => (mask[20 + u] ? 255 : 0));
    assert.deepEqual(Array.from(grid.keptFraction), expected);
  });

  it('aggregates a large slice like any large 2-D input', () => {
    const big = [2, 600, 300];
    const m = new Uint8Array(2 * 600 * 300);
    m.fill(1, 600 * 300); // the second slice all kept, the first all dropped
    const first = buildSliceMaskGrid(m, big, [0], 100);
    const second = buildSliceMaskGrid(m, big, [1], 100);
    assert.deepEqual([first.rows, first.cols, first.blockRows, first.blockCols], [100, 100, 6, 3]);
    assert.ok(first.keptFraction.every((v) => v === 0));
    assert.ok(second.keptFraction.every((v) => v === 255));
    assert.equal(second.slice?.kept, 180_000);
  });

  it('falls back to the whole layout for a slice that does not fit the input', () => {
    assert.equal(maskGridFor(mask, shape, [1, 2]).slice?.offset, 100);
    for (const slice of [null, undefined, [5, 0], [1]]) {
      const grid = maskGridFor(mask, shape, slice);
      assert.equal(grid.slice, undefined, JSON.stringify(slice));
      assert.deepEqual([grid.unitRows, grid.unitCols], [24, 5]);
    }
  });
});
