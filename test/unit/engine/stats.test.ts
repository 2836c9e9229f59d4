// The stats: closed forms checked against exact enumeration of every mask and
// against brute-force Monte Carlo; the fast generator's kept fraction; sums of
// 10^7 values.
import * as assert from 'node:assert/strict';
import { dropout, dropoutWithSource, monteCarlo, type DropoutSpec, type RngKind, type Tensor, type Variant } from '../../../src/engine';
import { scriptedSource } from '../../fixtures/golden/goldenCases';

function lcgTensor(shape: number[], seed: number, dtype: 'float32' | 'float64'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed >>> 0;
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 4294967296) * 3 - 1; // mean 0.5: E and std both matter
  }
  return { shape, dtype, data };
}

describe('engine closed forms equal the exact mean and std over every mask', () => {
  // Enumerate all 2^g masks of the reduced shape with their probabilities.
  const cases: { shape: number[]; dims?: number[] }[] = [{ shape: [5] }, { shape: [2, 3], dims: [1] }, { shape: [2, 2, 2], dims: [0] }];
  const conventions: RngKind[] = ['torch', 'numpy', 'jax', 'fast'];
  const variants: Variant[] = ['inverted', 'classic', 'unscaled', 'alpha'];
  for (const dtype of ['float64', 'float32'] as const) {
    for (const { shape, dims } of cases) {
      for (const rng of conventions) {
        for (const variant of variants) {
          it(`${dtype} ${JSON.stringify(shape)} dims ${JSON.stringify(dims ?? [])} ${rng} ${variant}`, () => {
            const x = lcgTensor(shape, 17, dtype);
            const p = 0.35;
            const groups = dims ? shape.filter((_, d) => !dims.includes(d)).reduce((a, b) => a * b, 1) : x.data.length;
            const spec: DropoutSpec = { p, mode: 'train', seed: 0, rng, variant, broadcastDims: dims };
            let e = 0;
            let e2 = 0;
            let stats;
            for (let bits = 0; bits < 1 << groups; bits++) {
              const m = Array.from({ length: groups }, (_, g) => (bits >> g) & 1);
              const k = m.reduce((a, b) => a + b, 0);
              const prob = (1 - p) ** k * p ** (groups - k);
              const r = dropoutWithSource(x, spec, () => scriptedSource([m]));
              e += prob * r.stats.trainMean;
              e2 += prob * r.stats.trainMean ** 2;
              stats = r.stats;
            }
            const std = Math.sqrt(Math.max(0, e2 - e * e));
            // float32 outputs are rounded per element; the closed form is not.
            const tol = dtype === 'float64' ? 1e-12 : 1e-6;
            assert.ok(Math.abs(stats!.expectedTrainMean - e) <= tol * Math.abs(e), `E: ${stats!.expectedTrainMean} vs ${e}`);
            assert.ok(
              Math.abs(stats!.trainMeanStd - std) <= (dtype === 'float64' ? 1e-6 : 1e-4) * std,
              `std: ${stats!.trainMeanStd} vs ${std}`,
            );
          });
        }
      }
    }
  }

  it('inverted dropout is unbiased: E[train mean] = eval mean (up to the rounded float32 scale)', () => {
    const x = lcgTensor([1000], 3, 'float64');
    const s = dropout(x, { p: 0.4, mode: 'train', seed: 1, rng: 'torch' }).stats;
    assert.ok(Math.abs(s.expectedTrainMean - s.evalMean) <= 1e-15 * Math.abs(s.evalMean) * 10);
    const x32 = lcgTensor([1000], 3, 'float32');
    const s32 = dropout(x32, { p: 0.4, mode: 'train', seed: 1, rng: 'torch' }).stats;
    const applied = Math.fround(1 / Math.fround(0.6)) * 0.6;
    assert.ok(Math.abs(s32.expectedTrainMean - applied * s32.evalMean) <= 1e-15);
    // classic: E = keep * mean(x) and eval = keep * x: they agree as well.
    const c = dropout(x, { p: 0.4, mode: 'train', seed: 1, rng: 'torch', variant: 'classic' }).stats;
    assert.ok(Math.abs(c.expectedTrainMean - c.evalMean) <= 1e-14 * Math.abs(c.evalMean));
    // unscaled: E = keep * mean(x) but eval = x: the bias the playground shows.
    const u = dropout(x, { p: 0.4, mode: 'train', seed: 1, rng: 'torch', variant: 'unscaled' }).stats;
    assert.ok(Math.abs(u.expectedTrainMean - 0.6 * u.evalMean) <= 1e-14 * Math.abs(u.evalMean));
  });

  it("100 inputs of 1 at p = 0.4: 100 +- 8.2 for the sum (DROPOUT.md's example)", () => {
    const ones: Tensor = { shape: [100], dtype: 'float64', data: new Float64Array(100).fill(1) };
    const s = dropout(ones, { p: 0.4, mode: 'train', seed: 0, rng: 'fast' }).stats;
    assert.ok(Math.abs(s.expectedTrainMean * 100 - 100) < 1e-12);
    assert.ok(Math.abs(s.trainMeanStd * 100 - Math.sqrt((100 * 0.4) / 0.6)) < 1e-12);
    assert.ok(Math.abs(s.trainMeanStd * 100 - 8.16496580927726) < 1e-12);
  });
});

