import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  clampRow,
  firstRowAfterKey,
  firstRowAt,
  firstRowShowing,
  fullRows,
  isScaled,
  lastFirstRow,
  MAX_SCROLL_HEIGHT,
  renderedRows,
  scrollHeight,
  scrollRange,
  scrollTopFor,
  wheelRows,
  type RowGeometry,
} from '../../../webview/virtualRows';
import { rowLabel, unravelIndex } from '../../../webview/rowIndex';

/** 320 px viewport, 26 px header, 22 px rows: 13 whole rows under the header. */
const geometry = (rows: number, extra: Partial<RowGeometry> = {}): RowGeometry => ({
  rows,
  rowHeight: 22,
  viewportHeight: 320,
  headerHeight: 26,
  ...extra,
});

describe('the values table scroll model', () => {
  it('counts the whole rows under the header and the last first row', () => {
    const g = geometry(1000);
    assert.equal(fullRows(g), 13);
    assert.equal(lastFirstRow(g), 987);
    assert.equal(lastFirstRow(geometry(5)), 0);
    assert.equal(fullRows(geometry(10, { viewportHeight: 30 })), 1, 'a tiny viewport still moves a row at a time');
  });

  it('gives a small table its natural height, one row per row height', () => {
    const g = geometry(1000);
    assert.equal(scrollHeight(g), 26 + 1000 * 22);
    assert.equal(isScaled(g), false);
    assert.equal(firstRowAt(22 * 500, g), 500);
    assert.equal(scrollTopFor(500, g), (500 / 987) * scrollRange(g));
    assert.equal(scrollHeight(geometry(3)), 320, 'never shorter than the viewport');
  });

  it('caps 1e7 rows below the browser height limit and still reaches both ends', () => {
    const g = geometry(10_000_000);
    assert.equal(scrollHeight(g), MAX_SCROLL_HEIGHT);
    assert.ok(MAX_SCROLL_HEIGHT < 17_895_697, 'under Firefox’s limit, the lowest of the engines');
    assert.equal(isScaled(g), true);
    assert.equal(firstRowAt(0, g), 0);
    assert.equal(firstRowAt(scrollRange(g), g), 10_000_000 - 13);
    assert.equal(scrollTopFor(lastFirstRow(g), g), scrollRange(g));
    // Half way down the scrollbar is half way through the rows.
    assert.ok(Math.abs(firstRowAt(scrollRange(g) / 2, g) - (10_000_000 - 13) / 2) <= 1);
  });

  it('maps a row to a scrollTop and back to the same row, also after the browser rounds scrollTop to a pixel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (rows, where) => {
        const g = geometry(rows);
        const row = Math.round(where * lastFirstRow(g));
        assert.equal(firstRowAt(scrollTopFor(row, g), g), row);
        // Under 1.5e7 rows a pixel is at most one row: the rounded position lands on the row or a neighbour.
        assert.ok(Math.abs(firstRowAt(Math.round(scrollTopFor(row, g)), g) - row) <= 1);
      }),
    );
  });

  it('clamps scroll positions and rows to the table', () => {
    const g = geometry(100);
    assert.equal(firstRowAt(-50, g), 0);
    assert.equal(firstRowAt(1e9, g), lastFirstRow(g));
    assert.equal(clampRow(-3, g), 0);
    assert.equal(clampRow(10_000, g), 87);
    assert.equal(scrollTopFor(10_000, g), scrollRange(g));
  });

  it('renders the rows on screen (the last one cut) plus the overscan, never past n', () => {
    const g = geometry(1000);
    assert.equal(renderedRows(0, g, 3), Math.ceil(294 / 22) + 3);
    assert.equal(renderedRows(998, g, 3), 2);
    assert.equal(renderedRows(0, geometry(0), 3), 0);
    assert.ok(renderedRows(5_000_000, geometry(10_000_000), 3) < 200);
  });

  it('moves by a row, a page of whole rows, and to either end with the keys', () => {
    const g = geometry(1000);
    assert.equal(firstRowAfterKey('ArrowDown', 10, g), 11);
    assert.equal(firstRowAfterKey('ArrowUp', 10, g), 9);
    assert.equal(firstRowAfterKey('ArrowUp', 0, g), 0);
    assert.equal(firstRowAfterKey('PageDown', 10, g), 23);
    assert.equal(firstRowAfterKey('PageUp', 10, g), 0);
    assert.equal(firstRowAfterKey('Home', 500, g), 0);
    assert.equal(firstRowAfterKey('End', 0, g), 987);
    assert.equal(firstRowAfterKey('ArrowDown', 987, g), 987);
    assert.equal(firstRowAfterKey('End', 0, geometry(10_000_000)), 10_000_000 - 13);
  });

  it('brings a row into view only when it is not already whole on screen', () => {
    const g = geometry(1000);
    assert.equal(firstRowShowing(105, 100, g), 100, 'already on screen: no jump');
    assert.equal(firstRowShowing(113, 100, g), 113, 'the cut row below: to the top');
    assert.equal(firstRowShowing(40, 100, g), 40);
    assert.equal(firstRowShowing(999, 0, g), 987, 'the last rows cannot be at the top');
    assert.equal(firstRowShowing(5000, 0, g), 987);
  });

  it('turns wheel deltas into rows, keeping the pixels left over', () => {
    assert.deepEqual(wheelRows(100, 0, 22, 13, 0), { rows: 4, carry: 100 / 22 - 4 });
    let carry = 0;
    let moved = 0;
    const touchpad = (events: number) => {
      for (let i = 0; i < events; i++) {
        const step = wheelRows(2, 0, 22, 13, carry);
        moved += step.rows;
        carry = step.carry;
      }
    };
    touchpad(10);
    assert.equal(moved, 0, '20 px is less than a row');
    touchpad(2);
    assert.equal(moved, 1, '24 px of touchpad deltas make one 22 px row');
    assert.deepEqual(wheelRows(-3, 1, 22, 13, 0.5), { rows: -3, carry: 0 });
    assert.deepEqual(wheelRows(1, 2, 22, 13, 0), { rows: 13, carry: 0 });
  });
});

describe('the values table index column', () => {
  it('unravels a flat C-order index, the last axis fastest', () => {
    assert.deepEqual(unravelIndex(0, [2, 3, 4]), [0, 0, 0]);
    assert.deepEqual(unravelIndex(23, [2, 3, 4]), [1, 2, 3]);
    assert.deepEqual(unravelIndex(5, [2, 3, 4]), [0, 1, 1]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }), fc.nat(), (shape, seed) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const flat = seed % n;
        const index = unravelIndex(flat, shape);
        index.forEach((i, axis) => assert.ok(i >= 0 && i < shape[axis]));
        assert.equal(
          index.reduce((acc, i, axis) => acc * shape[axis] + i, 0),
          flat,
        );
      }),
    );
  });

  it('labels a unit by its flat index, with the N-D index for more than one axis', () => {
    assert.equal(rowLabel(51234, [1_000_000]), '51234');
    assert.equal(rowLabel(7, undefined), '7');
    assert.equal(rowLabel(7, [3, 4]), '7 (1, 3)');
    assert.equal(rowLabel(23, [1, 2, 3, 4]), '23 (0, 1, 2, 3)');
    assert.equal(rowLabel(5, [2, 3], ['a', 'b', 'c']), '5 (row 2, c)', 'CSV columns by name, rows from 1');
  });
});
