// The outputs that need no draw: p = 0, p = 1 and eval mode.
import type { DType, RngKind } from './types';
import { BLOCK } from './kernels';
import { addCompensated, compensatedValue, createAccumulators } from './sum';

export function allocateLike(dtype: DType, n: number): Float32Array | Float64Array {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/**
 * Train output at p = 1: x * 0 for the multiplying conventions (NaN/Inf -> NaN,
 * negative -> -0.0, as torch's input * zeros), +0 everywhere for jax.
 */
export function allDroppedOutput(x: Float32Array | Float64Array, rng: RngKind, dtype: DType): Float32Array | Float64Array {
  const out = allocateLike(dtype, x.length);
  if (rng !== 'jax') for (let i = 0; i < x.length; i++) out[i] = x[i] * 0;
  return out;
}

/** Eval output: the input itself (copied) or, for classic dropout, x * factor rounded to the dtype. */
export function evalOutput(x: Float32Array | Float64Array, factor: number | null, dtype: DType): Float32Array | Float64Array {
  if (factor === null) return x.slice();
  const out = allocateLike(dtype, x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] * factor;
  return out;
}

/** evalOutputSum's bank holds one accumulator. */
const EVAL_SUM = 0;

/** The compensated sum of evalOutput's values, without building it. */
export function evalOutputSum(x: Float32Array | Float64Array, factor: number | null, dtype: DType): number {
  const acc = createAccumulators(EVAL_SUM + 1);
  const f32 = dtype === 'float32';
  const n = x.length;
  for (let b = 0; b < n; b += BLOCK) {
    const stop = Math.min(n, b + BLOCK);
    let s = 0;
    if (factor === null) for (let i = b; i < stop; i++) s += x[i];
    else if (f32) for (let i = b; i < stop; i++) s += Math.fround(x[i] * factor);
    else for (let i = b; i < stop; i++) s += x[i] * factor;
    addCompensated(acc, EVAL_SUM, s);
  }
  return compensatedValue(acc, EVAL_SUM);
}
