// The classic dropout mistakes, each run on the user's own tensor, p, seed and
// random convention: what the buggy code outputs next to what the correct code
// outputs, and how far apart they are. Pure (the engine is pure too).
import { dropout } from '../../engine';
import type { DropoutStats, RngKind, Seed, Tensor } from '../../engine/types';
import { compareOutputs } from './errorFigures';
import { num, percent } from './numberText';
import { sumOfSquares } from './moments';

import { MISTAKE_IDS, type MistakeId, MISTAKES } from '../../shared/catalogue';
import type { Mistake, MistakeFigures } from '../../shared/viewModel';
// The sixth lesson, dropout before BatchNorm, is about variance rather than a bug in one line: its own module.
export { varianceShift, unitVarianceShift, type VarianceShift } from './varianceShift';
export { type UnitVarianceShift } from '../../shared/viewModel';

/** Everything a mistake needs from the playground: the user's numbers and draw settings. */
export interface MistakeContext {
  x: Tensor;
  /** DROP probability as the playground holds it. */
  p: number;
  seed: Seed;
  rng: RngKind;
  broadcastDims?: number[];
}

function toFloat64(x: Tensor): Float64Array {
  return Float64Array.from(x.data);
}

function scaled(x: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] * factor;
  return out;
}

function trainDraw(ctx: MistakeContext, p: number): { output: Float64Array; stats: DropoutStats } {
  const r = dropout(ctx.x, { p, mode: 'train', seed: ctx.seed, rng: ctx.rng, variant: 'inverted', broadcastDims: ctx.broadcastDims });
  return { output: Float64Array.from(r.output), stats: r.stats };
}

/** Mean of |xᵢ| (the expected per-unit error of a stray train draw is 2p times this). */
function meanAbs(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s / x.length;
}

function dropoutLeftOn(ctx: MistakeContext, x: Float64Array): { figures: MistakeFigures; stats: DropoutStats } {
  const { output, stats } = trainDraw(ctx, ctx.p);
  const figures: MistakeFigures = {
    stage: 'inference',
    ...compareOutputs(output, x),
    rows: [
      { name: 'keptFraction', label: 'Fraction of units kept', buggy: stats.keptFraction, correct: 1 },
      // Each unit is either zeroed (error |x|, probability p) or scaled by 1/keep
      // (error |x|·p/keep, probability keep): E|error| = 2p·|x|.
      { name: 'expectedMeanAbsError', label: 'Expected error per unit, any seed', buggy: 2 * ctx.p * meanAbs(x), correct: 0 },
      { name: 'meanStd', label: 'Std of the output mean across runs', buggy: stats.trainMeanStd, correct: 0 },
    ],
  };
  return { figures, stats };
}

function forgotEval(ctx: MistakeContext, x: Float64Array): Mistake {
  const { figures, stats } = dropoutLeftOn(ctx, x);
  return {
    id: 'forgotEval',
    title: MISTAKES.forgotEval.label,
    oneLine: 'y = model(x)  # forgot model.eval()',
    explanation:
      `nn.Dropout is still in training mode, so inference draws a fresh mask: ${percent(1 - stats.keptFraction)} of the units ` +
      `are zeroed and the rest multiplied by 1/(1 − p) = ${num(1 / (1 - ctx.p))}. The mean is right only on average ` +
      `(here ${num(figures.buggyMean)} vs ${num(figures.correctMean)}); each unit is off by ${num(figures.meanAbsError)} on average, ` +
      'and the prediction changes from run to run.',
    fix: 'Call model.eval() before inference (and model.train() before training again); wrap inference in torch.no_grad().',
    figures,
  };
}

function functionalTraining(ctx: MistakeContext, x: Float64Array): Mistake {
  const { figures } = dropoutLeftOn(ctx, x);
  return {
    id: 'functionalTraining',
    title: MISTAKES.functionalTraining.label,
    oneLine: 'x = F.dropout(x, p)  # inside forward()',
    explanation:
      'F.dropout defaults to training=True and does not know about model.eval(): the module-level switch only reaches ' +
      `nn.Dropout modules. So even after model.eval() this line keeps dropping (${percent(1 - figures.rows[0].buggy)} here) ` +
      `and scaling; the output mean is ${num(figures.buggyMean)} instead of ${num(figures.correctMean)}.`,
    fix: 'Write F.dropout(x, p, training=self.training), or use an nn.Dropout(p) module.',
    figures,
  };
}

function scaledTwice(ctx: MistakeContext, x: Float64Array): Mistake {
  const keep = 1 - ctx.p;
  const figures: MistakeFigures = {
    stage: 'inference',
    ...compareOutputs(scaled(x, keep), x),
    rows: [{ name: 'evalScale', label: 'Eval multiplies the input by', buggy: keep, correct: 1 }],
  };
  return {
    id: 'scaledTwice',
    title: MISTAKES.scaledTwice.label,
    oneLine: 'y = model(x) * (1 - p)  # on top of nn.Dropout',
    explanation:
      `nn.Dropout already divides the kept values by 1 − p = ${num(keep)} during training, so eval needs no correction. ` +
      `Multiplying by 1 − p at test time as well shrinks every output to ${percent(keep)} of what the next layer was trained on: ` +
      `mean ${num(figures.buggyMean)} instead of ${num(figures.correctMean)} (${percent(figures.relativeMeanError)}).`,
    fix: 'Scale in one place only: inverted dropout (training) or classic dropout (test time), never both.',
    figures,
  };
}

