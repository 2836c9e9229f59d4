// Runs fastSimd.wat's fused float32 loop over a tensor of any size, a chunk
// at a time through the module's own memory. The module is compiled once, on
// first use; where WebAssembly or its SIMD is unavailable (or a content
// security policy forbids compiling it) this reports "unavailable" and the
// JavaScript loops in fast.ts, which compute the same numbers, run instead.
import { Slot } from '../kernels';
import { addCompensated } from '../sum';
import { FAST_SIMD_WASM_HEX } from './fastSimdBytes';
import { instantiateHex } from './wasm';

/** Elements per kernel call (fastSimd.wat's layout). */
const CHUNK = 16384;
/** Elements per partial sum handed to the compensated accumulators, as in fast.ts's JavaScript loops. */
const SUM_BLOCK = 4096;
const SUMS_F64 = 64 >> 3;
const X_BYTE = 512;
const OUT_BYTE = X_BYTE + 4 * CHUNK;
const MASK_BYTE = OUT_BYTE + 4 * CHUNK;

interface Kernel {
  run: (n16: number, limit: number, scale: number, sumOut: number) => number;
  f32: Float32Array;
  i32: Int32Array;
  u8: Uint8Array;
  f64: Float64Array;
}

let kernel: Kernel | null | undefined;

function loadKernel(): Kernel | null {
  const module = instantiateHex(FAST_SIMD_WASM_HEX);
  if (module === null) return null;
  const { buffer } = module;
  return {
    run: module.exports.dropoutF32 as Kernel['run'],
    f32: new Float32Array(buffer),
    i32: new Int32Array(buffer),
    u8: new Uint8Array(buffer),
    f64: new Float64Array(buffer),
  };
}

/** Whether the SIMD loop can run here (compiled once, then cached). */
export function fastSimdAvailable(): boolean {
  if (kernel === undefined) kernel = loadKernel();
  return kernel !== null;
}

/**
 * When scale is 2^k (k >= 0), out = (x * m) * 2^k is exact unless it overflows,
 * so every partial sum of the output is 2^k times the same partial sum of
 * x * m, to the bit. Returns the bound on a block's sum of x^2 under which no
 * |x| reaches 2^(127 - k) (a float sum of squares is at least each square), or
 * -1 when scale is not such a power.
 */
function exactScaleBound(scale: number): number {
  if (!(scale >= 1 && scale < 2 ** 126)) return -1;
  const k = Math.round(Math.log2(scale));
  return scale === 2 ** k ? 2 ** (254 - 2 * k) : -1;
}

/**
 * A block's sum of the output as the kernel adds it (lane 0 takes elements
 * 4v and 4v + 2, lane 1 elements 4v + 1 and 4v + 3, then lane 0 + lane 1),
 * for blocks whose output sum the kernel skipped but cannot be derived.
 */
function blockOutputSum(out: Float32Array, from: number, to: number): number {
  let l0 = 0;
  let l1 = 0;
  for (let i = from; i < to; i += 4) {
    l0 += out[i] + out[i + 2];
    l1 += out[i + 1] + out[i + 3];
  }
  return l0 + l1;
}

/**
 * The fused float32 dropout of fast.ts on the SIMD kernel, for a length that
 * is a multiple of 16: same draws, same mask and output; sums added per 4096
 * elements into acc slots Out, Unscaled, X and X2. `limit` is compared
 * unsigned with word >>> 1 (2^31 keeps all). Returns the kept count. Call only
 * when fastSimdAvailable().
 */
export function fastSimdDropoutF32(
  state: Int32Array,
  x: Float32Array,
  out: Float32Array,
  mask: Uint8Array,
  limit: number,
  scale: number,
  acc: Float64Array,
): number {
  const k = kernel!;
  const { f32, u8, f64 } = k;
  const n = x.length;
  if (n % 16 !== 0) throw new Error('fastSimdDropoutF32 needs a multiple of 16 elements.');
  const bound = exactScaleBound(scale);
  const sumOut = bound < 0 ? 1 : 0;
  k.i32.set(state, 0);
  let kept = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    f32.set(x.subarray(start, start + count), X_BYTE >> 2);
    kept += k.run(count >> 4, limit | 0, scale, sumOut);
    out.set(f32.subarray(OUT_BYTE >> 2, (OUT_BYTE >> 2) + count), start);
    mask.set(u8.subarray(MASK_BYTE, MASK_BYTE + count), start);
    for (let b = 0, at = SUMS_F64; b < count; b += SUM_BLOCK, at += 8) {
      const unscaled = f64[at + 2] + f64[at + 3];
      const squares = f64[at + 6] + f64[at + 7];
      let output: number;
      if (sumOut) output = f64[at] + f64[at + 1];
      else if (squares < bound) output = scale * unscaled;
      else output = blockOutputSum(out, start + b, start + Math.min(count, b + SUM_BLOCK));
      addCompensated(acc, Slot.Out, output);
      addCompensated(acc, Slot.Unscaled, unscaled);
      addCompensated(acc, Slot.X, f64[at + 4] + f64[at + 5]);
      addCompensated(acc, Slot.X2, squares);
    }
  }
  state.set(k.i32.subarray(0, 16));
  return kept;
}
