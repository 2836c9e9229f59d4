// Threefry-2x32 (20 rounds), the counter-based generator behind jax.random.
// Pure 32-bit integer arithmetic; results are returned through a shared
// two-slot buffer so the hot loop allocates nothing.

/** [y0, y1] of the last threefry2x32Into call. */
export const threefryOut = new Uint32Array(2);

export function threefry2x32Into(k0: number, k1: number, c0: number, c1: number): void {
  const ks2 = (k0 ^ k1 ^ 0x1bd11bda) | 0;
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  // rotations [13,15,26,6] then [17,29,16,24]; key injection after every 4 rounds
  x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + ks2 + 1) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 17) | (x1 >>> 15); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 29) | (x1 >>> 3); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 16) | (x1 >>> 16); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 24) | (x1 >>> 8); x1 ^= x0;
  x0 = (x0 + ks2) | 0; x1 = (x1 + k0 + 2) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
  x0 = (x0 + k0) | 0; x1 = (x1 + k1 + 3) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 17) | (x1 >>> 15); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 29) | (x1 >>> 3); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 16) | (x1 >>> 16); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 24) | (x1 >>> 8); x1 ^= x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + ks2 + 4) | 0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 13) | (x1 >>> 19); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 15) | (x1 >>> 17); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 26) | (x1 >>> 6); x1 ^= x0;
  x0 = (x0 + x1) | 0; x1 = (x1 << 6) | (x1 >>> 26); x1 ^= x0;
  x0 = (x0 + ks2) | 0; x1 = (x1 + k0 + 5) | 0;
  threefryOut[0] = x0;
  threefryOut[1] = x1;
}

/** threefry2x32(key, counter) -> [y0, y1] as unsigned numbers. */
export function threefry2x32(key: readonly [number, number], counter: readonly [number, number]): [number, number] {
  threefry2x32Into(key[0] | 0, key[1] | 0, counter[0] | 0, counter[1] | 0);
  return [threefryOut[0], threefryOut[1]];
}
