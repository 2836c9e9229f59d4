// The one-sentence lesson, worked on the user's own numbers. Pure.
import type { DropoutStats, Variant } from '../src/engine/types';
import { formatCount, formatProbability, formatShort } from './format';

export interface LessonInput {
  variant: Variant;
  p: number;
  stats: DropoutStats;
  /** What kept values are multiplied by in training. */
  trainScale: number;
}

/** Where this draw's train sum falls against the expectation's ±1σ band. */
export function bandSentence(stats: DropoutStats): string {
  const { n } = stats;
  const sum = stats.trainMean * n;
  const expected = stats.expectedTrainMean * n;
  const sigma = stats.trainMeanStd * n;
  if (!Number.isFinite(sum) || !Number.isFinite(expected)) return 'The values include NaN or infinity, so the sums are not finite.';
  if (sigma === 0) return 'Nothing is random at this p: every draw gives the same output.';
  const k = (sum - expected) / sigma;
  return Math.abs(k) <= 1
    ? `This draw is inside the ±1σ band (${formatShort(Math.abs(k))}σ from the expectation); equal on average, not on every draw.`
    : `This draw is outside the ±1σ band (${formatShort(Math.abs(k))}σ ${k > 0 ? 'above' : 'below'} the expectation): it happens about a third of the time. Equal on average, not on every draw.`;
}

export function lessonSentence({ variant, p, stats, trainScale }: LessonInput): string {
  const { n, kept } = stats;
  const evalSum = stats.evalMean * n;
  const unscaledSum = stats.trainMeanUnscaled * n;
  const trainSum = stats.trainMean * n;
  const expected = `${formatShort(stats.expectedTrainMean * n)} ± ${formatShort(stats.trainMeanStd * n)}`;
  const keepText = formatProbability(1 - p);
  const keptText = `Kept ${formatCount(kept)} of ${formatCount(n)}`;
  switch (variant) {
    case 'inverted':
      return `${keptText} → sum ${formatShort(unscaledSum)} without scaling vs ${formatShort(evalSum)} at eval; × 1/(1−${formatProbability(p)}) = ${formatShort(trainSum)}; expected ${expected}.`;
    case 'classic':
      return `${keptText} → sum ${formatShort(trainSum)} in training, no scaling; eval multiplies by 1−p = ${keepText} instead, giving ${formatShort(evalSum)}; expected train sum ${expected}.`;
    case 'unscaled':
      return `${keptText} → sum ${formatShort(trainSum)} in training but ${formatShort(evalSum)} at eval: nothing rescales, so training sees about ${keepText} of what inference sees (expected ${expected}). Inverted dropout's × 1/(1−p) fixes this.`;
    case 'alpha':
      return `${keptText}; dropped units take SELU's negative saturation and every unit is mapped by a·x + b (a = ${formatShort(trainScale)}) → train sum ${formatShort(trainSum)} vs ${formatShort(evalSum)} at eval; expected ${expected}.`;
    case 'gaussian':
      return `Nothing is zeroed: every unit is multiplied by noise from N(1, p/(1−p) = ${formatShort(p / (1 - p))}) → train sum ${formatShort(trainSum)} vs ${formatShort(evalSum)} at eval; expected ${expected}.`;
  }
}
