// MT19937 (Matsumoto & Nishimura), the generator behind torch.manual_seed on
// CPU. Words are kept as int32 (Int32Array) so hot loops stay in V8's int32
// representation; callers reinterpret them as unsigned where it matters.

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;

export interface Mt19937 {
  /** The 624-word state. */
  readonly state: Int32Array;
  /** Tempered outputs of the current block. */
  readonly out: Int32Array;
  /** Index of the next unread word in `out`; MT_N means "twist first". */
  pos: number;
}

/** init_genrand(seed32): what torch's mt19937(seed) does with the low 32 bits. */
export function createMt19937(seed32: number): Mt19937 {
  const state = new Int32Array(MT_N);
  state[0] = seed32 | 0;
  for (let i = 1; i < MT_N; i++) {
    const prev = state[i - 1];
    state[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) | 0;
  }
  return { state, out: new Int32Array(MT_N), pos: MT_N };
}

/**
 * Advances the state by one block and writes the 624 tempered outputs.
 * A top-level function (not a closure) so V8 optimises it once for all users.
 */
export function mtTwist(mt: Mt19937): void {
  const s = mt.state;
  const out = mt.out;
  let kk = 0;
  for (; kk < MT_N - MT_M; kk++) {
    const y = (s[kk] & UPPER) | (s[kk + 1] & LOWER);
    s[kk] = s[kk + MT_M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  for (; kk < MT_N - 1; kk++) {
    const y = (s[kk] & UPPER) | (s[kk + 1] & LOWER);
    s[kk] = s[kk + MT_M - MT_N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  const y = (s[MT_N - 1] & UPPER) | (s[0] & LOWER);
  s[MT_N - 1] = s[MT_M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  for (let i = 0; i < MT_N; i++) {
    let t = s[i];
    t ^= t >>> 11;
    t ^= (t << 7) & (0x9d2c5680 | 0);
    t ^= (t << 15) & (0xefc60000 | 0);
    t ^= t >>> 18;
    out[i] = t;
  }
  mt.pos = 0;
}

/** The next word as an int32 (reinterpret with >>> 0 for the unsigned value). */
export function mtNextInt32(mt: Mt19937): number {
  if (mt.pos >= MT_N) mtTwist(mt);
  return mt.out[mt.pos++];
}
