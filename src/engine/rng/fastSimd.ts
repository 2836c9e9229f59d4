// Runs fastSimd.wat's fused float32 loop over a tensor of any size, a chunk
// at a time through the module's own memory. The module is compiled once, on
// first use; where WebAssembly or its SIMD is unavailable (or a content
// security policy forbids compiling it) this reports "unavailable" and the
// JavaScript loops in fast.ts, which compute the same numbers, run instead.
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
  run: (n16: number, limit: number, scale: number) => number;
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
 * The fused float32 dropout of fast.ts on the SIMD kernel, for a length that
 * is a multiple of 16: same draws, same mask and output; sums added per 4096
 * elements into acc slots 0..3. `limit` is compared unsigned with word >>> 1
 * (2^31 keeps all). Returns the kept count. Call only when fastSimdAvailable().
 */
export function fastSimdDropoutF32(
  state: Int32Array, x: Float32Array, out: Float32Array, mask: Uint8Array,
  limit: number, scale: number, acc: Float64Array,
): number {
  const k = kernel!;
  const { f32, u8, f64 } = k;
  const n = x.length;
  if (n % 16 !== 0) throw new Error('fastSimdDropoutF32 needs a multiple of 16 elements.');
  k.i32.set(state, 0);
  let kept = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    f32.set(x.subarray(start, start + count), X_BYTE >> 2);
    kept += k.run(count >> 4, limit | 0, scale);
    out.set(f32.subarray(OUT_BYTE >> 2, (OUT_BYTE >> 2) + count), start);
    mask.set(u8.subarray(MASK_BYTE, MASK_BYTE + count), start);
    for (let b = 0, at = SUMS_F64; b < count; b += SUM_BLOCK, at += 8) {
      addCompensated(acc, 0, f64[at] + f64[at + 1]);
      addCompensated(acc, 1, f64[at + 2] + f64[at + 3]);
      addCompensated(acc, 2, f64[at + 4] + f64[at + 5]);
      addCompensated(acc, 3, f64[at + 6] + f64[at + 7]);
    }
  }
  state.set(k.i32.subarray(0, 16));
  return kept;
}
