// The "fast" convention: xoshiro128** (see xoshiro128.ts for the seed
// mapping), one 32-bit draw per mask element, kept = (draw >>> 1) < ceil(keep * 2^31),
// so keep is resolved to 2^-31. Thresholding one uniform per element keeps
// the nesting property: with a fixed seed, the kept set at a larger p is a
// subset of the kept set at a smaller p. Multiplicative like torch.
//
// The fused loops below are written for V8: the generator state lives in
// int32 locals, four elements per iteration (their four mask bytes stored as
// one int32 where the platform is little-endian), the output factor comes
// from a 2-entry table, and the sums run in two partial accumulators each.
// They are duplicated per dtype so each stays monomorphic.
import type { DType, MaskSource, Seed } from '../types';
import { addCompensated } from '../sum';
import type { FusedMaskSource } from './streaming';
import { xoshiroFill, xoshiroStateFromSeed } from './xoshiro128';

const TWO_31 = 2147483648;
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** Elements per compensated partial sum (a multiple of 4). */
const SUM_BLOCK = 256;

/** The int32 limit for (draw >>> 1), and 1 when keep rounds to "always kept". */
function fastLimit(keep: number): { limit: number; always: number } {
  const c = Math.ceil(keep * TWO_31);
  return c >= TWO_31 ? { limit: 0x7fffffff, always: 1 } : { limit: c | 0, always: 0 };
}

/** A view storing four mask bytes per int32 write, or null where that is not possible. */
function packedView(mask: Uint8Array): Int32Array | null {
  return LITTLE_ENDIAN && (mask.byteOffset & 3) === 0 ? new Int32Array(mask.buffer, mask.byteOffset, mask.length >> 2) : null;
}

