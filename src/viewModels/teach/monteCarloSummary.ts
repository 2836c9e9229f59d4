// What the Monte Carlo charts show, computed from the sums of many train draws:
// a histogram, the running mean converging on the eval value, how many draws
// land within ±1σ, and one line of text for screen readers. Also the summary of
// per-unit keep frequencies. Pure.
import { binomialInterval } from './binomial';
import { count, num, percent } from './numberText';
import { sampleStd, sumOf } from './moments';
import { sumHistogram } from './sumHistogram';
import type { KeepFrequencySummary, MonteCarloSummary, RunningMean } from '../../shared/viewModel';

export { UnitAccumulator } from './unitAccumulator';
export { sumHistogram, latticeStep, type SumHistogramOptions } from './sumHistogram';
export { type SumHistogram } from '../../shared/viewModel';

/** Probability that a normal value lies within one standard deviation of its mean: erf(1/√2). */
export const NORMAL_WITHIN_ONE_SIGMA = 0.6826894921370859;

/**
 * The mean of the first t sums for t = 1..N, downsampled to at most maxPoints
 * points spread evenly over t (the first and the last always included).
 */
export function runningMean(sums: ArrayLike<number>, maxPoints = 500): RunningMean {
  const n = sums.length;
  const points = Math.min(n, Math.max(2, Math.floor(maxPoints)));
  const trials = new Float64Array(points);
  const mean = new Float64Array(points);
  if (n === 0) return { trials, mean };
  // Compensated running sum: the last point must equal the overall mean to the last digit.
  let s = 0;
  let c = 0;
  let next = 0;
  for (let t = 0; t < n && next < points; t++) {
    const v = sums[t];
    const u = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - u + v;
    else c += v - u + s;
    s = u;
    const target = points === 1 ? n - 1 : Math.round((next * (n - 1)) / (points - 1));
    if (t === target) {
      trials[next] = t + 1;
      mean[next] = (Number.isFinite(s) ? s + c : s) / (t + 1);
      next++;
    }
  }
  return { trials, mean };
}

/** Fraction of the finite sums within k·sigma of centre (inclusive). */
export function fractionWithin(sums: ArrayLike<number>, centre: number, sigma: number, k = 1): number {
  let inside = 0;
  let finite = 0;
  const r = k * sigma;
  for (let i = 0; i < sums.length; i++) {
    const v = sums[i];
    if (!Number.isFinite(v)) continue;
    finite++;
    if (Math.abs(v - centre) <= r) inside++;
  }
  return finite === 0 ? NaN : inside / finite;
}

export interface MonteCarloSummaryInput {
  trainSums: Float64Array;
  /** Sum of the eval output. */
  evalSum: number;
  /** E[sum] over masks (closed form). */
  expectedSum: number;
  /** Standard deviation of the sum over masks (closed form). */
  std: number;
  maxBins?: number;
  maxPoints?: number;
}

export function summarizeMonteCarlo(input: MonteCarloSummaryInput): MonteCarloSummary {
  const { trainSums, evalSum, expectedSum, std } = input;
  const trials = trainSums.length;
  const sampleMean = trials > 0 ? sumOf(trainSums) / trials : NaN;
  const sStd = sampleStd(trainSums);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < trials; i++) {
    if (trainSums[i] < min) min = trainSums[i];
    if (trainSums[i] > max) max = trainSums[i];
  }
  const standardError = trials > 0 ? sStd / Math.sqrt(trials) : NaN;
  const withinOneSigma = fractionWithin(trainSums, expectedSum, std, 1);
  const histogram = sumHistogram(trainSums, { evalSum, expectedSum, maxBins: input.maxBins });
  const running = runningMean(trainSums, input.maxPoints ?? 500);
  const text =
    trials === 0
      ? 'No Monte Carlo draws yet.'
      : `${count(trials)} training draws: the dropped-and-scaled sum averaged ${num(sampleMean)} ± ${num(standardError, 2)} ` +
        `(eval output ${num(evalSum)}, expected ${num(expectedSum)}); single draws ranged from ${num(min)} to ${num(max)}, ` +
        `${percent(withinOneSigma)} of them within ±1σ = ${num(std)} of the expectation (about 68% for a bell curve).`;
  return {
    trials,
    sampleMean,
    sampleStd: sStd,
    standardError,
    min,
    max,
    withinOneSigma,
    normalWithinOneSigma: NORMAL_WITHIN_ONE_SIGMA,
    histogram,
    running,
    text,
  };
}

/**
 * Are the units kept about 1 − p of the time, independently? Each unit's keep
 * count over T trials is Binomial(T, 1 − p) when masks are independent; about
 * units × P(outside) of them should fall outside the 95% interval by chance.
 * (With broadcastDims, units sharing a mask element move together.)
 */
export function keepFrequencySummary(keptCounts: ArrayLike<number>, trials: number, p: number, bins = 20): KeepFrequencySummary {
  const keep = 1 - p;
  const units = keptCounts.length;
  const interval = trials > 0 ? binomialInterval(trials, keep) : { low: 0, high: 0, outsideProbability: 0 };
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = k / bins;
  const counts = new Uint32Array(bins);
  let outside = 0;
  let sumFreq = 0;
  for (let i = 0; i < units; i++) {
    const c = keptCounts[i];
    const f = trials > 0 ? c / trials : NaN;
    sumFreq += f;
    if (trials > 0) counts[Math.min(bins - 1, Math.floor(f * bins))]++;
    if (c < interval.low || c > interval.high) outside++;
  }
  const expectedOutside = units * interval.outsideProbability;
  const meanFrequency = sumFreq / units;
  const text =
    trials === 0
      ? 'No trials yet.'
      : `Over ${count(trials)} draws each unit was kept ${percent(meanFrequency)} of the time on average (expected ${percent(keep)}); ` +
        `${count(outside)} of ${count(units)} units fall outside the 95% binomial range ${num(interval.low / trials)}–${num(interval.high / trials)}, ` +
        `about ${num(expectedOutside, 3)} would by chance.`;
  return {
    expected: keep,
    trials,
    units,
    meanFrequency,
    edges,
    counts,
    low: interval.low / Math.max(trials, 1),
    high: interval.high / Math.max(trials, 1),
    outside,
    expectedOutside,
    text,
  };
}
