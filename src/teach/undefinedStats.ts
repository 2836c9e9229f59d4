// When the sums, means and σ are not numbers: Infinity − Infinity and
// 0 × Infinity have no value, so with a non-finite input (or sums beyond the
// largest double) the teaching figures are undefined, and the panel says so
// with the reason instead of printing NaN or ∞ as if it were a result. Pure.
import type { DropoutStats } from '../engine/types';

/** The figures a non-finite value spoils. */
function statsAreFinite(stats: DropoutStats): boolean {
  return [stats.evalMean, stats.trainMeanUnscaled, stats.trainMean, stats.expectedTrainMean, stats.trainMeanStd].every(Number.isFinite);
}

/**
 * Why the sums, means and σ are undefined, e.g. "the input holds Infinity";
 * null when they are all finite numbers. Reads `x` only when a figure is not
 * finite (a finite eval mean already proves every input finite).
 */
export function undefinedStatsReason(x: ArrayLike<number>, stats: DropoutStats): string | null {
  if (statsAreFinite(stats)) return null;
  let nan = false;
  let positive = false;
  let negative = false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) nan = true;
    else if (v === Infinity) positive = true;
    else if (v === -Infinity) negative = true;
  }
  const infinity = positive && negative ? 'Infinity and −Infinity' : positive ? 'Infinity' : negative ? '−Infinity' : '';
  if (nan && infinity) return `the input holds NaN and ${infinity}`;
  if (nan) return 'the input holds NaN';
  if (infinity) return `the input holds ${infinity}`;
  return 'the sums exceed the largest float64 number';
}
