// Monte Carlo summaries: histogram bookkeeping and alignment, the running mean,
// the ±1σ fraction against the closed form, per-unit accumulation against a
// naive two-pass computation and against closed forms, binomial intervals.
import * as assert from 'node:assert/strict';
import { dropout, monteCarlo, trainStream } from '../../../src/engine';
import {
  fractionWithin,
  keepFrequencySummary,
  NORMAL_WITHIN_ONE_SIGMA,
  runningMean,
  summarizeMonteCarlo,
  sumHistogram,
  UnitAccumulator,
} from '../../../src/viewModels/teach/monteCarloSummary';
import { binomialInterval, binomialPmf, logGamma } from '../../../src/viewModels/teach/binomial';
import { assertClose, lcgValues, mean, ones, tensor64, variance } from './helpers';

function binOf(edges: Float64Array, v: number): number {
  for (let k = 0; k < edges.length - 1; k++) if (v >= edges[k] && v < edges[k + 1]) return k;
  return v === edges[edges.length - 1] ? edges.length - 2 : -1;
}

describe('teach: Monte Carlo summary', () => {
  const p = 0.4;
  const spec = { p, mode: 'train' as const, seed: 1, rng: 'torch' as const };

  it('100 ones: sums on the lattice k/0.6, bins a whole number of steps wide, no lattice point on an edge', () => {
    const { trainSums } = monteCarlo(ones(100), spec, 5000);
    const h = sumHistogram(trainSums, { evalSum: 100, expectedSum: 100, maxBins: 60 });
    assert.equal(h.rule, 'lattice');
    const g = h.latticeStep;
    assertClose(g, 1 / 0.6, 1e-5, 'lattice step');
    const steps = h.binWidth / g;
    assertClose(steps, Math.round(steps), 1e-9, 'width in steps');
    let total = 0;
    for (const c of h.counts) total += c;
    assert.equal(total, 5000);
    assert.equal(h.total, 5000);
    assert.ok(h.counts.length <= 60);
    for (const s of new Set(trainSums)) {
      const k = binOf(h.edges, s);
      assert.ok(k >= 0);
      // Lattice points sit at least a third of a step from either edge.
      assert.ok(s - h.edges[k] > g / 3 && h.edges[k + 1] - s > g / 3, `sum ${s} too close to an edge`);
    }
    assert.equal(h.evalBin, binOf(h.edges, 100));
    assert.equal(h.expectedBin, h.evalBin);
    // A tight bin budget widens by whole lattice steps and still counts every draw.
    for (const maxBins of [3, 7, 12]) {
      const narrow = sumHistogram(trainSums, { evalSum: 100, expectedSum: 100, maxBins });
      assert.ok(narrow.counts.length <= maxBins, `${narrow.counts.length} bins for at most ${maxBins}`);
      const w = narrow.binWidth / g;
      assertClose(w, Math.round(w), 1e-9, 'whole steps');
      assert.equal(
        narrow.counts.reduce((a, b) => a + b, 0),
        5000,
      );
    }
  });

  it('continuous sums: Scott bins centred on the expectation, eval and expectation inside the range', () => {
    const x = tensor64(lcgValues(500, 3, -1, 2));
    const r = dropout(x, { ...spec, rng: 'fast' });
    const n = r.stats.n;
    const { trainSums } = monteCarlo(x, { ...spec, rng: 'fast' }, 3000);
    const expected = r.stats.expectedTrainMean * n;
    const evalSum = r.stats.evalMean * n + 50; // marked far out: the range must stretch to it
    const h = sumHistogram(trainSums, { evalSum, expectedSum: expected, maxBins: 80 });
    assert.equal(h.rule, 'scott');
    const k = h.expectedBin;
    assertClose((h.edges[k] + h.edges[k + 1]) / 2, expected, 1e-9 * Math.abs(expected) + 1e-9, 'expectation at a bin centre');
    assert.equal(h.evalBin, binOf(h.edges, evalSum));
    assert.ok(h.counts.reduce((a, b) => a + b, 0) === 3000);
    assert.ok(h.counts.length <= 80);
  });

  it('constant sums (p = 0) make one populated bin; NaN sums are counted apart', () => {
    const h = sumHistogram(new Float64Array([5, 5, 5, NaN]), { evalSum: 5, expectedSum: 5 });
    assert.equal(h.rule, 'constant');
    assert.equal(h.total, 3);
    assert.equal(h.nonFinite, 1);
    assert.equal(h.counts[h.evalBin], 3);
  });

  it('running mean: downsampled to ≤ 500 points, first is the first sum, last is the overall mean', () => {
    const sums = lcgValues(12345, 8, 90, 110);
    const r = runningMean(sums, 500);
    assert.equal(r.mean.length, 500);
    assert.equal(r.trials[0], 1);
    assert.equal(r.mean[0], sums[0]);
    assert.equal(r.trials[499], 12345);
    assertClose(r.mean[499], mean(sums), 1e-12 * 100, 'last point');
    for (let k = 1; k < 500; k++) assert.ok(r.trials[k] > r.trials[k - 1]);
    // Spot-check an interior point against a direct prefix mean.
    const t = r.trials[250];
    assertClose(r.mean[250], mean(sums.subarray(0, t)), 1e-10, 'prefix mean');
    const short = runningMean(sums.subarray(0, 7), 500);
    assert.equal(short.mean.length, 7);
  });

  it('the scaled sum of 100 ones at p = 0.4 is 100 ± 8.165 on average, not on every draw', () => {
    const r = dropout(ones(100, 'float64'), { ...spec, rng: 'fast' });
    const trials = 20000;
    const { trainSums } = monteCarlo(ones(100, 'float64'), { ...spec, rng: 'fast' }, trials);
    const std = Math.sqrt((100 * p) / (1 - p));
    const s = summarizeMonteCarlo({ trainSums, evalSum: 100, expectedSum: 100, std });
    assertClose(std, r.stats.trainMeanStd * 100, 1e-9, 'closed-form std matches the engine');
    assertClose(s.sampleMean, 100, (5 * std) / Math.sqrt(trials), 'MC mean');
    assertClose(s.sampleStd, std, 5 * std * Math.sqrt(1 / (2 * (trials - 1))), 'MC std');
    // The fraction within ±1σ: the lattice makes it discrete, so compare with the exact
    // binomial probability that the kept count k satisfies |k/0.6 − 100| ≤ σ.
    const pmf = binomialPmf(100, 0.6);
    let exact = 0;
    for (let k = 0; k <= 100; k++) if (Math.abs(k / 0.6 - 100) <= std) exact += pmf[k];
    const se = Math.sqrt((exact * (1 - exact)) / trials);
    assertClose(s.withinOneSigma, exact, 5 * se, 'within ±1σ');
    assert.equal(s.normalWithinOneSigma, NORMAL_WITHIN_ONE_SIGMA);
    assert.ok(s.min < 100 && s.max > 100, 'single draws miss 100 both ways');
    assert.ok(s.text.includes('20,000') && !s.text.includes('<'));
    assertClose(s.running.mean[s.running.mean.length - 1], s.sampleMean, 1e-12, 'running mean ends at the sample mean');
  });

  it('about 68% of draws fall within ±1σ when many units of different sizes are summed', () => {
    const x = tensor64(lcgValues(2000, 12, 0, 2));
    const r = dropout(x, { ...spec, rng: 'fast' });
    const trials = 4000;
    const { trainSums } = monteCarlo(x, { ...spec, rng: 'fast' }, trials);
    const f = fractionWithin(trainSums, r.stats.expectedTrainMean * 2000, r.stats.trainMeanStd * 2000);
    assertClose(f, NORMAL_WITHIN_ONE_SIGMA, 5 * Math.sqrt((0.68 * 0.32) / trials) + 0.01, 'fraction within');
  });

  it('UnitAccumulator equals a naive two-pass computation', () => {
    const n = 7;
    const trials = 50;
    const masks: Uint8Array[] = [];
    const outs: Float64Array[] = [];
    const acc = new UnitAccumulator(n);
    const rnd = lcgValues(n * trials * 2, 99, 0, 1);
    for (let t = 0; t < trials; t++) {
      const m = new Uint8Array(n);
      const o = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        m[i] = rnd[2 * (t * n + i)] < 0.6 ? 1 : 0;
        o[i] = m[i] * (1e6 + rnd[2 * (t * n + i) + 1]); // a large offset: a naive one-pass variance would lose digits
      }
      masks.push(m);
      outs.push(o);
      acc.add(m, o);
    }
    assert.equal(acc.trials, trials);
    const freq = acc.keepFrequency();
    const mu = acc.mean();
    const sd = acc.std();
    const sd0 = acc.std(0);
    for (let i = 0; i < n; i++) {
      const column = outs.map((o) => o[i]);
      const kept = masks.reduce((a, m) => a + m[i], 0);
      assert.equal(freq[i], kept / trials);
      assertClose(mu[i], mean(column), 1e-9, 'mean');
      assertClose(sd[i], Math.sqrt(variance(column)), 1e-6, 'sample std');
      assertClose(sd0[i], Math.sqrt((variance(column) * (trials - 1)) / trials), 1e-6, 'population std');
    }
    assert.throws(() => acc.add(new Uint8Array(3), new Float64Array(3)));
  });

  it('MC dropout per-unit spread matches |x|·√(p/(1 − p)) and the keep frequency matches 1 − p', () => {
    const x = tensor64([1, -2, 0.5, 3, 0]);
    const trials = 8000;
    const stream = trainStream(x, { ...spec, rng: 'fast' });
    const acc = new UnitAccumulator(5);
    const mask = new Uint8Array(5);
    const out = new Float64Array(5);
    for (let t = 0; t < trials; t++) {
      stream.next(mask, out);
      acc.add(mask, out);
    }
    const mu = acc.mean();
    const sd = acc.std();
    const freq = acc.keepFrequency();
    for (let i = 0; i < 5; i++) {
      const xi = x.data[i];
      const sigma = Math.abs(xi) * Math.sqrt(p / (1 - p));
      assertClose(mu[i], xi, (5 * sigma) / Math.sqrt(trials) + 1e-12, `unit ${i} mean`);
      // SE of the sample std from the fourth central moment of the two-point output:
      // deviations x·p/keep (prob keep) and −x (prob p): μ4 = x⁴·(p⁴/keep³ + p); SE(s) ≈ √((μ4 − σ⁴)/T) / (2σ).
      const keep = 1 - p;
      const mu4 = xi ** 4 * (p ** 4 / keep ** 3 + p);
      const seStd = sigma > 0 ? Math.sqrt((mu4 - sigma ** 4) / trials) / (2 * sigma) : 0;
      assertClose(sd[i], sigma, 5 * seStd + 1e-12, `unit ${i} std`);
      assertClose(freq[i], 1 - p, 5 * Math.sqrt((p * (1 - p)) / trials), `unit ${i} keep frequency`);
    }
  });

  it('keep-frequency summary: the number outside the 95% binomial range matches chance', () => {
    const units = 3000;
    const trials = 200;
    const stream = trainStream(ones(units, 'float64'), { ...spec, rng: 'fast' });
    const acc = new UnitAccumulator(units);
    const mask = new Uint8Array(units);
    const out = new Float64Array(units);
    for (let t = 0; t < trials; t++) {
      stream.next(mask, out);
      acc.add(mask, out);
    }
    const s = keepFrequencySummary(acc.keptCount(), trials, p);
    assert.equal(
      s.counts.reduce((a, b) => a + b, 0),
      units,
    );
    assertClose(s.meanFrequency, 0.6, 5 * Math.sqrt(0.24 / (trials * units)), 'mean frequency');
    assert.ok(s.low < 0.6 && s.high > 0.6);
    const q = s.expectedOutside / units;
    assert.ok(q <= 0.05 && q > 0.03, `outside probability ${q}`);
    assertClose(s.outside, s.expectedOutside, 5 * Math.sqrt(units * q * (1 - q)), 'units outside');
    assert.ok(!s.text.includes('<'));
  });

  it('binomial pmf and interval against exact combinatorics', () => {
    const choose = (n: number, k: number) => {
      let c = 1;
      for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
      return c;
    };
    const pmf = binomialPmf(10, 0.3);
    for (let k = 0; k <= 10; k++) assertClose(pmf[k], choose(10, k) * 0.3 ** k * 0.7 ** (10 - k), 1e-13, `pmf ${k}`);
    assertClose(logGamma(10), Math.log(362880), 1e-12, 'lnΓ(10)');
    const iv = binomialInterval(10, 0.3);
    let below = 0;
    for (let k = 0; k < iv.low; k++) below += pmf[k];
    let above = 0;
    for (let k = iv.high + 1; k <= 10; k++) above += pmf[k];
    assert.ok(below <= 0.025 && below + pmf[iv.low] > 0.025);
    assert.ok(above <= 0.025 && above + pmf[iv.high] > 0.025);
    assertClose(iv.outsideProbability, below + above, 1e-15, 'outside probability');
    // Large T: the windowed interval against the full distribution.
    for (const [t, q] of [
      [5000, 0.6],
      [20000, 0.999],
      [3000, 0.001],
      [50, 1],
      [50, 0],
    ] as const) {
      const full = binomialPmf(t, q);
      const w = binomialInterval(t, q);
      let b = 0;
      for (let k = 0; k < w.low; k++) b += full[k];
      let a = 0;
      for (let k = w.high + 1; k <= t; k++) a += full[k];
      assert.ok(b <= 0.025 + 1e-12 && a <= 0.025 + 1e-12, `T ${t}, q ${q}: tails ${b}, ${a}`);
      if (w.low > 0) assert.ok(b + full[w.low] > 0.025, `T ${t}, q ${q}: low is the largest such`);
      if (w.high < t) assert.ok(a + full[w.high] > 0.025, `T ${t}, q ${q}: high is the smallest such`);
      assertClose(w.outsideProbability, a + b, 1e-9, `T ${t}, q ${q}: outside probability`);
    }
  });
});
