// Threefry-2x32 with 20 rounds (Salmon et al. 2011, Random123), the hash
// behind jax.random: rotations 13,15,26,6 then 17,29,16,24, the key injected
// every 4 rounds with ks2 = k0 ^ k1 ^ 0x1BD11BDA and the injection count.
// Only 32-bit adds, shifts and xors, all kept int32 so V8 stays on integers;
// the scalar hash's two output words go to module-level slots so its callers
// allocate nothing. The partitionable layout, which dropout draws from, runs
// on threefry.wat's SIMD module (threefryWasm.ts) where WebAssembly allows,
// with a JavaScript block loop as the fallback: the same words, the same masks.
import { partitionableBitsWasm, partitionableKeepMaskWasm, threefryWasmAvailable } from './threefryWasm';

let hashY0 = 0;
let hashY1 = 0;

/** threefry2x32(key = (k0, k1), counter = (c0, c1)) into (hashY0, hashY1). Arguments as int32 or uint32. */
function threefryHash(k0: number, k1: number, c0: number, c1: number): void {
  k0 |= 0;
  k1 |= 0;
  const ks2 = k0 ^ k1 ^ 0x1bd11bda;
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k1) | 0;
  x1 = (x1 + ks2 + 1) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + ks2) | 0;
  x1 = (x1 + k0 + 2) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k0) | 0;
  x1 = (x1 + k1 + 3) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k1) | 0;
  x1 = (x1 + ks2 + 4) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + ks2) | 0;
  x1 = (x1 + k0 + 5) | 0;
  hashY0 = x0;
  hashY1 = x1;
}

/** threefry2x32(key, counter) -> [y0, y1], unsigned. */
export function threefry2x32(key: readonly [number, number], counter: readonly [number, number]): [number, number] {
  threefryHash(key[0], key[1], counter[0], counter[1]);
  return [hashY0 >>> 0, hashY1 >>> 0];
}

const TWO_32 = 4294967296;
/** Words hashed per block by the JavaScript route: a power of two dividing 2^32, so no block straddles a change of the counter's high word. */
const BLOCK = 4096;
/** The JavaScript route's block of words, allocated once. */
const blockBits = new Uint32Array(BLOCK);

/**
 * blockBits[j] = bits of index start + j in the partitionable layout, for
 * j < count (rounded up to even: blockBits has room), where the indices share
 * one high word (a block never crosses a multiple of 2^32). Two counters are
 * hashed side by side, as two independent chains keep the processor busier
 * than one, with the rounds written out and the key words hoisted, so the
 * loop allocates nothing and calls nothing.
 */
function partitionableBlock(k0: number, k1: number, start: number, count: number): void {
  const out = blockBits;
  k0 |= 0;
  k1 |= 0;
  const ks2 = k0 ^ k1 ^ 0x1bd11bda;
  const i1 = (ks2 + 1) | 0;
  const i2 = (k0 + 2) | 0;
  const i3 = (k1 + 3) | 0;
  const i4 = (ks2 + 4) | 0;
  const i5 = (k0 + 5) | 0;
  const x0Start = (Math.floor(start / TWO_32) + k0) | 0;
  const x1Start = ((start | 0) + k1) | 0;
  for (let j = 0; j < count; j += 2) {
    let a0 = x0Start;
    let a1 = (x1Start + j) | 0;
    let b0 = x0Start;
    let b1 = (a1 + 1) | 0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 13) | (a1 >>> 19)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 13) | (b1 >>> 19)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 15) | (a1 >>> 17)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 15) | (b1 >>> 17)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 26) | (a1 >>> 6)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 26) | (b1 >>> 6)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 6) | (a1 >>> 26)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 6) | (b1 >>> 26)) ^ b0;
    a0 = (a0 + k1) | 0;
    a1 = (a1 + i1) | 0;
    b0 = (b0 + k1) | 0;
    b1 = (b1 + i1) | 0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 17) | (a1 >>> 15)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 17) | (b1 >>> 15)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 29) | (a1 >>> 3)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 29) | (b1 >>> 3)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 16) | (a1 >>> 16)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 16) | (b1 >>> 16)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 24) | (a1 >>> 8)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 24) | (b1 >>> 8)) ^ b0;
    a0 = (a0 + ks2) | 0;
    a1 = (a1 + i2) | 0;
    b0 = (b0 + ks2) | 0;
    b1 = (b1 + i2) | 0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 13) | (a1 >>> 19)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 13) | (b1 >>> 19)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 15) | (a1 >>> 17)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 15) | (b1 >>> 17)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 26) | (a1 >>> 6)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 26) | (b1 >>> 6)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 6) | (a1 >>> 26)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 6) | (b1 >>> 26)) ^ b0;
    a0 = (a0 + k0) | 0;
    a1 = (a1 + i3) | 0;
    b0 = (b0 + k0) | 0;
    b1 = (b1 + i3) | 0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 17) | (a1 >>> 15)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 17) | (b1 >>> 15)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 29) | (a1 >>> 3)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 29) | (b1 >>> 3)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 16) | (a1 >>> 16)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 16) | (b1 >>> 16)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 24) | (a1 >>> 8)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 24) | (b1 >>> 8)) ^ b0;
    a0 = (a0 + k1) | 0;
    a1 = (a1 + i4) | 0;
    b0 = (b0 + k1) | 0;
    b1 = (b1 + i4) | 0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 13) | (a1 >>> 19)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 13) | (b1 >>> 19)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 15) | (a1 >>> 17)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 15) | (b1 >>> 17)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 26) | (a1 >>> 6)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 26) | (b1 >>> 6)) ^ b0;
    a0 = (a0 + a1) | 0;
    a1 = ((a1 << 6) | (a1 >>> 26)) ^ a0;
    b0 = (b0 + b1) | 0;
    b1 = ((b1 << 6) | (b1 >>> 26)) ^ b0;
    a0 = (a0 + ks2) | 0;
    a1 = (a1 + i5) | 0;
    b0 = (b0 + ks2) | 0;
    b1 = (b1 + i5) | 0;
    out[j] = a0 ^ a1;
    out[j + 1] = b0 ^ b1;
  }
}

