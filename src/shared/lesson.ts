// The one-sentence lesson, worked on the user's own numbers, and the lesson box around it: what the
// panel shows and the Markdown report repeats. Pure.
import type { DropoutStats, Variant } from '../engine/types';
import { evalLessonPreface } from './evalMode';
import { formatCount, formatProbability, formatShort } from './numberFormat';
import type { PlaygroundSettings, ResultView } from './viewModel';

export interface LessonInput {
  variant: Variant;
  p: number;
  stats: DropoutStats;
  /** What kept values are multiplied by in training. */
  trainScale: number;
  /** Which figure is not a finite number and why (e.g. "the input holds Infinity"), when one is not. */
  undefinedReason?: string | null;
}

export function lessonSentence({ variant, p, stats, trainScale, undefinedReason }: LessonInput): string {
  const { n, kept } = stats;
  if (undefinedReason) {
    return `Kept ${formatCount(kept)} of ${formatCount(n)} → training and eval cannot be compared on these numbers (${undefinedReason}).`;
  }
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

/** The lesson box as the panel shows it: at eval a preface (the figures after it are the train draw's), the sentence, and where this draw falls. */
export interface LessonBox {
  preface: string | null;
  sentence: string;
  /** Where this draw falls against its expectation (empty when it cannot be said). */
  band: string;
}

export function lessonBox(settings: Pick<PlaygroundSettings, 'mode' | 'seed' | 'p' | 'variant'>, result: ResultView): LessonBox {
  const { stats } = result;
  const verdict = result.explanation?.verdict;
  return {
    preface:
      settings.mode === 'eval' ? evalLessonPreface({ stats, seed: settings.seed, p: settings.p, evalScale: result.evalScale }) : null,
    sentence: lessonSentence({
      variant: settings.variant,
      p: settings.p,
      stats,
      trainScale: result.trainScale,
      undefinedReason: verdict?.undefinedReason,
    }),
    band: verdict?.sentence ?? '',
  };
}
