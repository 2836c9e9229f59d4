// The variance shift: dropout placed before a normalisation layer (BatchNorm)
// changes the VARIANCE of a unit between train and eval even when it keeps the
// mean, so the running variance BatchNorm learned in training is wrong at
// inference (Li et al. 2019, "Understanding the Disharmony between Dropout and
// Batch Normalization by Variance Shift"). Closed forms, pure.
//
// A unit's train output is y = m·(A·x + B) + (1 − m)·D with m ~ Bernoulli(keep)
// independent of x; its eval output is E·x. Then
//   E[y]  = keep·(A·E[x] + B) + p·D
//   E[y²] = keep·(A²·E[x²] + 2AB·E[x] + B²) + p·D²
// For inverted dropout (A = 1/keep, B = D = 0): E[y] = E[x], E[y²] = E[x²]/keep, so
//   Var_train = E[x²]/keep − E[x]²   vs   Var_eval = E[x²] − E[x]².
// Gaussian dropout y = x·(1 + σz), σ² = p/keep, gives the same E[y²] = E[x²]/keep.
import { ALPHA, alphaA } from '../../shared/catalogue';
import type { Tensor, Variant } from '../../engine/types';
import { num } from './numberText';
import { plainMoments } from './moments';
import { InputFigures } from './inputFigures';
import type { UnitVarianceShift } from '../../shared/viewModel';

export interface VarianceShift {
  variant: Variant;
  p: number;
  /** 'columns': a [rows, cols] tensor, each column a unit seen across rows; 'overall': all elements pooled as one unit. */
  scope: 'columns' | 'overall';
  units: UnitVarianceShift[];
  /** Every element pooled as samples of one unit. */
  pooled: UnitVarianceShift;
  note: string;
}

interface Affine {
  A: number;
  B: number;
  D: number;
  evalFactor: number;
}

function affineOf(variant: Variant, p: number): Affine | 'gaussian' {
  const keep = 1 - p;
  switch (variant) {
    case 'inverted':
      // p = 1: every framework outputs x·0 (or zeros): a kept branch never happens.
      return { A: keep > 0 ? 1 / keep : 0, B: 0, D: 0, evalFactor: 1 };
    case 'classic':
      return { A: 1, B: 0, D: 0, evalFactor: keep };
    case 'unscaled':
      return { A: 1, B: 0, D: 0, evalFactor: 1 };
    case 'alpha': {
      if (keep === 0) return { A: 0, B: 0, D: 0, evalFactor: 1 };
      const a = alphaA(p);
      return { A: a, B: ALPHA * a * p, D: -ALPHA * a * keep, evalFactor: 1 };
    }
    case 'gaussian':
      if (p >= 1) throw new Error('The gaussian variant is undefined at p = 1.');
      return 'gaussian';
    default:
      throw new Error(`Unknown dropout variant ${JSON.stringify(variant)}.`);
  }
}

function ratioOf(train: number, evalVar: number): number {
  if (evalVar === 0) return train === 0 ? NaN : Infinity;
  return train / evalVar;
}

/** The train and eval moments of one unit whose samples have E[x] = m1, E[x²] = m2. */
export function unitVarianceShift(variant: Variant, p: number, m1: number, m2: number, samples = 0, index = -1): UnitVarianceShift {
  const keep = 1 - p;
  const rule = affineOf(variant, p);
  let trainMean: number;
  let trainSquare: number;
  let evalFactor = 1;
  if (rule === 'gaussian') {
    trainMean = m1;
    trainSquare = m2 * (1 + p / keep);
  } else {
    const { A, B, D } = rule;
    evalFactor = rule.evalFactor;
    trainMean = keep * (A * m1 + B) + p * D;
    trainSquare = keep * (A * A * m2 + 2 * A * B * m1 + B * B) + p * D * D;
  }
  // Clamp the rounding residue of E[y²] − E[y]² at zero.
  const trainVariance = Math.max(0, trainSquare - trainMean * trainMean);
  const evalMean = evalFactor * m1;
  const evalVariance = Math.max(0, evalFactor * evalFactor * (m2 - m1 * m1));
  return {
    index,
    samples,
    meanX: m1,
    meanSquareX: m2,
    trainMean,
    trainVariance,
    evalMean,
    evalVariance,
    ratio: ratioOf(trainVariance, evalVariance),
  };
}

/**
 * Train vs eval variance of each unit. A [rows, cols] tensor with at least two
 * rows is read as a batch: each column is a unit. Anything else is pooled.
 */
export function varianceShift(x: Tensor, p: number, variant: Variant = 'inverted'): VarianceShift {
  const { pooled, note } = pooledVarianceShift(x, p, variant);
  const columns = x.shape.length === 2 && x.shape[0] >= 2;
  const units: UnitVarianceShift[] = [];
  if (columns) {
    const [rows, cols] = x.shape;
    for (let c = 0; c < cols; c++) {
      const m = plainMoments(x.data, c, cols, rows);
      units.push(unitVarianceShift(variant, p, m.m1, m.m2, rows, c));
    }
  } else {
    units.push(pooled);
  }
  return { variant, p, scope: columns ? 'columns' : 'overall', units, pooled, note };
}

/**
 * Every element pooled as samples of one unit, and the note on it: what the
 * panel shows, without the per-unit figures (a pass over every column).
 */
export function pooledVarianceShift(x: Tensor, p: number, variant: Variant, kept?: InputFigures): Pick<VarianceShift, 'pooled' | 'note'> {
  const n = x.data.length;
  if (n === 0) throw new Error('The tensor is empty: there is no variance to compare.');
  const all = InputFigures.of(x.data, kept).moments;
  const pooled = unitVarianceShift(variant, p, all.m1, all.m2, n);
  return { pooled, note: varianceNote(pooled, p, variant) };
}

function varianceNote(u: UnitVarianceShift, p: number, variant: Variant): string {
  const head =
    `In training the units vary with variance ${num(u.trainVariance)}; at inference ${num(u.evalVariance)}` +
    (Number.isFinite(u.ratio) ? ` (${num(u.ratio, 3)}× as much in training).` : '.');
  const why =
    variant === 'inverted' || variant === 'gaussian'
      ? ` The mean matches (${num(u.trainMean)} vs ${num(u.evalMean)}), but E[y²] = E[x²]/(1 − p) = ${num(u.meanSquareX)}/${num(1 - p)} in training, E[x²] at eval.`
      : '';
  return (
    head +
    why +
    ' A BatchNorm after dropout keeps the training variance as its running statistic, so at inference it normalises with the wrong scale; put dropout after the last BatchNorm, or re-estimate the statistics in eval mode.'
  );
}