/** Writes mask[start..end), continuing the stream held in `state`. */
export function fastBernoulli(state: Int32Array, mask: Uint8Array, start: number, end: number, keep: number): void {
  const { limit, always } = fastLimit(keep);
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

/**
 * Fused dropout on float32: the same draws as fastBernoulli, out = f32(x * table[m]),
 * sums into acc slots 0..3 (output, x * m, x, x^2). Returns the kept count.
 */
export function fastDropoutF32(
  state: Int32Array, x: Float32Array, out: Float32Array, mask: Uint8Array, keep: number, table: Float64Array, acc: Float64Array,
): number {
  const { limit, always } = fastLimit(keep);
  const packed = packedView(mask);
  const n = x.length;
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  let kept = 0;
  let i = 0;
  while (i < n) {
    const stop = Math.min(n, i + SUM_BLOCK);
    const stop4 = stop - ((stop - i) & 3);
    let so0 = 0, so1 = 0, su0 = 0, su1 = 0, sx0 = 0, sx1 = 0, sq0 = 0, sq1 = 0;
    for (; i < stop4; i += 4) {
      let r = Math.imul(s1, 5);
      const u0 = Math.imul((r << 7) | (r >>> 25), 9);
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      r = Math.imul(s1, 5);
      const u1 = Math.imul((r << 7) | (r >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      r = Math.imul(s1, 5);
      const u2 = Math.imul((r << 7) | (r >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      r = Math.imul(s1, 5);
      const u3 = Math.imul((r << 7) | (r >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      const m0 = ((((u0 >>> 1) - limit) >> 31) & 1) | always;
      const m1 = ((((u1 >>> 1) - limit) >> 31) & 1) | always;
      const m2 = ((((u2 >>> 1) - limit) >> 31) & 1) | always;
      const m3 = ((((u3 >>> 1) - limit) >> 31) & 1) | always;
      if (packed !== null) {
        packed[i >> 2] = m0 | (m1 << 8) | (m2 << 16) | (m3 << 24);
      } else {
        mask[i] = m0; mask[i + 1] = m1; mask[i + 2] = m2; mask[i + 3] = m3;
      }
      const v0 = x[i], v1 = x[i + 1], v2 = x[i + 2], v3 = x[i + 3];
      const y0 = Math.fround(v0 * table[m0]);
      const y1 = Math.fround(v1 * table[m1]);
      const y2 = Math.fround(v2 * table[m2]);
      const y3 = Math.fround(v3 * table[m3]);
      out[i] = y0; out[i + 1] = y1; out[i + 2] = y2; out[i + 3] = y3;
      so0 += y0 + y1; so1 += y2 + y3;
      su0 += v0 * m0 + v1 * m1; su1 += v2 * m2 + v3 * m3;
      sx0 += v0 + v1; sx1 += v2 + v3;
      sq0 += v0 * v0 + v1 * v1; sq1 += v2 * v2 + v3 * v3;
      kept += m0 + m1 + m2 + m3;
    }
    for (; i < stop; i++) {
      const r = Math.imul(s1, 5);
      const u = Math.imul((r << 7) | (r >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      const m = ((((u >>> 1) - limit) >> 31) & 1) | always;
      mask[i] = m;
      const v = x[i];
      const y = Math.fround(v * table[m]);
      out[i] = y;
      so0 += y; su0 += v * m; sx0 += v; sq0 += v * v;
      kept += m;
    }
    addCompensated(acc, 0, so0 + so1);
    addCompensated(acc, 1, su0 + su1);
    addCompensated(acc, 2, sx0 + sx1);
    addCompensated(acc, 3, sq0 + sq1);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return kept;
}

/** fastDropoutF32 for float64: out = x * table[m]. */
export function fastDropoutF64(
  state: Int32Array, x: Float64Array, out: Float64Array, mask: Uint8Array, keep: number, table: Float64Array, acc: Float64Array,
): number {
  const { limit, always } = fastLimit(keep);
  const packed = packedView(mask);
  const n = x.length;
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  let kept = 0;
  let i = 0;
  while (i < n) {
    const stop = Math.min(n, i + SUM_BLOCK);
    const stop4 = stop - ((stop - i) & 3);
    let so0 = 0, so1 = 0, su0 = 0, su1 = 0, sx0 = 0, sx1 = 0, sq0 = 0, sq1 = 0;
    for (; i < stop4; i += 4) {
      let r = Math.imul(s1, 5);
      const u0 = Math.imul((r << 7) | (r >>> 25), 9);
      let t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      r = Math.imul(s1, 5);
      const u1 = Math.imul((r << 7) | (r >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      r = Math.imul(s1, 5);
      const u2 = Math.imul((r << 7) | (r >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      r = Math.imul(s1, 5);
      const u3 = Math.imul((r << 7) | (r >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      const m0 = ((((u0 >>> 1) - limit) >> 31) & 1) | always;
      const m1 = ((((u1 >>> 1) - limit) >> 31) & 1) | always;
      const m2 = ((((u2 >>> 1) - limit) >> 31) & 1) | always;
      const m3 = ((((u3 >>> 1) - limit) >> 31) & 1) | always;
      if (packed !== null) {
        packed[i >> 2] = m0 | (m1 << 8) | (m2 << 16) | (m3 << 24);
      } else {
        mask[i] = m0; mask[i + 1] = m1; mask[i + 2] = m2; mask[i + 3] = m3;
      }
      const v0 = x[i], v1 = x[i + 1], v2 = x[i + 2], v3 = x[i + 3];
      const y0 = v0 * table[m0];
      const y1 = v1 * table[m1];
      const y2 = v2 * table[m2];
      const y3 = v3 * table[m3];
      out[i] = y0; out[i + 1] = y1; out[i + 2] = y2; out[i + 3] = y3;
      so0 += y0 + y1; so1 += y2 + y3;
      su0 += v0 * m0 + v1 * m1; su1 += v2 * m2 + v3 * m3;
      sx0 += v0 + v1; sx1 += v2 + v3;
      sq0 += v0 * v0 + v1 * v1; sq1 += v2 * v2 + v3 * v3;
      kept += m0 + m1 + m2 + m3;
    }
    for (; i < stop; i++) {
      const r = Math.imul(s1, 5);
      const u = Math.imul((r << 7) | (r >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
      const m = ((((u >>> 1) - limit) >> 31) & 1) | always;
      mask[i] = m;
      const v = x[i];
      const y = v * table[m];
      out[i] = y;
      so0 += y; su0 += v * m; sx0 += v; sq0 += v * v;
      kept += m;
    }
    addCompensated(acc, 0, so0 + so1);
    addCompensated(acc, 1, su0 + su1);
    addCompensated(acc, 2, sx0 + sx1);
    addCompensated(acc, 3, sq0 + sq1);
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return kept;
}

/** A uniform in [0, 1) with 53 random bits from the next two draws. */
function fastUniform53(state: Int32Array, scratch: Int32Array): number {
  xoshiroFill(state, scratch, 2);
  return ((scratch[0] >>> 5) * 67108864 + (scratch[1] >>> 6)) / 9007199254740992;
}

export class FastSource implements MaskSource, FusedMaskSource {
  readonly state: Int32Array;
  private readonly scratch = new Int32Array(2);

  constructor(seed: Seed) {
    this.state = xoshiroStateFromSeed(seed);
  }

  fillKeepMask(mask: Uint8Array, keep: number, _dtype: DType): void {
    fastBernoulli(this.state, mask, 0, mask.length, keep);
  }

  dropoutMultiply(
    x: Float32Array | Float64Array, out: Float32Array | Float64Array, mask: Uint8Array,
    keep: number, table: Float64Array, acc: Float64Array,
  ): number {
    return x instanceof Float32Array
      ? fastDropoutF32(this.state, x, out as Float32Array, mask, keep, table, acc)
      : fastDropoutF64(this.state, x as Float64Array, out as Float64Array, mask, keep, table, acc);
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
