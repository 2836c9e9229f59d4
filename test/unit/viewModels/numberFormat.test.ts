// One way of writing numbers across the panel: counts grouped by thousands in
// every sentence and table, short values rounded for reading, and the
// data-stat hooks still the full number.
import * as assert from 'node:assert/strict';
import { dropout, type Tensor } from '../../../src/engine';
import { explain, mcDropoutNote } from '../../../src/viewModels/teach/explain';
import { count } from '../../../src/viewModels/teach/numberText';
import { formatCount, formatStat, formatValue } from '../../../src/shared/numberFormat';

describe('number formatting, the same everywhere', () => {
  it('counts are grouped alike on both sides', () => {
    for (const n of [0, 7, 999, 1000, 590637, 1_000_000, 10_000_000]) assert.equal(count(n), formatCount(n));
    assert.equal(count(590637), '590,637');
  });

  it('the worked steps write counts grouped: "kept 590,637 of 1,000,000"', () => {
    const x: Tensor = { shape: [1_000_000], dtype: 'float32', data: new Float32Array(1_000_000).fill(1) };
    const stats = dropout(x, { p: 0.41, mode: 'train', seed: 0, rng: 'fast' }).stats;
    const mask = explain({ x: x.data, p: 0.41, variant: 'inverted', stats }).steps.find((s) => s.id === 'mask')!;
    assert.match(mask.substituted, new RegExp(`^this draw kept ${formatCount(stats.kept)} of 1,000,000 units`));
    assert.match(mcDropoutNote({ trials: 10000, mean: 1, evalValue: 1, std: 0.1 }), /over 10,000 passes/);
  });

  it('values in tables read short: 0.06666664 → 0.06667, counts grouped, extremes in exponent form', () => {
    assert.equal(formatValue(0.06666664), '0.06667');
    assert.equal(formatValue(Math.fround(1 / 0.6)), '1.667');
    assert.equal(formatValue(106.66667), '106.7');
    assert.equal(formatValue(590637), '590,637');
    assert.equal(formatValue(-2.5), '-2.5');
    assert.equal(formatValue(1234.56), '1,235');
    assert.equal(formatValue(3.4e38), '3.4e+38');
    assert.equal(formatValue(1.5e-7), '1.5e-7');
    assert.equal(formatValue(NaN), 'NaN');
  });

  it('values past a million keep 7 significant digits, so nearby sums read apart (not all "1e+6")', () => {
    assert.equal(formatValue(1_000_270.3), '1,000,270');
    assert.equal(formatValue(1_000_812.9), '1,000,813');
    assert.equal(formatValue(-1_234_567.89), '-1,234,568');
    assert.equal(formatValue(123_456_789.5), '123,456,800');
    assert.equal(formatValue(1.0000034e15 + 0.5), '1.000003e+15');
    assert.equal(formatValue(3.4e38), '3.4e+38');
    const edges = [999_500.5, 999_833.3, 1_000_166.7, 1_000_500.1];
    assert.equal(new Set(edges.map(formatValue)).size, edges.length);
  });

  it('data-stat values keep at least 6 significant digits', () => {
    assert.equal(formatStat(0.06666664), '0.06666664');
    assert.equal(formatStat(590637), '590637');
  });
});
