// Small float64 statistics shared by the teaching modules: compensated sums,
// the first two moments of a set of values. Pure.
import { compensatedSum } from '../../engine';
import { addCompensated, compensatedValue, createAccumulators } from '../../engine/sum';

/** Squares added plainly per partial sum, the partial sums compensated (as the engine's loops add). */
const SQUARES_BLOCK = 256;

/** Neumaier-compensated sum, so means of millions of values keep their digits (the engine's own). */
export const sumOf: (values: ArrayLike<number>) => number = compensatedSum;

/**
 * Σ xᵢ² with compensation across short blocks: the squares are all non-negative, so a plain sum of
 * 256 of them loses at most a few bits, and ten million values cost one branchless pass.
 */
export function sumOfSquares(values: ArrayLike<number>): number {
  const acc = createAccumulators(1);
  const n = values.length;
  for (let b = 0; b < n; b += SQUARES_BLOCK) {
    const stop = Math.min(n, b + SQUARES_BLOCK);
    let s = 0;
    for (let i = b; i < stop; i++) s += values[i] * values[i];
    addCompensated(acc, 0, s);
  }
  return compensatedValue(acc, 0);
}

export function meanOf(values: ArrayLike<number>): number {
  return values.length === 0 ? NaN : sumOf(values) / values.length;
}

/** Sample standard deviation (n − 1 in the denominator), two-pass for accuracy; 0 for fewer than two values. */
export function sampleStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = meanOf(values);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - m;
    s += d * d;
  }
  return Math.sqrt(s / (n - 1));
}

/** E[x] and E[x²] of `count` values from `start`, `stride` apart, summed plainly in float64. */
export function plainMoments(data: ArrayLike<number>, start: number, stride: number, count: number): { m1: number; m2: number } {
  let s1 = 0;
  let s2 = 0;
  for (let k = 0, i = start; k < count; k++, i += stride) {
    const v = data[i];
    s1 += v;
    s2 += v * v;
  }
  return { m1: s1 / count, m2: s2 / count };
}
