// How unusual one draw is: the probability that a draw's train sum lands at
// least as far from its expectation as this one did, either way (a two-sided
// tail). Exact where the distribution is cheap to know, the normal
// approximation otherwise, and it says which. Pure.
import type { Variant } from '../engine/types';
import { logGamma } from './binomial';

export interface DrawTail {
  /** P(|S − E[S]| ≥ |this draw − E[S]|) over masks, S the train sum. */
  probability: number;
  /**
   * 'binomial': exact. Every mask group holds the same inputs, so the train sum is an affine function of
   *   the number of kept groups, which is Binomial(trials, keep).
   * 'normal': exact. Gaussian dropout's sum is a normal variable.
   * 'normalApproximation': the sum of unequal weighted Bernoullis, approximated by a normal of the same σ.
   */
  method: 'binomial' | 'normal' | 'normalApproximation';
  /** For 'binomial': the mask values drawn, and how many of them were kept in this draw. */
  trials?: number;
  keptTrials?: number;
}

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
}

/** The two-sided tail of this draw, or null when it has none (σ = 0, or z is not a number). */
export function drawTail(input: DrawTailInput): DrawTail | null {
  const { x, p, variant, kept, z } = input;
  if (!Number.isFinite(z)) return null;
  if (variant === 'gaussian') return { probability: normalTwoSided(z), method: 'normal' };
  const groupSize = input.groupSize ?? 1;
  if (allEqual(x) && groupSize >= 1 && x.length % groupSize === 0 && kept % groupSize === 0) {
    const trials = x.length / groupSize;
    const keptTrials = kept / groupSize;
    return { probability: binomialTwoSided(trials, 1 - p, keptTrials), method: 'binomial', trials, keptTrials };
  }
  return { probability: normalTwoSided(z), method: 'normalApproximation' };
}

function allEqual(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
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
