// The mistake presets: figures checked against direct computation on inputs
// small enough to check by hand, and their closed-form rows against many draws.
import * as assert from 'node:assert/strict';
import { dropout, monteCarlo } from '../../../src/engine';
import { computeMistake, computeMistakes } from '../../../src/viewModels/teach/mistakes';
import { MISTAKE_IDS } from '../../../src/shared/catalogue';
import { compareOutputs } from '../../../src/viewModels/teach/errorFigures';
import { assertClose, lcgValues, mean, ones, tensor64, variance } from './helpers';

const torch0 = { seed: 0, rng: 'torch' as const };

describe('teach: mistakes', () => {
  it('scaling twice on 100 ones at p = 0.4: eval mean 0.6 instead of 1, −40%', () => {
    const m = computeMistake('scaledTwice', { x: ones(100), p: 0.4, ...torch0 });
    assertClose(m.figures.buggyMean, 0.6, 1e-12, 'buggy mean');
    assertClose(m.figures.correctMean, 1, 1e-12, 'correct mean');
    assertClose(m.figures.relativeMeanError, -0.4, 1e-12, 'relative error');
    assertClose(m.figures.meanAbsError, 0.4, 1e-12, 'MAE');
    assertClose(m.figures.maxAbsError, 0.4, 1e-12, 'max error');
    assert.equal(m.figures.stage, 'inference');
  });

  it('scaling twice on mixed signs: every unit shrinks by keep', () => {
    // x = [2, −1, 0, 3], p = 0.5: buggy [1, −0.5, 0, 1.5]; |errors| 1, 0.5, 0, 1.5.
    const m = computeMistake('scaledTwice', { x: tensor64([2, -1, 0, 3]), p: 0.5, ...torch0 });
    assertClose(m.figures.buggyMean, 0.5, 1e-15, 'buggy mean');
    assertClose(m.figures.correctMean, 1, 1e-15, 'correct mean');
    assertClose(m.figures.meanAbsError, 0.75, 1e-15, 'MAE');
    assertClose(m.figures.maxAbsError, 1.5, 1e-15, 'max');
  });

  it('no scaling anywhere on 100 ones at p = 0.4: inference sees 1 where training saw 0.6, +66.7%', () => {
    const m = computeMistake('noTestScaling', { x: ones(100), p: 0.4, ...torch0 });
    assertClose(m.figures.buggyMean, 1, 1e-12, 'buggy');
    assertClose(m.figures.correctMean, 0.6, 1e-12, 'correct');
    assertClose(m.figures.relativeMeanError, 0.4 / 0.6, 1e-12, 'relative');
    const draw = dropout(ones(100), { p: 0.4, mode: 'train', ...torch0, variant: 'unscaled' });
    const row = m.figures.rows.find((r) => r.name === 'trainMean');
    assert.ok(row);
    assert.equal(row.buggy, draw.stats.trainMeanUnscaled);
    assertClose(draw.stats.trainMeanUnscaled, draw.stats.kept / 100, 1e-12, 'unscaled train mean = kept/100 for ones');
  });

  for (const id of ['forgotEval', 'functionalTraining'] as const) {
    it(`${id}: the buggy output is this seed's train draw, compared unit by unit with x`, () => {
      const x = tensor64([1, -2, 0.5, 4, 3, -1, 2, 0.25]);
      const p = 0.3;
      const m = computeMistake(id, { x, p, seed: 7, rng: 'torch' });
      const draw = dropout(x, { p, mode: 'train', seed: 7, rng: 'torch' });
      let sum = 0;
      let abs = 0;
      let max = 0;
      for (let i = 0; i < 8; i++) {
        sum += draw.output[i];
        const e = Math.abs(draw.output[i] - x.data[i]);
        abs += e;
        max = Math.max(max, e);
      }
      assertClose(m.figures.buggyMean, sum / 8, 1e-12, 'buggy mean');
      assertClose(m.figures.correctMean, mean(x.data), 1e-12, 'correct mean');
      assertClose(m.figures.meanAbsError, abs / 8, 1e-12, 'MAE');
      assert.equal(m.figures.maxAbsError, max);
      assert.equal(m.figures.rows.find((r) => r.name === 'keptFraction')?.buggy, draw.stats.keptFraction);
    });
  }

  it('forgotEval on 100 ones: MAE = (kept·|1/keep − 1| + dropped·1)/100 by hand', () => {
    const m = computeMistake('forgotEval', { x: ones(100, 'float64'), p: 0.4, seed: 3, rng: 'fast' });
    const draw = dropout(ones(100, 'float64'), { p: 0.4, mode: 'train', seed: 3, rng: 'fast' });
    const k = draw.stats.kept;
    assertClose(m.figures.meanAbsError, (k * (1 / 0.6 - 1) + (100 - k)) / 100, 1e-12, 'MAE');
    assert.equal(m.figures.maxAbsError, 1);
  });

  it('the expected per-unit error 2p·mean|x| matches the average over many seeds', () => {
    const x = tensor64(lcgValues(200, 11, -2, 3));
    const p = 0.35;
    const seeds = 400;
    const maes = new Float64Array(seeds);
    let expected = NaN;
    for (let s = 0; s < seeds; s++) {
      const m = computeMistake('forgotEval', { x, p, seed: s, rng: 'fast' });
      maes[s] = m.figures.meanAbsError;
      expected = m.figures.rows.find((r) => r.name === 'expectedMeanAbsError')!.buggy;
    }
    const se = Math.sqrt(variance(maes) / seeds);
    assertClose(mean(maes), expected, 5 * se, 'mean MAE over seeds');
    let absMean = 0;
    for (const v of x.data) absMean += Math.abs(v);
    assertClose(expected, (2 * p * absMean) / 200, 1e-12, 'closed form');
  });

  it('reading p as keep: rows compare drop p with drop 1 − p on the same seed', () => {
    const x = ones(100);
    const p = 0.8;
    const m = computeMistake('keepAsDrop', { x, p, ...torch0 });
    const asWritten = dropout(x, { p, mode: 'train', ...torch0 });
    const asMeant = dropout(x, { p: 1 - p, mode: 'train', ...torch0 });
    const row = (name: string) => m.figures.rows.find((r) => r.name === name)!;
    assertClose(row('keep').buggy, 0.2, 1e-12, 'keep as written');
    assertClose(row('keep').correct, 0.8, 1e-12, 'keep as meant');
    assert.equal(row('keptFraction').buggy, asWritten.stats.keptFraction);
    assert.equal(row('keptFraction').correct, asMeant.stats.keptFraction);
    assertClose(row('scale').buggy, 5, 1e-12, 'scale as written');
    assertClose(row('scale').correct, 1.25, 1e-12, 'scale as meant');
    assert.equal(m.figures.stage, 'training');
    assertClose(m.figures.buggyMean, asWritten.stats.trainMean, 1e-6, 'buggy mean is the draw at p');
    assertClose(m.figures.correctMean, asMeant.stats.trainMean, 1e-6, 'correct mean is the draw at 1 − p');
  });

  it('reading p as keep: the train-mean variances match many draws at p and at 1 − p', () => {
    const x = tensor64(lcgValues(300, 5, -1, 2));
    const p = 0.3;
    const m = computeMistake('keepAsDrop', { x, p, seed: 1, rng: 'fast' });
    const row = m.figures.rows.find((r) => r.name === 'trainMeanVariance')!;
    const trials = 4000;
    for (const [drop, closed] of [
      [p, row.buggy],
      [1 - p, row.correct],
    ] as const) {
      const means = monteCarlo(x, { p: drop, mode: 'train', seed: 9, rng: 'fast' }, trials).trainMeans;
      const v = variance(means);
      // The sample variance of ~normal means has relative standard error √(2/(N−1)).
      assertClose(v, closed, 5 * closed * Math.sqrt(2 / (trials - 1)), `variance at drop ${drop}`);
    }
  });

  it('a zero-mean input has no relative error (NaN), not a division by zero reported as a number', () => {
    const m = computeMistake('scaledTwice', { x: tensor64([1, -1]), p: 0.5, ...torch0 });
    assert.ok(Number.isNaN(m.figures.relativeMeanError));
    assertClose(m.figures.meanAbsError, 0.5, 1e-15, 'MAE still defined');
  });

  it('every preset has its texts and stable ids', () => {
    const all = computeMistakes({ x: ones(10), p: 0.4, ...torch0 });
    assert.deepEqual(
      all.map((m) => m.id),
      [...MISTAKE_IDS],
    );
    for (const m of all) {
      for (const text of [m.title, m.oneLine, m.explanation, m.fix]) assert.ok(text.length > 5 && !text.includes('<'), `${m.id}: ${text}`);
    }
  });

  it("the correct output's own error is 0 on finite outputs and NaN when one is Infinity", () => {
    const finite = compareOutputs([2, 1], [1, 1]);
    assert.equal(finite.correctMeanError, 0);
    assert.equal(finite.correctMeanAbsError, 0);
    const infinite = compareOutputs([Infinity, 0.5], [Infinity, 1]);
    assert.ok(Number.isNaN(infinite.correctMeanError));
    assert.ok(Number.isNaN(infinite.correctMeanAbsError));
  });

  it('compareOutputs flags NaN in the max error and refuses mismatched lengths', () => {
    assert.ok(Number.isNaN(compareOutputs([NaN, 1], [0, 1]).maxAbsError));
    assert.throws(() => compareOutputs([1], [1, 2]));
  });
});
