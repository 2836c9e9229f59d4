// jax.random.PRNGKey(seed) drawing a dropout mask with threefry2x32 in the
// partitionable layout (jax_threefry_partitionable=True, JAX's default since
// 0.5): element i hashes the 64-bit counter i, so bits depend only on the flat
// index. The old layout is kept for the pure helpers (tests, comparisons).
import type { DType, MaskSource, Seed } from '../types';
import { threefry2x32Into, threefryOut } from './threefry';

export { threefry2x32 } from './threefry';

export type JaxKey = [number, number];

const TWO_POW_23 = 8388608;
const TWO_POW_32 = 4294967296;

/** PRNGKey(seed) in default x32 mode: [0, seed mod 2^32] (negatives in two's complement). */
export function prngKey(seed: Seed): JaxKey {
  let value: bigint;
  if (typeof seed === 'bigint') value = seed;
  else if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) throw new Error(`PRNGKey expects an integer seed, got ${seed}`);
    value = BigInt(seed);
  } else {
    if (!/^\s*-?\d+\s*$/.test(seed)) throw new Error(`PRNGKey expects an integer seed, got "${seed}"`);
    value = BigInt(seed.trim());
  }
  return [0, Number(BigInt.asUintN(32, value))];
}

/** fold_in(key, data) = threefry(key, (0, data)). */
export function foldIn(key: JaxKey, data: number): JaxKey {
  threefry2x32Into(key[0], key[1], 0, data | 0);
  return [threefryOut[0], threefryOut[1]];
}
export { foldIn as fold_in };

/** random_bits(key, 32, (n,)) into `out`, partitionable layout by default. */
export function randomBitsInto(key: JaxKey, out: Uint32Array, partitionable = true): void {
  const k0 = key[0] | 0, k1 = key[1] | 0;
  const n = out.length;
  if (partitionable) {
    for (let i = 0; i < n; i++) {
      threefry2x32Into(k0, k1, Math.floor(i / TWO_POW_32), i | 0);
      out[i] = threefryOut[0] ^ threefryOut[1];
    }
    return;
  }
  // Original layout: counters 0..n-1 (an odd count padded with a 0) split in
  // two halves, output = concat(y0s, y1s) truncated to n.
  const half = (n + 1) >> 1;
  for (let i = 0; i < half; i++) {
    threefry2x32Into(k0, k1, i, half + i < n ? half + i : 0);
    out[i] = threefryOut[0];
    if (half + i < n) out[half + i] = threefryOut[1];
  }
}

export function randomBits(key: JaxKey, n: number, partitionable = true): Uint32Array {
  const out = new Uint32Array(n);
  randomBitsInto(key, out, partitionable);
  return out;
}

/** split(key, n): partitionable = fold_in(key, i); original = threefry over iota(2n) as (n, 2). */
export function split(key: JaxKey, n: number, partitionable = true): JaxKey[] {
  const keys: JaxKey[] = [];
  if (partitionable) {
    for (let i = 0; i < n; i++) {
      threefry2x32Into(key[0], key[1], Math.floor(i / TWO_POW_32), i | 0);
      keys.push([threefryOut[0], threefryOut[1]]);
    }
    return keys;
  }
  const flat = randomBits(key, 2 * n, false);
  for (let i = 0; i < n; i++) keys.push([flat[2 * i], flat[2 * i + 1]]);
  return keys;
}

/** uniform float32 in [0, 1): bitcast((bits >> 9) | 0x3f800000) - 1, which is exactly (bits >> 9) * 2^-23. */
export function uniform(key: JaxKey, n: number, partitionable = true): Float32Array {
  const bits = randomBits(key, n, partitionable);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (bits[i] >>> 9) / TWO_POW_23;
  return out;
}

/** bernoulli(key, keep, (n,)) = uniform < f32(keep), as 0/1 bytes. */
export function bernoulliInto(key: JaxKey, keep: number, mask: Uint8Array, partitionable = true): void {
  // uniform < f32(keep)  <=>  (bits >> 9) < f32(keep) * 2^23 (exact scaling).
  const limit = Math.fround(keep) * TWO_POW_23;
  if (!partitionable) {
    const bits = randomBits(key, mask.length, false);
    for (let i = 0; i < mask.length; i++) mask[i] = (bits[i] >>> 9) < limit ? 1 : 0;
    return;
  }
  const k0 = key[0] | 0, k1 = key[1] | 0;
  const n = mask.length;
  for (let i = 0; i < n; i++) {
    threefry2x32Into(k0, k1, Math.floor(i / TWO_POW_32), i | 0);
    mask[i] = ((threefryOut[0] ^ threefryOut[1]) >>> 9) < limit ? 1 : 0;
  }
}

class JaxSource implements MaskSource {
  private calls = 0;
  constructor(private readonly key: JaxKey) {}

  /** Call 0 uses the key itself (Flax nnx Dropout(rate)(x, rngs=key)); call t >= 1 uses fold_in(key, t). */
  private nextKey(): JaxKey {
    const t = this.calls++;
    return t === 0 ? this.key : foldIn(this.key, t);
  }

  fillKeepMask(mask: Uint8Array, keep: number, _dtype: DType): void {
    // Default x32 mode draws float32 uniforms whatever the tensor dtype.
    bernoulliInto(this.nextKey(), keep, mask);
  }

  /**
   * Box–Muller over this call's float32 uniforms. An approximation: JAX's normal
   * is sqrt(2)·erfinv(u) of its own uniforms, so values are not bit-exact.
   */
  fillStandardNormal(out: Float64Array): void {
    const n = out.length;
    const bits = randomBits(this.nextKey(), n + (n & 1));
    for (let i = 0; i < n; i += 2) {
      const u1 = 1 - (bits[i] >>> 9) / TWO_POW_23; // (0, 1]
      const u2 = (bits[i + 1] >>> 9) / TWO_POW_23;
      const radius = Math.sqrt(-2 * Math.log(u1));
      out[i] = radius * Math.cos(2 * Math.PI * u2);
      if (i + 1 < n) out[i + 1] = radius * Math.sin(2 * Math.PI * u2);
    }
  }
}

/** jax.random.PRNGKey(seed) as a mask source. */
export function createJaxSource(seed: Seed): MaskSource {
  return new JaxSource(prngKey(seed));
}
