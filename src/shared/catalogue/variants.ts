// The dropout variants: what each is called and does, and the constants the panel's text needs. The
// constants themselves are the engine's (it computes with them); they are handed on from here, never
// written again.
import { alphaA } from '../../engine/rules';
import type { Variant } from '../../engine/types';
import type { CatalogueEntry } from './entry';

export { ALPHA, alphaA } from '../../engine/rules';

/** label: a short name; detail: what it does in training and at eval. */
export type VariantEntry = CatalogueEntry;

/** In the order the panel and the picker offer them. */
export const VARIANTS: readonly Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];

export const VARIANT_INFO: Record<Variant, VariantEntry> = {
  inverted: { label: 'Inverted', detail: 'Scale kept units by 1/(1 − p) in training (PyTorch, Keras, Flax)' },
  classic: { label: 'Classic (Srivastava)', detail: 'No training scale; multiply by 1 − p at eval (Srivastava et al. 2014)' },
  unscaled: { label: 'Unscaled (the mistake)', detail: 'No scale in training or at eval' },
  alpha: { label: 'Alpha (SELU)', detail: 'Keeps mean and variance for SELU networks (torch AlphaDropout)' },
  gaussian: { label: 'Gaussian (Keras)', detail: 'Multiply by noise from N(1, p/(1 − p)) (Keras GaussianDropout)' },
};

/**
 * The train-mode factor for kept values from the settings alone, in float64 (the engine's result
 * carries the factor as the convention rounds it): for the moments with no result, so the panel can
 * still show p, keep and the scale together.
 */
export function nominalTrainScale(variant: Variant, p: number): number {
  if (!(p >= 0 && p < 1)) return 1; // p = 1 keeps nothing: there is nothing to scale
  switch (variant) {
    case 'inverted':
      return 1 / (1 - p);
    case 'alpha':
      return alphaA(p);
    case 'classic':
    case 'unscaled':
    case 'gaussian':
      return 1;
  }
}
