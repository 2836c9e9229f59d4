// PCG64 (XSL-RR 128/64), NumPy's default bit generator, seeded as
// np.random.default_rng(seed) seeds it, and the draws the engine needs:
// random() doubles, random(dtype=float32) singles (two per 64-bit output, low
// half first, the high half buffered across calls) and mask comparisons.
//
// The stream is 10 int32 words: state lo (2 words, low first), state hi (2),
// inc lo (2), inc hi (2), has32, buffered half — the same layout the
// WebAssembly kernel (pcg64.wat) keeps in its memory, so either route can
// continue the other's stream. This file is the JavaScript route: 16-bit limbs
// in doubles (every column sum stays below 2^53), no BigInt per draw.
import { generateState64 } from './seedSequence';

export type Pcg64State = Int32Array;

const MASK128 = (1n << 128n) - 1n;
const MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;

// The multiplier's 16-bit limbs, least significant first.
const M0 = 0xf645,
  M1 = 0x9fcc,
  M2 = 0xdf64,
  M3 = 0x4385,
  M4 = 0x5da4,
  M5 = 0x1fc6,
  M6 = 0xed05,
  M7 = 0x2360;

function toWords(state: Pcg64State, at: number, v: bigint): void {
  for (let k = 0; k < 4; k++) state[at + k] = Number((v >> BigInt(32 * k)) & 0xffffffffn) | 0;
}

/** The PCG64 stream np.random.default_rng(seed) starts from (seed >= 0, any size). */
export function seedPcg64(seed: bigint): Pcg64State {
  const [s0, s1, s2, s3] = generateState64(seed, 4);
  const initState = (s0 << 64n) | s1;
  const inc = ((((s2 << 64n) | s3) << 1n) | 1n) & MASK128;
  // pcg_setseq_128_srandom_r: state = 0; step; state += initstate; step.
  let state = inc;
  state = (state + initState) & MASK128;
  state = (state * MULTIPLIER + inc) & MASK128;
  const out = new Int32Array(10);
  toWords(out, 0, state);
  toWords(out, 4, inc);
  return out;
}

/** The state and increment as exact integers (for tests and diagnostics). */
export function pcg64StateValue(s: Pcg64State): { state: bigint; inc: bigint } {
  const read = (at: number): bigint => {
    let v = 0n;
    for (let k = 3; k >= 0; k--) v = (v << 32n) | BigInt(s[at + k] >>> 0);
    return v;
  };
  return { state: read(0), inc: read(4) };
}

const INV_2_16 = 1 / 65536;

// Output of the last pcg64Next as two words, module-level so the loop allocates nothing.
let outHi = 0;
let outLo = 0;

