// The "why" section, worked on the user's live numbers: structured steps the
// webview renders as plain text (no HTML). Each step pairs a formula in Unicode
// math with the same formula filled in with the user's numbers.
// Pure.
import { ALPHA, alphaA } from '../../shared/catalogue';
import type { DropoutStats, Variant } from '../../engine/types';
import { count, num, percent } from './numberText';
import { drawTail } from './drawTail';
import { InputFigures } from './inputFigures';
import { undefinedFigures, type UndefinedFigures } from './undefinedStats';
import { bandSentence, sigmaDistance, tailSentence } from './bandSentence';
import type { DrawVerdict, ExplainStep, Explanation } from '../../shared/viewModel';

export interface ExplainInput {
  /** The input values, flat. */
  x: ArrayLike<number>;
  p: number;
  variant: Variant;
  /** dropout(x, spec).stats for the current seed. */
  stats: DropoutStats;
  /** True when broadcastDims share one mask value between units (the σ then comes from the engine). */
  sharedMask?: boolean;
  /** Units that share one mask value (1, the default, for element-wise dropout). */
  groupSize?: number;
  /** With shared masks: for each unit, the index of its mask value (engine/shape groupIndex). */
  maskGroup?: ArrayLike<number>;
  /** Figures of `x` the caller keeps across draws (see InputFigures.of). */
  figures?: InputFigures;
}

function step(id: string, title: string, formula: string, substituted: string, note: string): ExplainStep {
  return { id, title, formula, substituted, note };
}

/** Σ Var[yᵢ] with independent masks, in float64, per variant. */
export function sumVariance(x: ArrayLike<number>, p: number, variant: Variant, kept?: InputFigures): number {
  const keep = 1 - p;
  if (p === 0 || p === 1) return 0;
  const figures = InputFigures.of(x, kept);
  switch (variant) {
    case 'inverted':
    case 'gaussian':
      return (figures.sumOfSquares * p) / keep;
    case 'classic':
    case 'unscaled':
      return figures.sumOfSquares * p * keep;
    case 'alpha': {
      const a = alphaA(p);
      return p * keep * a * a * figures.alphaSumOfSquares;
    }
    default:
      throw new Error(`Unknown dropout variant ${JSON.stringify(variant)}.`);
  }
}

const NAMING =
  'PyTorch p, Keras rate, Flax rate and MLX p are all DROP probabilities. TF1 keep_prob, the 2014 dropout paper and cs231n count the KEEP probability instead';

function pStep(p: number): ExplainStep {
  const keep = 1 - p;
  return step(
    'p',
    'What p is',
    'p = P(unit dropped),  keep = 1 − p',
    `p = ${num(p)},  keep = 1 − ${num(p)} = ${num(keep)}`,
    `${NAMING}: keep_prob = ${num(keep)} means the same as p = ${num(p)}.`,
  );
}

function maskStep(p: number, stats: DropoutStats, sharedMask: boolean): ExplainStep {
  const keep = 1 - p;
  const countStd = Math.sqrt(stats.n * p * keep);
  return step(
    'mask',
    'The mask',
    'mᵢ ~ Bernoulli(1 − p), drawn independently for every unit',
    `this draw kept ${count(stats.kept)} of ${count(stats.n)} units (${percent(stats.keptFraction)}); on average ${num(keep * stats.n)}`,
    sharedMask
      ? 'Here one mask value is shared by each group of units along the broadcast dims, so whole groups are kept or dropped together.'
      : `The count itself is random: about ${num(keep * stats.n)} ± ${num(countStd, 3)} units survive each draw.`,
  );
}

