// Compensated (Neumaier) summation over partial sums. Hot loops add plainly
// within short blocks and hand each block's partial sum to an accumulator, so
// a mean of 10^7 values keeps about 13 significant digits without paying for
// compensation on every element. NaN and infinities propagate as in a plain sum.

/** A bank of compensated accumulators: slot k holds [sum, compensation] at 2k, 2k + 1. */
export function createAccumulators(count: number): Float64Array {
  return new Float64Array(2 * count);
}

export function addCompensated(acc: Float64Array, slot: number, value: number): void {
  const k = 2 * slot;
  const s = acc[k];
  const t = s + value;
  if (Math.abs(s) >= Math.abs(value)) acc[k + 1] += s - t + value;
  else acc[k + 1] += value - t + s;
  acc[k] = t;
}

export function compensatedValue(acc: Float64Array, slot: number): number {
  const s = acc[2 * slot];
  // Once the sum is NaN or infinite the compensation is meaningless (Inf - Inf).
  return Number.isFinite(s) ? s + acc[2 * slot + 1] : s;
}

/** Compensated sum of a whole array (used off the hot paths). */
export function compensatedSum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = s + v;
    if (Math.abs(s) >= Math.abs(v)) c += s - t + v;
    else c += v - t + s;
    s = t;
  }
  return Number.isFinite(s) ? s + c : s;
}
