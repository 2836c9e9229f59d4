// PCG64 (XSL-RR 128/64) exactly as numpy.random.PCG64. The 128-bit state is
// eight 16-bit limbs held in doubles: every limb product is < 2^32 and a column
// sum of eight of them stays < 2^36, so double arithmetic is exact and no
// BigInt runs per draw (BigInt costs ~166 ns a draw).
import { generateState64, seedSequencePool, seedWords } from './seedSequence';

const MULTIPLIER = 0x2360ed051fc65da44385df649fccf645n;

function toLimbs(value: bigint): Float64Array {
  const limbs = new Float64Array(8);
  for (let i = 0; i < 8; i++) limbs[i] = Number((value >> BigInt(16 * i)) & 0xffffn);
  return limbs;
}

const M = toLimbs(MULTIPLIER);
const M0 = M[0], M1 = M[1], M2 = M[2], M3 = M[3], M4 = M[4], M5 = M[5], M6 = M[6], M7 = M[7];
const MASK128 = (1n << 128n) - 1n;

/**
 * The stream as pcg64.wat keeps it in memory, in int32 words: state bits 0..127
 * (least significant word first), inc likewise, has32, the buffered high half.
 */
export type Pcg64State = Int32Array;
export const PCG64_STATE_WORDS = 10;

export class Pcg64 {
  /** state limbs, least significant first */
  readonly s: Float64Array;
  /** increment limbs */
  readonly inc: Float64Array;
  /** The two 32-bit halves of the last 64-bit output (set by next64). */
  hi = 0;
  lo = 0;
  /** NumPy's buffered high half for 32-bit draws. */
  hasUint32 = false;
  uint32 = 0;

  constructor(initState: bigint, initSeq: bigint) {
    // pcg_setseq_128_srandom_r: state = 0; inc = seq<<1|1; step; state += initstate; step.
    const inc = ((initSeq << 1n) | 1n) & MASK128;
    const mult = (x: bigint): bigint => (x * MULTIPLIER + inc) & MASK128;
    const state = mult((mult(0n) + initState) & MASK128);
    this.s = toLimbs(state);
    this.inc = toLimbs(inc);
  }

  /** np.random.default_rng(seed)'s bit generator for a non-negative seed. */
  static fromSeed(seed: bigint): Pcg64 {
    const [s0, s1, s2, s3] = generateState64(seedSequencePool(seedWords(seed)), 4);
    return new Pcg64((s0 << 64n) | s1, (s2 << 64n) | s3);
  }

  /** The state as a BigInt (tests and debugging). */
  stateBigInt(): bigint {
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 16n) | BigInt(this.s[i]);
    return v;
  }

  /** Writes the stream into the WebAssembly kernel's layout. */
  saveState(out: Pcg64State): void {
    for (let k = 0; k < 4; k++) {
      out[k] = this.s[2 * k] | (this.s[2 * k + 1] << 16);
      out[4 + k] = this.inc[2 * k] | (this.inc[2 * k + 1] << 16);
    }
    out[8] = this.hasUint32 ? 1 : 0;
    out[9] = this.uint32 | 0;
  }

  /** Takes the stream back after the WebAssembly kernel advanced it (inc never changes). */
  loadState(from: Pcg64State): void {
    for (let k = 0; k < 4; k++) {
      this.s[2 * k] = from[k] & 0xffff;
      this.s[2 * k + 1] = from[k] >>> 16;
    }
    this.hasUint32 = from[8] !== 0;
    this.uint32 = from[9] >>> 0;
  }

  /** Advances once and leaves the 64-bit output in this.hi / this.lo. */
  next64(): void {
    const s = this.s, c = this.inc;
    const a0 = s[0], a1 = s[1], a2 = s[2], a3 = s[3], a4 = s[4], a5 = s[5], a6 = s[6], a7 = s[7];
    // state * M + inc, column by column, carrying as we go (all exact in doubles).
    let t = a0 * M0 + c[0];
    let r = t % 65536; s[0] = r; let carry = (t - r) / 65536;
    t = a0 * M1 + a1 * M0 + c[1] + carry;
    r = t % 65536; s[1] = r; carry = (t - r) / 65536;
    t = a0 * M2 + a1 * M1 + a2 * M0 + c[2] + carry;
    r = t % 65536; s[2] = r; carry = (t - r) / 65536;
    t = a0 * M3 + a1 * M2 + a2 * M1 + a3 * M0 + c[3] + carry;
    r = t % 65536; s[3] = r; carry = (t - r) / 65536;
    t = a0 * M4 + a1 * M3 + a2 * M2 + a3 * M1 + a4 * M0 + c[4] + carry;
    r = t % 65536; s[4] = r; carry = (t - r) / 65536;
    t = a0 * M5 + a1 * M4 + a2 * M3 + a3 * M2 + a4 * M1 + a5 * M0 + c[5] + carry;
    r = t % 65536; s[5] = r; carry = (t - r) / 65536;
    t = a0 * M6 + a1 * M5 + a2 * M4 + a3 * M3 + a4 * M2 + a5 * M1 + a6 * M0 + c[6] + carry;
    r = t % 65536; s[6] = r; carry = (t - r) / 65536;
    t = a0 * M7 + a1 * M6 + a2 * M5 + a3 * M4 + a4 * M3 + a5 * M2 + a6 * M1 + a7 * M0 + c[7] + carry;
    const b7 = t % 65536; s[7] = b7;
    // XSL-RR: xor the 64-bit halves, rotate right by the top 6 bits of the state.
    const xh = ((b7 << 16) | s[6]) ^ ((s[3] << 16) | s[2]);
    const xl = ((s[5] << 16) | s[4]) ^ ((s[1] << 16) | s[0]);
    let rot = b7 >>> 10;
    let h = xh, l = xl;
    if (rot >= 32) { h = xl; l = xh; rot -= 32; }
    if (rot === 0) { this.hi = h >>> 0; this.lo = l >>> 0; return; }
    this.hi = ((h >>> rot) | (l << (32 - rot))) >>> 0;
    this.lo = ((l >>> rot) | (h << (32 - rot))) >>> 0;
  }

  /** next_uint32: the low half of a fresh u64, then its buffered high half. */
  nextUint32(): number {
    if (this.hasUint32) { this.hasUint32 = false; return this.uint32; }
    this.next64();
    this.hasUint32 = true;
    this.uint32 = this.hi;
    return this.lo;
  }

  /** random() float64 = (u64 >> 11) * 2^-53. */
  nextDouble(): number {
    this.next64();
    return (this.hi * 2097152 + (this.lo >>> 11)) * 1.1102230246251565e-16;
  }
}
