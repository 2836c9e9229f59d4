// How far a buggy output is from the correct one, as the mistake cards show it.
// Pure.
import { sumOf } from './moments';
import type { ErrorFigures } from '../../shared/viewModel';

/** Compares two outputs of the same length unit by unit, in float64. */
export function compareOutputs(buggy: ArrayLike<number>, correct: ArrayLike<number>): ErrorFigures {
  const n = buggy.length;
  if (correct.length !== n) throw new Error(`Outputs differ in length: ${n} vs ${correct.length}.`);
  const diffs = new Float64Array(n);
  let maxAbs = n === 0 ? NaN : 0;
  let selfAbs = 0;
  for (let i = 0; i < n; i++) {
    selfAbs += Math.abs(correct[i] - correct[i]);
    const d = Math.abs(buggy[i] - correct[i]);
    diffs[i] = d;
    // NaN > x is false, so NaN has to be caught explicitly.
    if (Number.isNaN(d)) maxAbs = NaN;
    else if (d > maxAbs) maxAbs = d;
  }
  const buggyMean = sumOf(buggy) / n;
  const correctMean = sumOf(correct) / n;
  const meanError = buggyMean - correctMean;
  return {
    buggyMean,
    correctMean,
    meanError,
    relativeMeanError: correctMean === 0 ? NaN : meanError / Math.abs(correctMean),
    meanAbsError: sumOf(diffs) / n,
    maxAbsError: maxAbs,
    correctMeanError: correctMean - correctMean,
    correctMeanAbsError: selfAbs / n,
  };
}