/** Unit `index` (from 0) as the formulas name it: y₁, y₂₃. */
function subscript(index: number): string {
  return String(index + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

/** One unit's mean and variance, shown for the first unit with a finite input. */
function elementSteps(x: ArrayLike<number>, p: number, variant: Variant): ExplainStep[] {
  const keep = 1 - p;
  let index = 0;
  while (index < x.length - 1 && !Number.isFinite(x[index])) index++;
  const x0 = x[index];
  const sx = num(x0);
  const i = subscript(index);
  const unit = `unit ${count(index + 1)} (x${i} = ${sx})`;
  switch (variant) {
    case 'inverted':
      return [
        step(
          'elementMean',
          'One unit, on average',
          'E[yᵢ] = (1 − p) · xᵢ / (1 − p) + p · 0 = xᵢ',
          `E[y${i}] = ${num(keep)} × ${sx} / ${num(keep)} = ${sx}`,
          `Kept values are divided by 1 − p in training, so on average each unit outputs its input: what eval mode outputs. Shown for ${unit}.`,
        ),
        step(
          'elementVariance',
          'One unit, draw to draw',
          'Var[yᵢ] = E[yᵢ²] − xᵢ² = xᵢ²/(1 − p) − xᵢ² = xᵢ² · p/(1 − p)',
          `Var[y${i}] = ${sx}² × ${num(p)}/${num(keep)} = ${num((x0 * x0 * p) / keep)}  (σ = ${num(Math.abs(x0) * Math.sqrt(p / keep))})`,
          'A single unit is either 0 or xᵢ/(1 − p), never xᵢ itself: it is right only on average.',
        ),
      ];
    case 'gaussian':
      return [
        step(
          'elementMean',
          'One unit, on average',
          'yᵢ = xᵢ · (1 + σz),  z ~ N(0, 1),  σ = √(p/(1 − p));  E[yᵢ] = xᵢ',
          `σ = √(${num(p)}/${num(keep)}) = ${num(Math.sqrt(p / keep))},  E[y${i}] = ${sx}`,
          'Gaussian dropout multiplies by noise of mean 1 instead of zeroing: nothing is dropped, the mean is kept.',
        ),
        step(
          'elementVariance',
          'One unit, draw to draw',
          'Var[yᵢ] = xᵢ² · σ² = xᵢ² · p/(1 − p)',
          `Var[y${i}] = ${sx}² × ${num(p / keep)} = ${num((x0 * x0 * p) / keep)}`,
          'The same variance inverted dropout has: that is how the noise level is chosen.',
        ),
      ];
    case 'classic':
      return [
        step(
          'elementMean',
          'One unit, on average',
          'train: E[yᵢ] = (1 − p) · xᵢ;  eval: yᵢ = (1 − p) · xᵢ',
          `E[y${i}] = ${num(keep)} × ${sx} = ${num(keep * x0)} in both modes`,
          'Classic dropout (Srivastava et al. 2014) does not scale in training; it multiplies by 1 − p at test time instead, so the two still agree on average.',
        ),
        step(
          'elementVariance',
          'One unit, draw to draw',
          'Var[yᵢ] = xᵢ² · p · (1 − p)',
          `Var[y${i}] = ${sx}² × ${num(p)} × ${num(keep)} = ${num(x0 * x0 * p * keep)}`,
          'Each unit is 0 or xᵢ in training.',
        ),
      ];
    case 'unscaled':
      return [
        step(
          'elementMean',
          'One unit, on average',
          'train: E[yᵢ] = (1 − p) · xᵢ;  eval: yᵢ = xᵢ',
          `E[y${i}] = ${num(keep)} × ${sx} = ${num(keep * x0)}, but eval outputs ${sx}`,
          'Dropping without scaling anywhere: training sees only 1 − p of the signal, inference all of it. This is the bug inverted dropout fixes.',
        ),
        step(
          'elementVariance',
          'One unit, draw to draw',
          'Var[yᵢ] = xᵢ² · p · (1 − p)',
          `Var[y${i}] = ${sx}² × ${num(p)} × ${num(keep)} = ${num(x0 * x0 * p * keep)}`,
          'Each unit is 0 or xᵢ in training.',
        ),
      ];
    case 'alpha': {
      const a = keep > 0 ? alphaA(p) : 0;
      return [
        step(
          'elementMean',
          'One unit, on average',
          `kept: a·xᵢ + α·a·p;  dropped: −α·a·(1 − p);  E[yᵢ] = a · (1 − p) · xᵢ,  a = 1/√((α²p + 1)(1 − p)),  α ≈ ${ALPHA.toFixed(4)}`,
          `a = ${num(a)},  E[y${i}] = ${num(a)} × ${num(keep)} × ${sx} = ${num(a * keep * x0)}`,
          "AlphaDropout sets dropped units to SELU's negative saturation and rescales, so activations with mean 0 and variance 1 keep mean 0 and variance 1. It preserves those statistics, not each unit.",
        ),
        step(
          'elementVariance',
          'One unit, draw to draw',
          'Var[yᵢ] = p · (1 − p) · a² · (xᵢ + α)²',
          `Var[y${i}] = ${num(p)} × ${num(keep)} × ${num(a)}² × (${sx} + ${ALPHA.toFixed(4)})² = ${num(p * keep * a * a * (x0 + ALPHA) * (x0 + ALPHA))}`,
          'Kept and dropped values differ by a·(xᵢ + α).',
        ),
      ];
    }
    default:
      throw new Error(`Unknown dropout variant ${JSON.stringify(variant)}.`);
  }
}

function sumMeanStep(n: number, sumX: number, p: number, variant: Variant, expectedSum: number, evalSum: number): ExplainStep {
  const keep = 1 - p;
  const meanX = sumX / n;
  switch (variant) {
    case 'inverted':
    case 'gaussian':
      return step(
        'sumMean',
        'The sum, on average',
        'E[Σ yᵢ] = Σ E[yᵢ] = Σ xᵢ',
        `E[Σ y] = ${count(n)} × ${num(meanX)} = ${num(expectedSum)};  eval: ${num(evalSum)}`,
        'A neuron summing these inputs sees the same total in training as at inference, on average.',
      );
    case 'classic':
      return step(
        'sumMean',
        'The sum, on average',
        'E[Σ yᵢ] = (1 − p) · Σ xᵢ = eval sum',
        `E[Σ y] = ${num(keep)} × ${num(sumX)} = ${num(expectedSum)};  eval: ${num(evalSum)}`,
        'Both modes shrink the total by 1 − p, so they agree on average.',
      );
    case 'unscaled':
      return step(
        'sumMean',
        'The sum, on average',
        'E[Σ yᵢ] = (1 − p) · Σ xᵢ  ≠  Σ xᵢ = eval sum',
        `E[Σ y] = ${num(keep)} × ${num(sumX)} = ${num(expectedSum)}, but eval: ${num(evalSum)}`,
        `The next layer is trained on totals near ${num(expectedSum)} and then fed ${num(evalSum)}: ${percent(p / keep)} more than it ever saw.`,
      );
    case 'alpha':
      return step(
        'sumMean',
        'The sum, on average',
        'E[Σ yᵢ] = a · (1 − p) · Σ xᵢ',
        `E[Σ y] = ${num(expectedSum)};  eval: ${num(evalSum)}`,
        'Equal only when the inputs have mean 0, as SELU networks arrange.',
      );
    default:
      throw new Error(`Unknown dropout variant ${JSON.stringify(variant)}.`);
  }
}

function unscaledSumStep(n: number, p: number, stats: DropoutStats, sumX: number): ExplainStep {
  const keep = 1 - p;
  const unscaledSum = stats.trainMeanUnscaled * n;
  return step(
    'unscaledSum',
    'Why divide by 1 − p',
    'Σ yᵢ = (Σ xᵢ · mᵢ) / (1 − p)',
    `this draw: ${num(unscaledSum)} / ${num(keep)} = ${num(stats.trainMean * n)};  on average: ${num(keep * sumX)} / ${num(keep)} = ${num(sumX)}`,
    `Without the division the neuron would see about ${num(keep * sumX)} in training but ${num(sumX)} at inference.`,
  );
}

function sumStdStep(figures: InputFigures, p: number, variant: Variant, std: number, sharedMask: boolean): ExplainStep {
  const keep = 1 - p;
  if (sharedMask) {
    return step(
      'sumStd',
      'The sum, draw to draw',
      'σ_Σ = √(Σ over mask groups of Var[group total])',
      `σ_Σ = ${num(std)}`,
      'Units sharing a mask value move together, so the spread is larger than with independent masks.',
    );
  }
  const s2 = figures.sumOfSquares;
  switch (variant) {
    case 'inverted':
    case 'gaussian':
      return step(
        'sumStd',
        'The sum, draw to draw',
        'σ_Σ = √(Σ xᵢ² · p/(1 − p))   (masks independent)',
        `σ_Σ = √(${num(s2)} × ${num(p)}/${num(keep)}) = ${num(std)}`,
        'Variances of independent units add; the standard deviation grows like √n while the sum grows like n.',
      );
    case 'classic':
    case 'unscaled':
      return step(
        'sumStd',
        'The sum, draw to draw',
        'σ_Σ = √(Σ xᵢ² · p · (1 − p))   (masks independent)',
        `σ_Σ = √(${num(s2)} × ${num(p)} × ${num(keep)}) = ${num(std)}`,
        'Variances of independent units add.',
      );
    case 'alpha':
      return step(
        'sumStd',
        'The sum, draw to draw',
        'σ_Σ = √(Σ p · (1 − p) · a² · (xᵢ + α)²)',
        `σ_Σ = ${num(std)}`,
        'Variances of independent units add.',
      );
    default:
      throw new Error(`Unknown dropout variant ${JSON.stringify(variant)}.`);
  }
}

function hasFiniteValue(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) return true;
  return false;
}

function thisDrawStep(v: DrawVerdict, variant: Variant, p: number): ExplainStep {
  if (v.undefinedReason) {
    return step('thisDraw', 'This draw', 'z = (Σ y − E[Σ y]) / σ_Σ', `z is undefined (${v.undefinedReason})`, v.sentence);
  }
  if (!(v.std > 0) || !v.tail) {
    return step('thisDraw', 'This draw', 'Σ y = E[Σ y]', `Σ y = ${num(v.trainSum)}`, v.sentence);
  }
  const lowBand = v.expectedSum - v.std;
  const highBand = v.expectedSum + v.std;
  const distance = sigmaDistance(Math.abs(v.z), v.insideOneSigma);
  const where = v.insideOneSigma
    ? `inside the ±1σ band ${num(lowBand)} … ${num(highBand)}`
    : `outside the ±1σ band ${num(lowBand)} … ${num(highBand)}, ${distance}σ ${v.z > 0 ? 'above' : 'below'} the expectation`;
  const matches = variant === 'inverted' || variant === 'gaussian' || variant === 'classic';
  return step(
    'thisDraw',
    'This draw',
    'z = (Σ y − E[Σ y]) / σ_Σ',
    `z = (${num(v.trainSum)} − ${num(v.expectedSum)}) / ${num(v.std)} = ${v.z < 0 ? '−' : '+'}${distance}`,
    `This draw is ${where}. ${tailSentence(v.tail, p)} ` +
      (matches
        ? `The training sum equals the eval sum (${num(v.evalSum)}) only on average, never promised on a single draw: change the seed and it moves.`
        : `Even on average it does not reach the eval sum (${num(v.evalSum)}).`),
  );
}

/**
 * With a non-finite input the sums have no value; with an overflow only the overflowing figure is not finite:
 * say which, and why, and keep the finite ones as numbers.
 */
function undefinedSumsStep(why: UndefinedFigures, trainSum: number, expectedSum: number, std: number): ExplainStep {
  if (why.inputNonFinite) {
    return step(
      'undefinedSums',
      'The sums',
      'Σ yᵢ,  E[Σ yᵢ],  σ_Σ',
      `undefined (${why.reason})`,
      `Infinity − Infinity and 0 × Infinity are not numbers, so the sum, its expectation and its spread have no value here. ${why.advice}`,
    );
  }
  const figure = (v: number): string =>
    Number.isFinite(v) ? num(v) : `${Number.isNaN(v) ? 'not a number' : v > 0 ? 'Infinity' : '−Infinity'} (overflowed)`;
  return step(
    'undefinedSums',
    'The sums',
    'Σ yᵢ,  E[Σ yᵢ],  σ_Σ',
    `Σ y = ${figure(trainSum)},  E[Σ y] = ${figure(expectedSum)},  σ_Σ = ${figure(std)}`,
    `Not every figure is a finite number: ${why.reason}. ${why.advice}`,
  );
}

/** The worked "why" for one variant, on the user's numbers and this seed's draw. */
export function explain(input: ExplainInput): Explanation {
  const { x, p, variant, stats } = input;
  const n = stats.n;
  if (x.length !== n || n === 0) throw new Error(`Expected ${n} input values, got ${x.length}.`);
  const sharedMask = input.sharedMask === true;
  const figures = InputFigures.of(x, input.figures);
  const sumX = figures.sum;
  const expectedSum = stats.expectedTrainMean * n;
  const evalSum = stats.evalMean * n;
  const trainSum = stats.trainMean * n;
  // The engine's σ uses the scale actually applied (float32 rounding) and the
  // mask groups; with independent masks it equals the float64 closed form to ~1e-7.
  const std = sharedMask ? stats.trainMeanStd * n : Math.sqrt(sumVariance(x, p, variant, figures));
  const undefinedWhy = undefinedFigures(x, stats);
  const undefinedReason = undefinedWhy?.reason ?? null;
  const z = std > 0 && !undefinedReason ? (trainSum - expectedSum) / std : NaN;
  const tail = undefinedReason
    ? null
    : drawTail({ x, p, variant, kept: stats.kept, z, groupSize: input.groupSize, maskGroup: input.maskGroup, figures });
  const insideOneSigma = undefinedReason ? false : std > 0 ? Math.abs(z) <= 1 : trainSum === expectedSum;
  const sentence = bandSentence({ z, std, insideOneSigma, tail, undefinedReason, p });
  const verdict: DrawVerdict = { trainSum, expectedSum, evalSum, std, z, insideOneSigma, tail, undefinedReason, sentence };
  const steps: ExplainStep[] = [pStep(p)];
  if (undefinedWhy) {
    if (variant !== 'gaussian' && p !== 1) steps.push(maskStep(p, stats, sharedMask));
    if (p !== 1 && hasFiniteValue(x)) steps.push(...elementSteps(x, p, variant));
    steps.push(undefinedSumsStep(undefinedWhy, trainSum, expectedSum, std));
    steps.push(thisDrawStep(verdict, variant, p));
    return { variant, steps, verdict };
  }
  if (p === 1) {
    // Nothing survives and there is nothing to rescale: the closed forms above degenerate.
    steps.push(
      step(
        'allDropped',
        'Everything dropped',
        'p = 1:  yᵢ = xᵢ · 0 = 0',
        `Σ y = ${num(trainSum)};  eval: ${num(evalSum)}`,
        'At p = 1 training sees nothing at all, and no scale 1/(1 − p) exists to make up for it. Frameworks allow it; it is never useful.',
      ),
    );
    steps.push(thisDrawStep(verdict, variant, p));
    return { variant, steps, verdict };
  }
  if (variant !== 'gaussian') steps.push(maskStep(p, stats, sharedMask));
  steps.push(...elementSteps(x, p, variant));
  if (variant === 'inverted') steps.push(unscaledSumStep(n, p, stats, sumX));
  steps.push(sumMeanStep(n, sumX, p, variant, expectedSum, evalSum));
  steps.push(sumStdStep(figures, p, variant, std, sharedMask));
  steps.push(thisDrawStep(verdict, variant, p));
  return { variant, steps, verdict };
}

export interface McDropoutInput {
  /** Number of stochastic passes T. */
  trials: number;
  /** Average over the passes of the quantity (e.g. the output mean, or one unit). */
  mean: number;
  /** What eval mode gives for the same quantity. */
  evalValue: number;
  /** Standard deviation of the quantity over the passes. */
  std: number;
  /** What the quantity is, e.g. "the mean output" or "unit 3". Default "the mean output". */
  quantity?: string;
}

function plural(count: string, noun: string): string {
  return `${count} ${noun}${count === '1' ? '' : 's'}`;
}

/** One sentence on what the MC dropout spread means, with the user's numbers. */
export function mcDropoutNote(input: McDropoutInput): string {
  const { trials, mean, evalValue, std } = input;
  const quantity = input.quantity ?? 'the mean output';
  if (trials < 2) return 'MC dropout (Gal & Ghahramani 2016) needs at least two stochastic passes to show a spread.';
  const se = std / Math.sqrt(trials);
  const agreement =
    se > 0 ? plural(num(Math.abs(mean - evalValue) / se, 2), 'standard error') + ' apart' : mean === evalValue ? 'identical' : 'different';
  return (
    `MC dropout (Gal & Ghahramani 2016) leaves dropout on at inference and averages T stochastic passes: over ${count(trials)} passes ` +
    `${quantity} averaged ${num(mean)} against ${num(evalValue)} from eval mode (${agreement}), and single passes spread ±${num(std)} around it. ` +
    'Read that spread as a rough uncertainty signal: it grows with p and with the size of the inputs, and it is not a calibrated probability.'
  );
}
