// The "fast" convention: xoshiro128** (see xoshiro128.ts for the seed
// mapping), one 32-bit draw per mask element, kept = (draw >>> 1) < ceil(keep * 2^31).
// Thresholding one uniform per element keeps the nesting property: with a
// fixed seed, the kept set at a larger p is a subset of the kept set at a smaller p.
// keep is thus resolved to 2^-31.
import type { DType, MaskSource, Seed } from '../types';
import type { StreamingMaskSource } from './streaming';
import { xoshiroFill, xoshiroStateFromSeed } from './xoshiro128';

const TWO_31 = 2147483648;

/** The int32 threshold for (draw >>> 1) and whether every element is kept regardless. */
export function fastThreshold(keep: number): { limit: number; always: number } {
  const c = Math.ceil(keep * TWO_31);
  return c >= TWO_31 ? { limit: 0x7fffffff, always: 1 } : { limit: c | 0, always: 0 };
}

/** Writes mask[start..end), continuing the stream held in `state`. */
export function fastBernoulli(state: Int32Array, mask: Uint8Array, start: number, end: number, keep: number): void {
  const { limit, always } = fastThreshold(keep);
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  for (let i = start; i < end; i++) {
    const r = Math.imul(s1, 5);
    const u = Math.imul((r << 7) | (r >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    mask[i] = ((((u >>> 1) - limit) >> 31) & 1) | always;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

/** A uniform in [0, 1) with 53 random bits from the next two draws. */
function fastUniform53(state: Int32Array, scratch: Int32Array): number {
  xoshiroFill(state, scratch, 2);
  return ((scratch[0] >>> 5) * 67108864 + (scratch[1] >>> 6)) / 9007199254740992;
}

export class FastSource implements MaskSource, StreamingMaskSource {
  readonly state: Int32Array;
  private readonly scratch = new Int32Array(2);

  constructor(seed: Seed) {
    this.state = xoshiroStateFromSeed(seed);
  }

  fillKeepMask(mask: Uint8Array, keep: number, _dtype: DType): void {
    fastBernoulli(this.state, mask, 0, mask.length, keep);
  }

  fillKeepMaskRange(mask: Uint8Array, start: number, end: number, keep: number): void {
    fastBernoulli(this.state, mask, start, end, keep);
  }

  /** Box–Muller over the stream's 53-bit uniforms. Not bit-exact with any framework. */
  fillStandardNormal(out: Float64Array): void {
    for (let i = 0; i < out.length; i += 2) {
      const u1 = fastUniform53(this.state, this.scratch);
      const u2 = fastUniform53(this.state, this.scratch);
      const r = Math.sqrt(-2 * Math.log(1 - u1));
      out[i] = r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
  }
}

export function createFastSource(seed: Seed): FastSource {
  return new FastSource(seed);
}