/** random_bits(key, 32, (n,)) in the partitionable layout, by JavaScript alone. */
export function partitionableBitsJs(k0: number, k1: number, out: Uint32Array): void {
  for (let start = 0; start < out.length; start += BLOCK) {
    const count = Math.min(BLOCK, out.length - start);
    partitionableBlock(k0, k1, start, count);
    out.set(count === BLOCK ? blockBits : blockBits.subarray(0, count), start);
  }
}

/**
 * random_bits(key, 32, (n,)) in the partitionable layout: element i hashes
 * the 64-bit counter i as (hi, lo) and keeps y0 ^ y1. WebAssembly SIMD where
 * it runs, else JavaScript: the same words.
 */
export function partitionableBitsInto(k0: number, k1: number, out: Uint32Array): void {
  if (threefryWasmAvailable()) partitionableBitsWasm(k0, k1, out);
  else partitionableBitsJs(k0, k1, out);
}

/**
 * random_bits(key, 32, (n,)) in the original layout (JAX before 0.5): the
 * counters 0..n-1 (padded with a 0 to an even count) split into two halves
 * hashed pairwise, the output being all y0s then all y1s, cut to n.
 */
export function originalBitsInto(k0: number, k1: number, out: Uint32Array): void {
  const n = out.length;
  const half = (n + 1) >> 1;
  for (let i = 0; i < half; i++) {
    threefryHash(k0, k1, i, half + i < n ? half + i : 0);
    out[i] = hashY0;
    if (half + i < n) out[half + i] = hashY1;
  }
}

/**
 * The integer threshold T with uniform_f32(bits) < f32(keep) <=> (bits >>> 9) < T.
 *
 * Why this is exact: JAX's float32 uniform is bitcast((bits >>> 9) | 0x3f800000) - 1,
 * which equals m * 2^-23 exactly for m = bits >>> 9, an integer in [0, 2^23).
 * Let K = f32(keep), a float32 and so exactly a double. Scaling by the power of
 * two 2^23 is exact for any finite K and keeps order, hence
 *     m * 2^-23 < K  <=>  m < K * 2^23 = L.
 * For an integer m and a real L, m < L <=> m < ceil(L). So T = ceil(L), then
 * clamped to [0, 2^23]: above 2^23 every m < 2^23 passes either way, at or below
 * 0 none does, and a NaN keep fails every float compare, so it maps to 0 too.
 */
export function keepThreshold(keep: number): number {
  const limit = Math.fround(keep) * 8388608;
  return limit > 0 ? Math.min(Math.ceil(limit), 8388608) : 0;
}

/** mask[i] = (bits_i >>> 9) < threshold, partitionable layout, by JavaScript alone. */
export function partitionableKeepMaskJs(k0: number, k1: number, mask: Uint8Array, threshold: number): void {
  for (let start = 0; start < mask.length; start += BLOCK) {
    const count = Math.min(BLOCK, mask.length - start);
    partitionableBlock(k0, k1, start, count);
    for (let j = 0; j < count; j++) mask[start + j] = blockBits[j] >>> 9 < threshold ? 1 : 0;
  }
}

/**
 * mask[i] = uniform_f32(bits_i) < f32(keep), partitionable layout, as the
 * integer compare of keepThreshold; WebAssembly SIMD where it runs, else
 * JavaScript: the same bytes.
 */
export function partitionableKeepMask(k0: number, k1: number, mask: Uint8Array, keep: number): void {
  const threshold = keepThreshold(keep);
  if (threefryWasmAvailable()) partitionableKeepMaskWasm(k0, k1, mask, threshold);
  else partitionableKeepMaskJs(k0, k1, mask, threshold);
}
