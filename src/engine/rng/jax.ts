// jax.random.PRNGKey(seed) drawing a dropout mask as Flax does:
// bernoulli(key, keep, shape) = uniform float32 < f32(keep), with threefry2x32
// in the partitionable layout (jax_threefry_partitionable=True, the default
// since JAX 0.5), so element i depends only on its flat index. Default x32
// mode: float32 uniforms for float64 tensors too.
//
// Trials are keyed, not streamed: call 0 uses the key itself (Flax nnx
// `Dropout(rate)(x, rngs=key)`), call t >= 1 uses fold_in(key, t).
import type { DType, MaskSource, Seed } from '../types';
import { seedLow32 } from '../seed';
import { originalBitsInto, partitionableBitsInto, partitionableKeepMask, threefry2x32 } from './threefry';

export { threefry2x32 };

/** A raw threefry key: [k0, k1], unsigned 32-bit words. */
export type JaxKey = [number, number];

/** jax.random.PRNGKey(seed) in x32 mode: [0, seed mod 2^32], negatives in two's complement. */
export function prngKey(seed: Seed): JaxKey {
  return [0, seedLow32(seed)];
}

/** jax.random.fold_in(key, data) = threefry2x32(key, (0, data)). */
export function foldIn(key: JaxKey, data: number): JaxKey {
  return threefry2x32(key, [0, data >>> 0]);
}

/** jax.random.bits(key, (n,), uint32); `partitionable: false` gives JAX's original layout. */
export function randomBits(key: JaxKey, n: number, partitionable = true): Uint32Array {
  const out = new Uint32Array(n);
  if (partitionable) partitionableBitsInto(key[0], key[1], out);
  else originalBitsInto(key[0], key[1], out);
  return out;
}

/** jax.random.split(key, n): fold_in(key, i) when partitionable, else the original layout's bits as n pairs. */
export function split(key: JaxKey, n: number, partitionable = true): JaxKey[] {
  const keys: JaxKey[] = [];
  if (partitionable) {
    for (let i = 0; i < n; i++) keys.push(threefry2x32(key, [0, i]));
  } else {
    const bits = randomBits(key, 2 * n, false);
    for (let i = 0; i < n; i++) keys.push([bits[2 * i], bits[2 * i + 1]]);
  }
  return keys;
}

/** bits -> float32 in [0, 1): bitcast((bits >>> 9) | 0x3f800000) - 1, which is (bits >>> 9) * 2^-23 exactly. */
export function bitsToUniform(bits: number): number {
  return (bits >>> 9) * 2 ** -23;
}

/** jax.random.uniform(key, (n,), float32). */
export function uniform(key: JaxKey, n: number, partitionable = true): Float32Array {
  const bits = randomBits(key, n, partitionable);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = bitsToUniform(bits[i]);
  return out;
}

/** jax.random.bernoulli(key, keep, (n,)) as 0/1 bytes. */
export function bernoulli(key: JaxKey, keep: number, n: number, partitionable = true): Uint8Array {
  const mask = new Uint8Array(n);
  if (partitionable) {
    partitionableKeepMask(key[0], key[1], mask, keep);
  } else {
    const limit = Math.fround(keep);
    const bits = randomBits(key, n, false);
    for (let i = 0; i < n; i++) mask[i] = bitsToUniform(bits[i]) < limit ? 1 : 0;
  }
  return mask;
}

export class JaxSource implements MaskSource {
  private calls = 0;

  constructor(readonly key: JaxKey) {}

  /** The key of the next call: the key itself first, then fold_in(key, t). */
  private nextKey(): JaxKey {
    const t = this.calls++;
    return t === 0 ? this.key : foldIn(this.key, t);
  }

  fillKeepMask(mask: Uint8Array, keep: number, _dtype: DType): void {
    const [k0, k1] = this.nextKey();
    partitionableKeepMask(k0, k1, mask, keep);
  }

  /**
   * Box–Muller over this call's float32 uniforms (two per pair of normals).
   * An approximation: jax.random.normal is sqrt(2) * erfinv of a uniform on
   * (-1, 1), so the values are not bit-exact with JAX's.
   */
  fillStandardNormal(out: Float64Array): void {
    const n = out.length;
    const bits = randomBits(this.nextKey(), n + (n & 1));
    for (let i = 0; i < n; i += 2) {
      const u1 = 1 - bitsToUniform(bits[i]); // (0, 1]: the log stays finite
      const u2 = bitsToUniform(bits[i + 1]);
      const r = Math.sqrt(-2 * Math.log(u1));
      out[i] = r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
  }
}

/** jax.random.PRNGKey(seed) as a mask source. */
export function createJaxSource(seed: Seed): JaxSource {
  return new JaxSource(prngKey(seed));
}
