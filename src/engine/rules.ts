// What each convention and variant does to a kept and to a dropped element,
// with the scalars rounded as the frameworks round them.
//
// Per convention, dropped values: torch, numpy and fast MULTIPLY by the mask
// (a dropped NaN/±Inf becomes NaN, a dropped negative becomes -0.0); jax
// SELECTS (a dropped element is +0 whatever it held).
import type { DType, RngKind, Variant } from './types';

/**
 * torch's AlphaDropout constant, SELU's alpha times its scale: a dropped unit
 * becomes alpha' = -ALPHA (SELU's negative saturation) before the affine map
 * a * y + b. Defined here once: the layers above take it, and alphaA, from
 * the engine's index.
 */
export const ALPHA = 1.7580993408473766;

export const enum KeptKind {
  /** kept = round(x * factor). */
  Scale = 0,
  /** kept = round(x / factor): NumPy's true division by keep. */
  Divide = 1,
  /** kept = round(round(x * factor) + offset): torch's AlphaDropout. */
  Affine = 2,
}

export interface TrainRule {
  kind: KeptKind;
  factor: number;
  offset: number;
  /** jax: a dropped element is exactly droppedValue; otherwise x*0 + droppedValue (x*0 alone when droppedValue is 0). */
  select: boolean;
  droppedValue: number;
}

export function roundTo(dtype: DType, v: number): number {
  return dtype === 'float32' ? Math.fround(v) : v;
}

/** The inverted-dropout scale as torch/jax/fast compute it: float32 f32(1/f32(keep)), float64 1/keep. */
export function invertedScale(keep: number, dtype: DType): number {
  return dtype === 'float32' ? Math.fround(1 / Math.fround(keep)) : 1 / keep;
}

/** AlphaDropout's a = 1/sqrt((alpha'^2 p + 1)(1 - p)), in double as torch computes it. */
export function alphaA(p: number): number {
  return 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
}

/** The train-mode rule for 0 < p < 1 (gaussian has no mask rule; see gaussianSigma). */
export function trainRule(rng: RngKind, variant: Variant, p: number, dtype: DType): TrainRule {
  const keep = 1 - p;
  const select = rng === 'jax';
  switch (variant) {
    case 'inverted':
      if (rng === 'numpy') {
        // x * mask / keep: f32(f32(x * m) / f32(keep)); x * m is exact.
        return { kind: KeptKind.Divide, factor: roundTo(dtype, keep), offset: 0, select, droppedValue: 0 };
      }
      return { kind: KeptKind.Scale, factor: invertedScale(keep, dtype), offset: 0, select, droppedValue: 0 };
    case 'classic':
    case 'unscaled':
      return { kind: KeptKind.Scale, factor: 1, offset: 0, select, droppedValue: 0 };
    case 'alpha': {
      // torch: b = (m - 1) * f(alpha*a) + f(alpha*a*p); noise = m * f(a); out = x * noise + b.
      const a = alphaA(p);
      const offset = roundTo(dtype, ALPHA * a * p);
      const droppedValue = roundTo(dtype, -roundTo(dtype, ALPHA * a) + offset);
      return { kind: KeptKind.Affine, factor: roundTo(dtype, a), offset, select, droppedValue };
    }
    case 'gaussian':
      throw new Error('The gaussian variant has no mask rule.');
    default:
      throw new Error(`Unknown dropout variant ${JSON.stringify(variant)}.`);
  }
}

/**
 * The closed-form view of a rule: the train output of element i is
 * d_i + m_i * (coefA * x_i + coefB), where d_i = droppedValue (+ x_i*0 when multiplying).
 */
export function ruleCoefficients(rule: TrainRule): { coefA: number; coefB: number } {
  switch (rule.kind) {
    case KeptKind.Scale:
      return { coefA: rule.factor, coefB: 0 };
    case KeptKind.Divide:
      return { coefA: 1 / rule.factor, coefB: 0 };
    case KeptKind.Affine:
      return { coefA: rule.factor, coefB: rule.offset - rule.droppedValue };
  }
}

/** Keras GaussianDropout's sigma = sqrt(p / (1 - p)); p = 1 has no finite sigma. */
export function gaussianSigma(p: number): number {
  if (p >= 1) throw new Error('The gaussian variant is undefined at p = 1 (sigma = sqrt(p/(1-p)) is infinite); use p < 1.');
  return Math.sqrt(p / (1 - p));
}

/** The eval-mode factor: classic scales by keep (rounded to the dtype); the others return the input. */
export function evalFactor(variant: Variant, p: number, dtype: DType): number | null {
  return variant === 'classic' ? roundTo(dtype, 1 - p) : null;
}