describe('engine closed forms agree with brute-force Monte Carlo (4000 trials)', () => {
  const T = 4000;
  const configs: { variant: Variant; dims?: number[] }[] = [
    { variant: 'inverted' },
    { variant: 'classic' },
    { variant: 'unscaled' },
    { variant: 'alpha' },
    { variant: 'gaussian' },
    { variant: 'inverted', dims: [1] },
    { variant: 'alpha', dims: [0] },
    { variant: 'gaussian', dims: [1] },
  ];
  for (const rng of ['torch', 'fast'] as RngKind[]) {
    for (const { variant, dims } of configs) {
      it(`${rng} ${variant} dims ${JSON.stringify(dims ?? [])}`, () => {
        const x = lcgTensor([6, 8], 5, 'float32');
        const spec: DropoutSpec = { p: 0.3, mode: 'train', seed: 2024, rng, variant, broadcastDims: dims };
        const { trainMeans } = monteCarlo(x, spec, T);
        const stats = dropout(x, spec).stats;
        let m = 0;
        for (const v of trainMeans) m += v;
        m /= T;
        let v2 = 0;
        for (const v of trainMeans) v2 += (v - m) ** 2;
        const sd = Math.sqrt(v2 / (T - 1));
        const se = stats.trainMeanStd / Math.sqrt(T);
        assert.ok(Math.abs(m - stats.expectedTrainMean) < 4.5 * se, `mean ${m} vs E ${stats.expectedTrainMean} (se ${se})`);
        // The sample std's standard error is about std / sqrt(2T) (a little more for skewed draws).
        assert.ok(Math.abs(sd - stats.trainMeanStd) < (6 * stats.trainMeanStd) / Math.sqrt(2 * T), `std ${sd} vs ${stats.trainMeanStd}`);
      });
    }
  }
});

describe('engine fast generator statistics', () => {
  const n = 100_000;
  const x: Tensor = { shape: [n], dtype: 'float32', data: new Float32Array(n).fill(1) };
  for (const p of [0.05, 0.3, 0.5, 0.8, 0.97]) {
    it(`kept fraction within 4.5 standard errors of 1 - p at p = ${p}, for several seeds`, () => {
      const se = Math.sqrt((p * (1 - p)) / n);
      for (const seed of [0, 1, 42, -7, '123456789012345678901']) {
        const s = dropout(x, { p, mode: 'train', seed, rng: 'fast' }).stats;
        assert.ok(Math.abs(s.keptFraction - (1 - p)) < 4.5 * se, `seed ${seed}: ${s.keptFraction}`);
      }
    });
  }

  it('neighbouring elements are not correlated (lag-1 agreement of the mask)', () => {
    const m = dropout(x, { p: 0.5, mode: 'train', seed: 5, rng: 'fast' }).mask;
    let same = 0;
    for (let i = 1; i < n; i++) same += m[i] === m[i - 1] ? 1 : 0;
    assert.ok(Math.abs(same / (n - 1) - 0.5) < 4.5 * Math.sqrt(0.25 / n));
  });

  it('different seeds give different masks; the same seed the same mask', () => {
    const a = dropout(x, { p: 0.5, mode: 'train', seed: 1, rng: 'fast' }).mask;
    const b = dropout(x, { p: 0.5, mode: 'train', seed: 2, rng: 'fast' }).mask;
    const a2 = dropout(x, { p: 0.5, mode: 'train', seed: 1, rng: 'fast' }).mask;
    let agree = 0;
    for (let i = 0; i < n; i++) agree += a[i] === b[i] ? 1 : 0;
    assert.ok(Math.abs(agree / n - 0.5) < 0.01, `seeds 1 and 2 agree on ${agree / n}`);
    assert.deepEqual(a2, a);
  });
});

describe('engine sums', () => {
  it('the mean of 4 million float64 values keeps ~15 digits (compensated sums)', () => {
    const n = 4_000_000;
    const v = 0.1;
    const x: Tensor = { shape: [n], dtype: 'float64', data: new Float64Array(n).fill(v) };
    let naive = 0;
    for (let i = 0; i < n; i++) naive += x.data[i];
    assert.ok(Math.abs(naive / n - v) > 1e-11 * v, 'a naive sum would already be off here');
    const s = dropout(x, { p: 0, mode: 'train', seed: 0, rng: 'fast' }).stats;
    assert.ok(Math.abs(s.evalMean - v) <= 1e-14 * v, `evalMean ${s.evalMean}`);
    const t = dropout(x, { p: 0.5, mode: 'train', seed: 0, rng: 'fast' }).stats;
    assert.ok(Math.abs(t.trainMean - (2 * v * t.kept) / n) <= 1e-14 * v, `trainMean ${t.trainMean}`);
    assert.ok(Math.abs(t.trainMeanUnscaled - (v * t.kept) / n) <= 1e-14 * v);
    assert.ok(Math.abs(t.expectedTrainMean - v) <= 1e-14 * v);
  });

  it('NaN and infinities propagate into the means', () => {
    const x: Tensor = { shape: [4], dtype: 'float64', data: Float64Array.of(1, Infinity, 2, 3) };
    const s = dropout(x, { p: 0.5, mode: 'train', seed: 0, rng: 'torch' }).stats;
    assert.equal(s.evalMean, Infinity);
    assert.ok(Number.isNaN(s.expectedTrainMean), 'a dropped Inf is NaN under multiplicative masks');
    const y: Tensor = { shape: [3], dtype: 'float32', data: Float32Array.of(1, NaN, 2) };
    const t = dropout(y, { p: 0.2, mode: 'eval', seed: 0, rng: 'fast' }).stats;
    assert.ok(Number.isNaN(t.evalMean) && Number.isNaN(t.trainMean) && Number.isNaN(t.trainMeanStd));
  });
});
