// How unusual one draw is: the probability that a draw's train sum lands at
// least as far from its expectation as this one did, either way (a two-sided
// tail). Exact where the distribution is cheap to know (equal inputs, few
// mask groups, Gaussian noise), the normal approximation where it holds, and
// nothing where it does not: it says which. Pure.
import { ALPHA, alphaA } from '../../engine';
import type { Variant } from '../../engine/types';
import { logGamma } from './binomial';
import { InputFigures } from './inputFigures';
import type { DrawTail } from '../../shared/viewModel';

/** Up to this many independent mask groups, the tail is summed over all 2^groups kept/dropped patterns (2^20 ≈ 10⁶ steps). */
export const MAX_ENUMERATED_GROUPS = 20;

/**
 * The normal approximation is used only when no mask group carries more than this share of the sum's variance.
 * The central limit theorem for unequal terms (Lindeberg) needs every term's share to be small; a group holding
 * more than a tenth of the variance (like the 1000 in [1, 1000]) makes the sum lumpy (a few distinct values
 * far apart), and a normal curve then misstates its tails by orders of magnitude. With more than
 * MAX_ENUMERATED_GROUPS groups and no share above a tenth, at least ten groups weigh in comparably.
 */
export const MAX_GROUP_VARIANCE_SHARE = 0.1;

export interface DrawTailInput {
  /** The input values, flat. */
  x: ArrayLike<number>;
  p: number;
  variant: Variant;
  /** Units kept in this draw. */
  kept: number;
  /** (this draw's sum − expectation) / σ, from the closed forms. */
  z: number;
  /** Units that share one mask value (1 for element-wise dropout). */
  groupSize?: number;
  /** For each unit, the index of its mask value (shared masks); absent: every unit has its own. */
  maskGroup?: ArrayLike<number>;
  /** Figures of `x` the caller keeps across draws (see InputFigures.of). */
  figures?: InputFigures;
}

/** The two-sided tail of this draw, or null when it has none (σ = 0, or z is not a number). */
export function drawTail(input: DrawTailInput): DrawTail | null {
  const { x, p, variant, kept, z } = input;
  if (!Number.isFinite(z)) return null;
  if (variant === 'gaussian') return { probability: normalTwoSided(z), method: 'normal' };
  const groupSize = input.groupSize ?? 1;
  const figures = InputFigures.of(x, input.figures);
  if (figures.allEqual && groupSize >= 1 && x.length % groupSize === 0 && kept % groupSize === 0) {
    const trials = x.length / groupSize;
    const keptTrials = kept / groupSize;
    return { probability: binomialTwoSided(trials, 1 - p, keptTrials), method: 'binomial', trials, keptTrials };
  }
  const elementWise = input.maskGroup === undefined;
  if (elementWise && x.length > MAX_ENUMERATED_GROUPS) {
    // One group per unit and too many to enumerate: only the largest share matters, found without the swings' arrays.
    return normalOrNothing(figures.swingShare(variant), z);
  }
  const swing = groupSwings(x, p, variant, input.maskGroup);
  if (swing.length <= MAX_ENUMERATED_GROUPS) return { probability: enumeratedTwoSided(swing, 1 - p, Math.abs(z)), method: 'enumerated' };
  return normalOrNothing(largestVarianceShare(swing), z);
}

function normalOrNothing(largestShare: number, z: number): DrawTail {
  if (largestShare <= MAX_GROUP_VARIANCE_SHARE) return { probability: normalTwoSided(z), method: 'normalApproximation' };
  return { probability: NaN, method: 'noApproximation' };
}

/** How far the train sum moves between one group (of `units` units summing to `inputs`) kept and dropped. */
function swingOf(inputs: number, units: number, p: number, variant: Variant, a: number): number {
  switch (variant) {
    case 'alpha': // kept: a·x + b; dropped: a·α′ + b with α′ = −ALPHA
      return a * (inputs + units * ALPHA);
    case 'classic':
    case 'unscaled':
      return inputs;
    default: // inverted
      return inputs / (1 - p);
  }
}

/**
 * Per mask group, how much the train sum moves between the group kept and the group dropped. The sum is
 * S = const + Σ m_g · swing_g with independent m_g ~ Bernoulli(keep), so S − E[S] = Σ (m_g − keep) · swing_g.
 */
export function groupSwings(x: ArrayLike<number>, p: number, variant: Variant, maskGroup?: ArrayLike<number>): Float64Array {
  let groups = x.length;
  if (maskGroup) {
    groups = 0;
    for (let i = 0; i < maskGroup.length; i++) groups = Math.max(groups, maskGroup[i] + 1);
  }
  const inputs = new Float64Array(groups);
  const units = new Float64Array(groups);
  for (let i = 0; i < x.length; i++) {
    const g = maskGroup ? maskGroup[i] : i;
    inputs[g] += x[i];
    units[g] += 1;
  }
  const swing = new Float64Array(groups);
  const a = alphaA(p);
  for (let g = 0; g < groups; g++) swing[g] = swingOf(inputs[g], units[g], p, variant, a);
  return swing;
}

