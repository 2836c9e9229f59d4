// The outputs that need no draw: p = 0, p = 1 and eval mode.
import type { DropoutBuffers, DType, RngKind, Tensor } from './types';
import { BLOCK } from './kernels';
import { addCompensated, compensatedValue, createAccumulators } from './sum';

export function allocateLike(dtype: DType, n: number): Float32Array | Float64Array {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** True when `offered` can hold the mask of n elements. */
function fitsMask(n: number, offered: Uint8Array | undefined): offered is Uint8Array {
  return offered instanceof Uint8Array && offered.length === n;
}

/**
 * True when `offered` can hold the output for x: x's length, `dtype`'s array
 * type, and none of x's memory (the loops read x while they write the output).
 */
function fitsOutput(
  x: Float32Array | Float64Array,
  dtype: DType,
  offered: Float32Array | Float64Array | undefined,
): offered is Float32Array | Float64Array {
  return (
    offered !== undefined &&
    offered.length === x.length &&
    (dtype === 'float32' ? offered instanceof Float32Array : offered instanceof Float64Array) &&
    offered.buffer !== x.buffer
  );
}

/** True when a draw of x would write into `buffers` (each absent one is allocated then), none replaced. */
export function buffersFit(x: Tensor, buffers: DropoutBuffers): boolean {
  return (
    (buffers.mask === undefined || fitsMask(x.data.length, buffers.mask)) &&
    (buffers.output === undefined || fitsOutput(x.data, x.dtype, buffers.output))
  );
}

/** `offered` when it is a mask of n elements, else a new one. */
export function maskBuffer(n: number, offered: Uint8Array | undefined): Uint8Array {
  return fitsMask(n, offered) ? offered : new Uint8Array(n);
}

/** `offered` when it can hold the output for x (see fitsOutput), else a new one. */
export function outputBuffer(
  x: Float32Array | Float64Array,
  dtype: DType,
  offered: Float32Array | Float64Array | undefined,
): Float32Array | Float64Array {
  return fitsOutput(x, dtype, offered) ? offered : allocateLike(dtype, x.length);
}

/**
 * Train output at p = 1, into `out`: x * 0 for the multiplying conventions
 * (NaN/Inf -> NaN, negative -> -0.0, as torch's input * zeros), +0 everywhere
 * for jax. Returns `out`.
 */
export function allDroppedOutput<T extends Float32Array | Float64Array>(x: Float32Array | Float64Array, rng: RngKind, out: T): T {
  if (rng === 'jax') out.fill(0);
  else for (let i = 0; i < x.length; i++) out[i] = x[i] * 0;
  return out;
}

/** Eval output into `out`: the input itself or, for classic dropout, x * factor rounded to the dtype. Returns `out`. */
export function evalOutput<T extends Float32Array | Float64Array>(x: Float32Array | Float64Array, factor: number | null, out: T): T {
  if (factor === null) out.set(x);
  else for (let i = 0; i < x.length; i++) out[i] = x[i] * factor;
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