function noTestScaling(ctx: MistakeContext, x: Float64Array): Mistake {
  const keep = 1 - ctx.p;
  const { stats } = trainDraw(ctx, ctx.p);
  // The network was trained on x·m, whose expectation is keep·x: that is what
  // inference should reproduce (classic dropout scales by keep at test time).
  const figures: MistakeFigures = {
    stage: 'inference',
    ...compareOutputs(x, scaled(x, keep)),
    rows: [
      { name: 'trainMean', label: 'Train mean, this draw (no scaling)', buggy: stats.trainMeanUnscaled, correct: stats.trainMeanUnscaled },
      { name: 'expectedTrainMean', label: 'Train mean, on average', buggy: keep * stats.evalMean, correct: keep * stats.evalMean },
      { name: 'evalScale', label: 'Eval multiplies the input by', buggy: 1, correct: keep },
    ],
  };
  return {
    id: 'noTestScaling',
    title: MISTAKES.noTestScaling.label,
    oneLine: 'y = x * mask  # training; at test time: y = x',
    explanation:
      `In training the next layer sees only the kept ${percent(keep)}: a mean of ${num(stats.trainMeanUnscaled)} on this draw, ` +
      `${num(keep * stats.evalMean)} on average. At inference nothing is dropped and nothing is scaled, so it suddenly sees ` +
      `${num(figures.buggyMean)}: ${percent(figures.relativeMeanError)} more than it was trained on.`,
    fix: `Divide the kept values by 1 − p = ${num(keep)} in training (inverted dropout, what nn.Dropout does), or multiply by 1 − p at test time (classic dropout).`,
    figures,
  };
}

function keepAsDrop(ctx: MistakeContext, x: Float64Array): Mistake {
  const p = ctx.p;
  // The author meant "keep p", i.e. drop 1 − p; the framework drops p.
  const buggy = trainDraw(ctx, p);
  const intended = trainDraw(ctx, 1 - p);
  const sumX2 = sumOfSquares(x);
  const n = x.length;
  // Var of the train mean with independent masks: Σxᵢ²·p/keep / n².
  const varMean = (drop: number) => (drop >= 1 ? 0 : (sumX2 * drop) / (1 - drop) / (n * n));
  const figures: MistakeFigures = {
    stage: 'training',
    ...compareOutputs(buggy.output, intended.output),
    rows: [
      { name: 'keep', label: 'Keep probability', buggy: 1 - p, correct: p },
      { name: 'keptFraction', label: 'Fraction kept, this draw', buggy: buggy.stats.keptFraction, correct: intended.stats.keptFraction },
      { name: 'scale', label: 'Kept values multiplied by', buggy: 1 / (1 - p), correct: 1 / p },
      { name: 'varianceFactor', label: 'Per-unit variance, × xᵢ²', buggy: p / (1 - p), correct: (1 - p) / p },
      { name: 'trainMeanVariance', label: 'Variance of the train mean (independent masks)', buggy: varMean(p), correct: varMean(1 - p) },
    ],
  };
  return {
    id: 'keepAsDrop',
    title: MISTAKES.keepAsDrop.label,
    oneLine: `nn.Dropout(${num(p)})  # meant: keep ${percent(p)}`,
    explanation:
      `PyTorch's p (Keras and Flax rate) is the probability to DROP; TF1's keep_prob and the original paper count what is kept. ` +
      `Meaning "keep ${percent(p)}" but writing p = ${num(p)} keeps ${percent(1 - p)} instead ` +
      `(${percent(buggy.stats.keptFraction)} on this draw vs ${percent(intended.stats.keptFraction)}), scales the kept values by ` +
      `${num(1 / (1 - p))} instead of ${num(1 / p)}, and changes the noise: per-unit variance xᵢ² × ${num(p / (1 - p))} instead of × ${num((1 - p) / p)}. ` +
      'Inference is the same either way, so nothing crashes: the regularisation is just not what was meant.',
    fix: `Write nn.Dropout(p=${num(1 - p)}) to keep ${percent(p)}: p = 1 − keep_prob.`,
    figures,
  };
}

/** One mistake, computed on the user's tensor. */
export function computeMistake(id: MistakeId, ctx: MistakeContext): Mistake {
  const x = toFloat64(ctx.x);
  if (x.length === 0) throw new Error('The tensor is empty: there is nothing to compare.');
  switch (id) {
    case 'forgotEval':
      return forgotEval(ctx, x);
    case 'functionalTraining':
      return functionalTraining(ctx, x);
    case 'scaledTwice':
      return scaledTwice(ctx, x);
    case 'noTestScaling':
      return noTestScaling(ctx, x);
    case 'keepAsDrop':
      return keepAsDrop(ctx, x);
    default: {
      const never: never = id;
      throw new Error(`Unknown mistake ${JSON.stringify(never)}.`);
    }
  }
}

/** All the mistakes, in teaching order. */
export function computeMistakes(ctx: MistakeContext): Mistake[] {
  return MISTAKE_IDS.map((id) => computeMistake(id, ctx));
}