/**
 * P(|Σ (m_g − keep)·swing_g| ≥ distanceInSigmas · σ), summed over all 2^groups patterns in Gray-code order
 * (one group flips per step). A pattern within a millionth of the swings' total of the draw's distance counts as
 * equally far: rounding (float32 outputs, the order of additions) must not split a tie such as a draw and its mirror image.
 */
export function enumeratedTwoSided(swing: ArrayLike<number>, keep: number, distanceInSigmas: number): number {
  const groups = swing.length;
  let sumSquares = 0;
  let total = 0;
  for (let g = 0; g < groups; g++) {
    sumSquares += swing[g] * swing[g];
    total += Math.abs(swing[g]);
  }
  const distance = distanceInSigmas * Math.sqrt(keep * (1 - keep) * sumSquares);
  const reach = distance - 1e-6 * total;
  if (reach <= 0) return 1;
  // P(a pattern with k groups kept) = keep^k · drop^(groups − k).
  const patternProbability = new Float64Array(groups + 1);
  for (let k = 0; k <= groups; k++) patternProbability[k] = keep ** k * (1 - keep) ** (groups - k);
  const kept = new Uint8Array(groups);
  let deviation = 0;
  for (let g = 0; g < groups; g++) deviation -= keep * swing[g]; // every group dropped
  let keptCount = 0;
  let tail = Math.abs(deviation) >= reach ? patternProbability[0] : 0;
  for (let step = 1; step < 2 ** groups; step++) {
    const g = 31 - Math.clz32(step & -step); // the group whose bit flips at this step of the Gray code
    kept[g] ^= 1;
    deviation += kept[g] ? swing[g] : -swing[g];
    keptCount += kept[g] ? 1 : -1;
    if (Math.abs(deviation) >= reach) tail += patternProbability[keptCount];
  }
  return Math.min(1, tail);
}

/** The largest share of the sum's variance one group carries: swing_g² / Σ swing². */
export function largestVarianceShare(swing: ArrayLike<number>): number {
  let sumSquares = 0;
  let largest = 0;
  for (let g = 0; g < swing.length; g++) {
    const square = swing[g] * swing[g];
    sumSquares += square;
    largest = Math.max(largest, square);
  }
  return sumSquares > 0 ? largest / sumSquares : 0;
}

/** P(|Z| ≥ |z|) for Z ~ N(0, 1): erfc(|z|/√2). */
export function normalTwoSided(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** P(|K − trials·q| ≥ |k − trials·q|) for K ~ Binomial(trials, q). */
export function binomialTwoSided(trials: number, q: number, k: number): number {
  const mean = trials * q;
  const distance = Math.abs(k - mean);
  // Counts as far as k, up to rounding in trials·q (k and its mirror image are both in the tail).
  const reach = distance - 1e-9 * Math.max(1, mean);
  if (reach <= 0) return 1;
  if (q <= 0 || q >= 1) return 0; // the count is certain, and k is not it
  // Terms beyond 40σ past the tail's edge are below 1e-300 of it: skip them.
  const sd = Math.sqrt(mean * (1 - q));
  const margin = 40 * sd + 10;
  const lowEdge = Math.floor(mean - reach);
  const highEdge = Math.ceil(mean + reach);
  let total = 0;
  for (let j = Math.max(0, Math.floor(lowEdge - margin)); j <= Math.min(lowEdge, trials); j++) total += pmf(trials, q, j);
  for (let j = Math.max(highEdge, 0); j <= Math.min(trials, Math.ceil(highEdge + margin)); j++) total += pmf(trials, q, j);
  return Math.min(1, total);
}

function pmf(trials: number, q: number, k: number): number {
  return Math.exp(logGamma(trials + 1) - logGamma(k + 1) - logGamma(trials - k + 1) + k * Math.log(q) + (trials - k) * Math.log1p(-q));
}

/** erfc(x) = Q(1/2, x²), the regularised upper incomplete gamma function: about 15 significant digits. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  const t = x * x;
  return t < 1.5 ? 1 - lowerGammaSeries(0.5, t) : upperGammaFraction(0.5, t);
}

const EPSILON = 1e-16;
const TINY = 1e-300;

/** P(a, t) by its power series (converges fast for t < a + 1). */
function lowerGammaSeries(a: number, t: number): number {
  if (t === 0) return 0;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 500; n++) {
    term *= t / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-t + a * Math.log(t) - logGamma(a));
}

/** Q(a, t) by its continued fraction, modified Lentz (converges fast for t > a + 1). */
function upperGammaFraction(a: number, t: number): number {
  let b = t + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-t + a * Math.log(t) - logGamma(a)) * h;
}
