// When a teaching figure is not a finite number, say which one and why:
// the input holds NaN or ±Infinity (Infinity − Infinity and 0 × Infinity have
// no value), a training output too large for float32 became Infinity, or a
// float64 sum (of the inputs, or σ's sum of squares) passed the largest
// double. The panel then says so instead of placing the draw, and the
// figures that are finite stay numbers. Pure.
import type { DropoutStats } from '../../engine/types';

/** What went wrong, for the sentences that place the draw. */
export interface UndefinedFigures {
  /** Which figure failed and why, as a phrase: "the input holds Infinity", "a training output … became Infinity, so the train mean is Infinity". */
  reason: string;
  /** True when the input itself holds NaN or ±Infinity (then the sums have no value at all). */
  inputNonFinite: boolean;
  /** What to change to see the lesson on these inputs. */
  advice: string;
}

/** Why the draw cannot be placed, or null when every figure is a finite number. */
export function undefinedFigures(x: ArrayLike<number>, stats: DropoutStats): UndefinedFigures | null {
  if (statsAreFinite(stats)) return null;
  const held = nonFiniteInput(x);
  if (held)
    return {
      reason: `the input holds ${held}`,
      inputNonFinite: true,
      advice: 'Replace the non-finite values to see the lesson on these inputs.',
    };
  const causes: string[] = [];
  const advice = new Set<string>();
  const float32 = x instanceof Float32Array;
  if (!Number.isFinite(stats.trainMean)) {
    causes.push(
      float32
        ? `a training output too large for float32 became Infinity, so the train mean is ${valueWord(stats.trainMean)}`
        : `the training outputs or their sum passed the largest float64 number, so the train mean comes out ${valueWord(stats.trainMean)}`,
    );
    advice.add(float32 ? READ_AS_FLOAT64 : SCALE_DOWN);
  }
  const sums = (['evalMean', 'trainMeanUnscaled', 'expectedTrainMean'] as const).filter((key) => !Number.isFinite(stats[key]));
  if (sums.length > 0) {
    causes.push(
      `the inputs' sum passed the largest float64 number, so ${sums.map((key) => `the ${FIGURE_NAMES[key]} comes out ${valueWord(stats[key])}`).join(' and ')}`,
    );
    advice.add(SCALE_DOWN);
  }
  if (!Number.isFinite(stats.trainMeanStd)) {
    causes.push(`σ's sum of squares passed the largest float64 number, so σ comes out ${valueWord(stats.trainMeanStd)}`);
    advice.add(SCALE_DOWN);
  }
  return { reason: causes.join('; '), inputNonFinite: false, advice: [...advice].join(' ') };
}

const READ_AS_FLOAT64 = 'Read the input as float64 to see the lesson on these inputs.';
const SCALE_DOWN = 'Scale the inputs down to see the lesson: dropout is linear, so it is the same lesson.';

/** The reason alone: "the input holds Infinity", or which figure overflowed; null when every figure is finite. */
export function undefinedStatsReason(x: ArrayLike<number>, stats: DropoutStats): string | null {
  return undefinedFigures(x, stats)?.reason ?? null;
}

const FIGURE_NAMES = { evalMean: 'eval mean', trainMeanUnscaled: 'unscaled train mean', expectedTrainMean: 'expected train mean' } as const;

/** The figures a non-finite value spoils. */
function statsAreFinite(stats: DropoutStats): boolean {
  return [stats.evalMean, stats.trainMeanUnscaled, stats.trainMean, stats.expectedTrainMean, stats.trainMeanStd].every(Number.isFinite);
}

/** "NaN", "Infinity", "NaN and Infinity and −Infinity": what the input holds that is not finite; '' when all is finite. */
function nonFiniteInput(x: ArrayLike<number>): string {
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
  if (nan && infinity) return `NaN and ${infinity}`;
  return nan ? 'NaN' : infinity;
}

function valueWord(v: number): string {
  return Number.isNaN(v) ? 'not a number' : v > 0 ? 'Infinity' : '−Infinity';
}
