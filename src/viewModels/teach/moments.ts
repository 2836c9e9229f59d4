// Small float64 statistics shared by the teaching modules: compensated sums,
// the first two moments of a set of values. Pure.
import { compensatedSum } from '../../engine';

/** Neumaier-compensated sum, so means of millions of values keep their digits (the engine's own). */
export const sumOf: (values: ArrayLike<number>) => number = compensatedSum;

/** Σ xᵢ² with compensation. */
export function sumOfSquares(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] * values[i];
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return Number.isFinite(s) ? s + c : s;
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