/** One step of the stream; the 64-bit output lands in (outHi, outLo). */
function pcg64Next(s: Pcg64State): void {
  const w0 = s[0],
    w1 = s[1],
    w2 = s[2],
    w3 = s[3];
  const a0 = w0 & 0xffff,
    a1 = w0 >>> 16,
    a2 = w1 & 0xffff,
    a3 = w1 >>> 16;
  const a4 = w2 & 0xffff,
    a5 = w2 >>> 16,
    a6 = w3 & 0xffff,
    a7 = w3 >>> 16;
  const i0 = s[4],
    i1 = s[5],
    i2 = s[6],
    i3 = s[7];
  // Column sums of state * M + inc, limb by limb. A column stays below 2^36,
  // so its carry (< 2^20) is an int32 and multiplying by 2^-16 is exact.
  let c = a0 * M0 + (i0 & 0xffff);
  let q = (c * INV_2_16) | 0;
  const r0 = c - q * 65536;
  c = q;
  c += a0 * M1 + a1 * M0 + (i0 >>> 16);
  q = (c * INV_2_16) | 0;
  const r1 = c - q * 65536;
  c = q;
  c += a0 * M2 + a1 * M1 + a2 * M0 + (i1 & 0xffff);
  q = (c * INV_2_16) | 0;
  const r2 = c - q * 65536;
  c = q;
  c += a0 * M3 + a1 * M2 + a2 * M1 + a3 * M0 + (i1 >>> 16);
  q = (c * INV_2_16) | 0;
  const r3 = c - q * 65536;
  c = q;
  c += a0 * M4 + a1 * M3 + a2 * M2 + a3 * M1 + a4 * M0 + (i2 & 0xffff);
  q = (c * INV_2_16) | 0;
  const r4 = c - q * 65536;
  c = q;
  c += a0 * M5 + a1 * M4 + a2 * M3 + a3 * M2 + a4 * M1 + a5 * M0 + (i2 >>> 16);
  q = (c * INV_2_16) | 0;
  const r5 = c - q * 65536;
  c = q;
  c += a0 * M6 + a1 * M5 + a2 * M4 + a3 * M3 + a4 * M2 + a5 * M1 + a6 * M0 + (i3 & 0xffff);
  q = (c * INV_2_16) | 0;
  const r6 = c - q * 65536;
  c = q;
  c += a0 * M7 + a1 * M6 + a2 * M5 + a3 * M4 + a4 * M3 + a5 * M2 + a6 * M1 + a7 * M0 + (i3 >>> 16);
  const r7 = c & 0xffff; // only bits 112..127 survive mod 2^128
  const lo0 = r0 | (r1 << 16),
    lo1 = r2 | (r3 << 16),
    hi0 = r4 | (r5 << 16),
    hi1 = r6 | (r7 << 16);
  s[0] = lo0;
  s[1] = lo1;
  s[2] = hi0;
  s[3] = hi1;
  // XSL-RR: rotate (hi ^ lo) right by the top 6 bits of the new state.
  let xh = hi1 ^ lo1,
    xl = hi0 ^ lo0;
  let rot = hi1 >>> 26;
  if (rot >= 32) {
    const t = xh;
    xh = xl;
    xl = t;
    rot -= 32;
  }
  if (rot === 0) {
    outHi = xh;
    outLo = xl;
  } else {
    outHi = (xh >>> rot) | (xl << (32 - rot));
    outLo = (xl >>> rot) | (xh << (32 - rot));
  }
}

const TWO_M53 = 2 ** -53;
const TWO_M24 = 2 ** -24;

/** The next raw 64-bit output as [high word, low word], unsigned (tests). */
export function pcg64NextWords(s: Pcg64State): [number, number] {
  pcg64Next(s);
  return [outHi >>> 0, outLo >>> 0];
}

/** rng.random(): (u64 >> 11) * 2^-53. */
export function pcg64NextDouble(s: Pcg64State): number {
  pcg64Next(s);
  return ((outHi >>> 0) * 2097152 + (outLo >>> 11)) * TWO_M53;
}

/** rng.random(dtype=float32): (u32 >> 8) * 2^-24, low half of a draw first, its high half buffered. */
export function pcg64NextFloat(s: Pcg64State): number {
  let u: number;
  if (s[8] !== 0) {
    s[8] = 0;
    u = s[9];
  } else {
    pcg64Next(s);
    s[8] = 1;
    s[9] = outHi;
    u = outLo;
  }
  return (u >>> 8) * TWO_M24;
}

/** mask[from..to) = random() < keep (JavaScript route). */
export function pcg64KeepF64Js(s: Pcg64State, mask: Uint8Array, from: number, to: number, keep: number): void {
  for (let i = from; i < to; i++) {
    pcg64Next(s);
    mask[i] = ((outHi >>> 0) * 2097152 + (outLo >>> 11)) * TWO_M53 < keep ? 1 : 0;
  }
}

/** mask[from..to) = random(dtype=float32) < f32(keep) (JavaScript route; both sides exact in double). */
export function pcg64KeepF32Js(s: Pcg64State, mask: Uint8Array, from: number, to: number, keep: number): void {
  const k = Math.fround(keep);
  for (let i = from; i < to; i++) mask[i] = pcg64NextFloat(s) < k ? 1 : 0;
}
