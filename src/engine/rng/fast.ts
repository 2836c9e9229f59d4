// The "fast" convention: the four-lane xoshiro128** stream of xoshiro128.ts,
// one 32-bit word per mask element (element i of a draw takes word i of the
// draw's blocks), kept = (word >>> 1) < ceil(keep * 2^31), so keep is
// resolved to 2^-31. Thresholding one uniform per element keeps the nesting
// property: with a fixed seed, the kept set at a larger p is a subset of the
// kept set at a smaller p. Multiplicative like torch: a dropped NaN or
// infinity gives NaN, a dropped negative -0.
//
// Float32 dropout runs as WebAssembly SIMD where it can (fastSimd.ts); the
// loops below compute the same masks and outputs in JavaScript (the sums may
// differ in the last bits, being added in another order). Hot-loop habits for
// V8: words refilled by a top-level function into a module-level buffer,
// int32 arithmetic, the output factor from a 2-entry table, one loop per dtype.
import type { DType, MaskSource, Seed } from '../types';
import { Slot } from '../kernels';
import { addCompensated } from '../sum';
import { fastSimdAvailable, fastSimdDropoutF32 } from './fastSimd';
import type { FusedMaskSource } from './fused';
import { xoshiroBlocks, xoshiroStateFromSeed } from './xoshiro128';

const TWO_31 = 2147483648;
/** Elements per refill of WORDS and per compensated partial sum (a multiple of 4). */
const CHUNK = 256;
const WORDS = new Int32Array(CHUNK);

/** The int32 limit for (word >>> 1), and 1 when keep rounds to "always kept". */
export function fastLimit(keep: number): { limit: number; always: number } {
  const c = Math.ceil(keep * TWO_31);
  return c >= TWO_31 ? { limit: 0x7fffffff, always: 1 } : { limit: c | 0, always: 0 };
}

/** Writes mask[0..n), continuing the stream held in `state`. */
export function fastBernoulli(state: Int32Array, mask: Uint8Array, keep: number): void {
  const { limit, always } = fastLimit(keep);
  const words = WORDS;
  const n = mask.length;
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    xoshiroBlocks(state, words, (count + 3) >> 2);
    for (let j = 0; j < count; j++) mask[start + j] = ((((words[j] >>> 1) - limit) >> 31) & 1) | always;
  }
}

/**
 * Fused dropout on float32: the draws of fastBernoulli, out = f32(x * table[m]),
 * sums into acc slots Out, Unscaled, X and X2 (see Slot). Returns the kept count.
 * SIMD where available, else fastDropoutF32Js.
 */
export function fastDropoutF32(
  state: Int32Array,
  x: Float32Array,
  out: Float32Array,
  mask: Uint8Array,
  keep: number,
  table: Float64Array,
  acc: Float64Array,
): number {
  if (!fastSimdAvailable()) return fastDropoutF32Js(state, x, out, mask, keep, table, acc);
  // SIMD takes whole groups of 16 elements (four blocks); the rest, under four
  // blocks, continues the same stream in JavaScript.
  const n = x.length;
  const full = n - (n % 16);
  const { limit, always } = fastLimit(keep);
  let kept = 0;
  if (full > 0) {
    kept = fastSimdDropoutF32(
      state,
      x.subarray(0, full),
      out.subarray(0, full),
      mask.subarray(0, full),
      always ? 0x80000000 : limit,
      table[1],
      acc,
    );
  }
  if (full < n) {
    kept += fastDropoutF32Js(state, x.subarray(full), out.subarray(full), mask.subarray(full), keep, table, acc);
  }
  return kept;
}

/** fastDropoutF32 in JavaScript. */
export function fastDropoutF32Js(
  state: Int32Array,
  x: Float32Array,
  out: Float32Array,
  mask: Uint8Array,
  keep: number,
  table: Float64Array,
  acc: Float64Array,
): number {
  const { limit, always } = fastLimit(keep);
  const words = WORDS;
  const n = x.length;
  let kept = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    xoshiroBlocks(state, words, (count + 3) >> 2);
    let so = 0;
    let su = 0;
    let sx = 0;
    let sq = 0;
    for (let j = 0; j < count; j++) {
      const i = start + j;
      const m = ((((words[j] >>> 1) - limit) >> 31) & 1) | always;
      mask[i] = m;
      const v = x[i];
      const y = Math.fround(v * table[m]);
      out[i] = y;
      so += y;
      su += v * m;
      sx += v;
      sq += v * v;
      kept += m;
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
    addCompensated(acc, Slot.X, sx);
    addCompensated(acc, Slot.X2, sq);
  }
  return kept;
}

/** fastDropoutF32 for float64: out = x * table[m]. */
export function fastDropoutF64(
  state: Int32Array,
  x: Float64Array,
  out: Float64Array,
  mask: Uint8Array,
  keep: number,
  table: Float64Array,
  acc: Float64Array,
): number {
  const { limit, always } = fastLimit(keep);
  const words = WORDS;
  const n = x.length;
  let kept = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    xoshiroBlocks(state, words, (count + 3) >> 2);
    let so = 0;
    let su = 0;
    let sx = 0;
    let sq = 0;
    for (let j = 0; j < count; j++) {
      const i = start + j;
      const m = ((((words[j] >>> 1) - limit) >> 31) & 1) | always;
      mask[i] = m;
      const v = x[i];
      const y = v * table[m];
      out[i] = y;
      so += y;
      su += v * m;
      sx += v;
      sq += v * v;
      kept += m;
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
    addCompensated(acc, Slot.X, sx);
    addCompensated(acc, Slot.X2, sq);
  }
  return kept;
}

/**
 * Standard normals by Box–Muller, one block per pair: u1 from words 0-1 and
 * u2 from words 2-3, 53 bits each. Not bit-exact with any framework.
 */
export function fastNormals(state: Int32Array, out: Float64Array): void {
  const words = WORDS;
  const n = out.length;
  for (let start = 0; start < n; start += CHUNK / 2) {
    const count = Math.min(CHUNK / 2, n - start);
    const pairs = (count + 1) >> 1;
    xoshiroBlocks(state, words, pairs);
    for (let q = 0; q < pairs; q++) {
      const w = 4 * q;
      const u1 = ((words[w] >>> 5) * 67108864 + (words[w + 1] >>> 6)) / 9007199254740992;
      const u2 = ((words[w + 2] >>> 5) * 67108864 + (words[w + 3] >>> 6)) / 9007199254740992;
      const r = Math.sqrt(-2 * Math.log(1 - u1));
      const i = start + 2 * q;
      out[i] = r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
  }
}

export class FastSource implements MaskSource, FusedMaskSource {
  readonly state: Int32Array;

  constructor(seed: Seed) {
    this.state = xoshiroStateFromSeed(seed);
  }

  fillKeepMask(mask: Uint8Array, keep: number, _dtype: DType): void {
    fastBernoulli(this.state, mask, keep);
  }

  dropoutMultiply(
    x: Float32Array | Float64Array,
    out: Float32Array | Float64Array,
    mask: Uint8Array,
    keep: number,
    table: Float64Array,
    acc: Float64Array,
  ): number {
    return x instanceof Float32Array
      ? fastDropoutF32(this.state, x, out as Float32Array, mask, keep, table, acc)
      : fastDropoutF64(this.state, x as Float64Array, out as Float64Array, mask, keep, table, acc);
  }

  fillStandardNormal(out: Float64Array): void {
    fastNormals(this.state, out);
  }
}

export function createFastSource(seed: Seed): FastSource {
  return new FastSource(seed);
}
