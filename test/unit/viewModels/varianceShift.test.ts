// The variance shift before a normalisation layer: closed forms against hand
// arithmetic and against the variance of many train draws, per variant.
import * as assert from 'node:assert/strict';
import { trainStream, type Variant } from '../../../src/engine';
import { varianceShift } from '../../../src/viewModels/teach/varianceShift';
import { assertClose, lcgValues, ones, tensor64, varianceStandardError } from './helpers';

describe('teach: variance shift', () => {
  it('inverted, column [1, 3] at p = 0.5: train E[x²]/keep − E[x]² = 10 − 4 = 6, eval 1', () => {
    const r = varianceShift(tensor64([1, 3], [2, 1]), 0.5);
    assert.equal(r.scope, 'columns');
    const u = r.units[0];
    assertClose(u.trainVariance, 6, 1e-12, 'train variance');
    assertClose(u.evalVariance, 1, 1e-12, 'eval variance');
    assertClose(u.ratio, 6, 1e-12, 'ratio');
    assertClose(u.trainMean, u.evalMean, 1e-12, 'means match');
  });

  it('100 ones at p = 0.4: train variance 1/0.6 − 1, eval variance 0, ratio ∞', () => {
    const r = varianceShift(ones(100), 0.4);
    assert.equal(r.scope, 'overall');
    assertClose(r.pooled.trainVariance, 1 / 0.6 - 1, 1e-12, 'train');
    assert.equal(r.pooled.evalVariance, 0);
    assert.equal(r.pooled.ratio, Infinity);
    assert.ok(r.note.length > 20 && !r.note.includes('<'));
  });

  it('classic scales the eval variance by keep²', () => {
    const x = tensor64([1, 2, 4, 7], [4, 1]);
    const r = varianceShift(x, 0.25, 'classic');
    // Population variance of [1, 2, 4, 7] = 5.25.
    assertClose(r.units[0].evalVariance, 0.75 * 0.75 * 5.25, 1e-12, 'eval');
  });

  it('columns are separate units', () => {
    const x = tensor64([1, 10, 3, 10, 5, 10], [3, 2]);
    const r = varianceShift(x, 0.5);
    assert.equal(r.units.length, 2);
    assert.equal(r.units[1].evalVariance, 0);
    assertClose(r.units[1].trainVariance, 100 / 0.5 - 100, 1e-9, 'constant column still varies in training');
    assertClose(r.units[0].evalVariance, 8 / 3, 1e-12, 'column 0 population variance');
  });

  const variants: Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];
  for (const variant of variants) {
    it(`${variant}: closed-form train variance and mean match many train draws, per column`, () => {
      const rows = 40;
      const cols = 3;
      const values = lcgValues(rows * cols, 23, -1, 2);
      for (let r = 0; r < rows; r++) values[r * cols + 2] += 3; // a column with a large mean
      const x = tensor64(values, [rows, cols]);
      const p = 0.3;
      const shift = varianceShift(x, p, variant);
      const trials = 600;
      const stream = trainStream(x, { p, mode: 'train', seed: 4, rng: 'fast', variant });
      const mask = new Uint8Array(rows * cols);
      const out = new Float64Array(rows * cols);
      const samples = Array.from({ length: cols }, () => new Float64Array(rows * trials));
      for (let t = 0; t < trials; t++) {
        stream.next(mask, out);
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) samples[c][t * rows + r] = out[r * cols + c];
      }
      for (let c = 0; c < cols; c++) {
        const s = samples[c];
        let m = 0;
        for (const v of s) m += v;
        m /= s.length;
        let v2 = 0;
        for (const v of s) v2 += (v - m) ** 2;
        v2 /= s.length;
        const u = shift.units[c];
        assertClose(v2, u.trainVariance, 5 * varianceStandardError(s), `${variant} column ${c} variance`);
        assertClose(m, u.trainMean, 5 * Math.sqrt(v2 / s.length), `${variant} column ${c} mean`);
      }
    });
  }
});
