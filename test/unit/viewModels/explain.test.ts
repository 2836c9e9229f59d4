// The worked "why": the closed forms it shows against brute-force Monte Carlo,
// the substituted numbers for the 100-ones lesson, and the honest verdict on
// this draw.
import * as assert from 'node:assert/strict';
import { dropout, monteCarlo, type Variant } from '../../../src/engine';
import { explain, mcDropoutNote, sumVariance } from '../../../src/viewModels/teach/explain';
import { assertClose, lcgValues, mean, ones, tensor64, variance } from './helpers';

describe('teach: explain', () => {
  const variants: Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];
  for (const variant of variants) {
    it(`${variant}: σ of the sum and E[sum] against many draws and against the engine`, () => {
      const x = tensor64(lcgValues(150, 31, -1, 2.5));
      const p = 0.3;
      const spec = { p, mode: 'train' as const, seed: 2, rng: 'fast' as const, variant };
      const r = dropout(x, spec);
      const e = explain({ x: x.data, p, variant, stats: r.stats });
      const closedVar = sumVariance(x.data, p, variant);
      assertClose(e.verdict.std, Math.sqrt(closedVar), 1e-12, 'verdict σ');
      assertClose(e.verdict.std, r.stats.trainMeanStd * r.stats.n, 1e-6 * e.verdict.std, 'engine σ');
      const trials = 5000;
      const { trainSums } = monteCarlo(x, spec, trials);
      assertClose(variance(trainSums), closedVar, 5 * closedVar * Math.sqrt(2 / (trials - 1)), 'MC variance of the sum');
      assertClose(mean(trainSums), e.verdict.expectedSum, (5 * e.verdict.std) / Math.sqrt(trials), 'MC mean of the sum');
    });
  }

  it('100 ones at p = 0.4: the steps say 60 / 0.6 = 100 and σ = 8.165', () => {
    const x = ones(100);
    const r = dropout(x, { p: 0.4, mode: 'train', seed: 0, rng: 'torch' });
    const e = explain({ x: x.data, p: 0.4, variant: 'inverted', stats: r.stats });
    const byId = new Map(e.steps.map((s) => [s.id, s]));
    assert.deepEqual([...byId.keys()], ['p', 'mask', 'elementMean', 'elementVariance', 'unscaledSum', 'sumMean', 'sumStd', 'thisDraw']);
    assert.match(byId.get('p')!.substituted, /keep = 1 − 0\.4 = 0\.6/);
    assert.match(byId.get('p')!.note, /keep_prob = 0\.6/);
    assert.match(byId.get('unscaledSum')!.substituted, /on average: 60 \/ 0\.6 = 100/);
    assert.match(byId.get('sumStd')!.substituted, /= 8\.165$/);
    assert.match(byId.get('elementVariance')!.substituted, /= 0\.6667/);
    // The draw's own numbers: the unscaled sum is the kept count.
    assert.ok(byId.get('unscaledSum')!.substituted.startsWith(`this draw: ${r.stats.kept} / 0.6 = `));
    for (const s of e.steps) for (const t of [s.title, s.formula, s.substituted, s.note]) assert.ok(!/[<>]/.test(t), t);
  });

  it('the verdict places this draw by its own z, inside or outside ±1σ, over many seeds', () => {
    const x = ones(100, 'float64');
    let inside = 0;
    let outside = 0;
    for (let seed = 0; seed < 60; seed++) {
      const r = dropout(x, { p: 0.4, mode: 'train', seed, rng: 'fast' });
      const e = explain({ x: x.data, p: 0.4, variant: 'inverted', stats: r.stats });
      const z = (r.stats.trainMean * 100 - 100) / Math.sqrt((100 * 0.4) / 0.6);
      assertClose(e.verdict.z, z, 1e-9, 'z');
      assert.equal(e.verdict.insideOneSigma, Math.abs(z) <= 1);
      const note = e.steps.at(-1)!.note;
      if (Math.abs(z) <= 1) {
        inside++;
        assert.match(note, /inside the ±1σ band/);
      } else {
        outside++;
        assert.match(note, new RegExp(`outside the ±1σ band .*σ ${z > 0 ? 'above' : 'below'}`));
      }
      assert.match(note, /only on average/);
    }
    assert.ok(inside > 0 && outside > 0, 'both cases occur');
  });

  it('unscaled: the expectation misses the eval sum, and says so', () => {
    const x = ones(100);
    const r = dropout(x, { p: 0.4, mode: 'train', seed: 0, rng: 'torch', variant: 'unscaled' });
    const e = explain({ x: x.data, p: 0.4, variant: 'unscaled', stats: r.stats });
    assertClose(e.verdict.expectedSum, 60, 1e-9, 'E[sum]');
    assertClose(e.verdict.evalSum, 100, 1e-9, 'eval sum');
    assert.match(e.steps.find((s) => s.id === 'sumMean')!.substituted, /= 60, but eval: 100/);
  });

  it('p = 0: no randomness, σ = 0, the draw equals its expectation', () => {
    const x = tensor64([1, 2, 3]);
    const r = dropout(x, { p: 0, mode: 'train', seed: 0, rng: 'torch' });
    const e = explain({ x: x.data, p: 0, variant: 'inverted', stats: r.stats });
    assert.equal(e.verdict.std, 0);
    assert.ok(e.verdict.insideOneSigma);
    assert.match(e.steps.at(-1)!.note, /Nothing is random/);
  });

  it('p = 1: everything dropped, no division by zero in the text', () => {
    const x = ones(10);
    const r = dropout(x, { p: 1, mode: 'train', seed: 0, rng: 'torch' });
    const e = explain({ x: x.data, p: 1, variant: 'inverted', stats: r.stats });
    assert.deepEqual(
      e.steps.map((s) => s.id),
      ['p', 'allDropped', 'thisDraw'],
    );
    assert.equal(e.verdict.trainSum, 0);
    assert.equal(e.verdict.evalSum, 10);
    for (const s of e.steps) assert.ok(!/NaN|∞/.test(s.substituted + s.note), s.substituted);
  });

  it('mcDropoutNote carries the numbers and the standard-error comparison', () => {
    const note = mcDropoutNote({ trials: 400, mean: 1.01, evalValue: 1, std: 0.2 });
    // SE = 0.2/20 = 0.01: one standard error apart.
    assert.match(note, /400 passes/);
    assert.match(note, /1\.01 against 1 from eval mode \(1 standard error apart\)/);
    assert.match(note, /±0\.2/);
    assert.match(note, /Gal & Ghahramani 2016/);
    assert.match(mcDropoutNote({ trials: 1, mean: 1, evalValue: 1, std: 0 }), /at least two/);
  });
});
