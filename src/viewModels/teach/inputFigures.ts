// Figures of the input values alone: their sums, the largest share one unit
// holds of the sum's variance, whether they are all equal. None depends on p,
// the seed, the convention or the mode, and on ten million values they cost
// more than the draw itself, so a panel redrawing the same input computes each
// once: it is computed when first asked for, then kept, and the sums a first
// view asks for are taken together in one pass. The values must not change
// while the figures are kept. Pure.
import { ALPHA } from '../../engine';
import type { Variant } from '../../engine/types';
import { inputSums, type InputSums } from './moments';

export class InputFigures {
  private sumsValue: InputSums | undefined;
  private alphaSumOfSquaresValue: number | undefined;
  private alphaSwingShareValue: number | undefined;
  private allEqualValue: boolean | undefined;

  constructor(readonly x: ArrayLike<number>) {}

  /** `kept` when they are the figures of `x` itself, else new ones: figures of other values are never used. */
  static of(x: ArrayLike<number>, kept: InputFigures | undefined): InputFigures {
    return kept?.x === x ? kept : new InputFigures(x);
  }

  /** Σ xᵢ, compensated. */
  get sum(): number {
    return this.sums.sum;
  }

  /** Σ xᵢ², compensated across blocks. */
  get sumOfSquares(): number {
    return this.sums.sumOfSquares;
  }

  /** The sums a first view asks for, taken together in one pass when the first of them is asked for. */
  private get sums(): InputSums {
    return (this.sumsValue ??= inputSums(this.x));
  }

  /** Σ (xᵢ + α)², plainly: what alpha dropout's variance sums. */
  get alphaSumOfSquares(): number {
    if (this.alphaSumOfSquaresValue === undefined) {
      const x = this.x;
      let s = 0;
      for (let i = 0; i < x.length; i++) s += (x[i] + ALPHA) * (x[i] + ALPHA);
      this.alphaSumOfSquaresValue = s;
    }
    return this.alphaSumOfSquaresValue;
  }

  /** elementSwingShare(x, variant): it differs only between alpha dropout and the rest. */
  swingShare(variant: Variant): number {
    if (variant !== 'alpha') {
      // elementSwingShare without a shift, from the same plain sum of squares.
      const { largestSquare, plainSumOfSquares } = this.sums;
      return plainSumOfSquares > 0 ? largestSquare / plainSumOfSquares : 0;
    }
    return (this.alphaSwingShareValue ??= elementSwingShare(this.x, variant));
  }

  /** Whether every value equals the first. */
  get allEqual(): boolean {
    return (this.allEqualValue ??= allEqual(this.x));
  }

  /** E[x] and E[x²] over every value, summed plainly (plainMoments). */
  get moments(): { m1: number; m2: number } {
    return this.sums.moments;
  }
}

/**
 * largestVarianceShare(groupSwings(x, p, variant)) when every unit is its own group, in one pass with no array of
 * n swings (on ten million units those arrays cost more than the draw itself). A unit's swing is a fixed multiple
 * of x (of x + ALPHA for alpha dropout), and a share does not change when every swing is scaled, so the
 * multiple is left out: the share is the same up to rounding in the last bits.
 */
export function elementSwingShare(x: ArrayLike<number>, variant: Variant): number {
  const shift = variant === 'alpha' ? ALPHA : 0;
  let sumSquares = 0;
  let largest = 0;
  for (let i = 0; i < x.length; i++) {
    const swing = x[i] + shift;
    const square = swing * swing;
    sumSquares += square;
    if (square > largest) largest = square;
  }
  return sumSquares > 0 ? largest / sumSquares : 0;
}

/** Whether every value equals the first (true for none or one). */
export function allEqual(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}
