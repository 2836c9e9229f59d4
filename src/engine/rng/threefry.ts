// Threefry-2x32 with 20 rounds (Salmon et al. 2011, Random123), the hash
// behind jax.random: rotations 13,15,26,6 then 17,29,16,24, the key injected
// every 4 rounds with ks2 = k0 ^ k1 ^ 0x1BD11BDA and the injection count.
// Only 32-bit adds, shifts and xors, all kept int32 so V8 stays on integers;
// the two output words go to module-level slots so the loops allocate nothing
// (the loops that need speed live here, next to those slots).

let hashY0 = 0;
let hashY1 = 0;

/** threefry2x32(key = (k0, k1), counter = (c0, c1)) into (hashY0, hashY1). Arguments as int32 or uint32. */
function threefryHash(k0: number, k1: number, c0: number, c1: number): void {
  k0 |= 0;
  k1 |= 0;
  const ks2 = k0 ^ k1 ^ 0x1bd11bda;
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + ks2 + 1) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + ks2) | 0; x1 = (x1 + k0 + 2) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k0) | 0; x1 = (x1 + k1 + 3) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + ks2 + 4) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + ks2) | 0; x1 = (x1 + k0 + 5) | 0;
  hashY0 = x0;
  hashY1 = x1;
}

/** threefry2x32(key, counter) -> [y0, y1], unsigned. */
export function threefry2x32(key: readonly [number, number], counter: readonly [number, number]): [number, number] {
  threefryHash(key[0], key[1], counter[0], counter[1]);
  return [hashY0 >>> 0, hashY1 >>> 0];
}

const TWO_32 = 4294967296;

/**
 * random_bits(key, 32, (n,)) in the partitionable layout: element i hashes
 * the 64-bit counter i as (hi, lo) and keeps y0 ^ y1.
 */
export function partitionableBitsInto(k0: number, k1: number, out: Uint32Array): void {
  for (let i = 0; i < out.length; i++) {
    threefryHash(k0, k1, Math.floor(i / TWO_32), i);
    out[i] = hashY0 ^ hashY1;
  }
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
 * mask[i] = uniform_f32(bits_i) < f32(keep), partitionable layout. The float
 * is (bits >>> 9) * 2^-23 exactly, so the test is (bits >>> 9) < f32(keep) * 2^23.
 */
export function partitionableKeepMask(k0: number, k1: number, mask: Uint8Array, keep: number): void {
  const limit = Math.fround(keep) * 8388608;
  for (let i = 0; i < mask.length; i++) {
    threefryHash(k0, k1, Math.floor(i / TWO_32), i);
    mask[i] = ((hashY0 ^ hashY1) >>> 9) < limit ? 1 : 0;
  }
}
