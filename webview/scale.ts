// The train-mode factor for kept values, from the settings alone. The host
// sends the exact factor (as the convention rounds it) with every result; this
// is for the moments with no result (nothing selected, a parse error), so the
// readout can still show p, keep and the scale together. Pure, float64.
import type { Variant } from '../src/engine/types';

/** SELU's negative saturation, −λα, as torch's AlphaDropout uses it. */
const ALPHA_PRIME = -1.7580993408473766;

export function nominalTrainScale(variant: Variant, p: number): number {
  if (!(p >= 0 && p < 1)) return 1; // p = 1 keeps nothing: there is nothing to scale
  switch (variant) {
    case 'inverted':
      return 1 / (1 - p);
    case 'alpha':
      return 1 / Math.sqrt((ALPHA_PRIME * ALPHA_PRIME * p + 1) * (1 - p));
    case 'classic':
    case 'unscaled':
    case 'gaussian':
      return 1;
  }
}
