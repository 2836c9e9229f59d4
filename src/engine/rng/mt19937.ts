// MT19937 (Matsumoto & Nishimura), the generator behind torch.manual_seed on
// CPU, with the dropout loops that read its output in place.
//
// Speed: V8 checks a typed array's map, length and base on every access to a
// parameter, but not on a module-level constant of known length. So the twist
// runs on two module-level arrays (state and tempered output), which the
// generator that is drawing "owns"; another generator's state is swapped out
// to its own arrays first. Where WebAssembly SIMD is available those arrays
// live in mtTwistSimd.wat's memory and it twists four words at a time;
// otherwise twistJs below computes the same words. Words are int32
// throughout, so hot loops stay in V8's int32 representation; callers
// reinterpret as unsigned where it matters.
import { Slot } from '../kernels';
import { addCompensated } from '../sum';
import { MT_TWIST_SIMD_WASM_HEX } from './mtTwistSimdBytes';
import { instantiateHex } from './wasm';

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df | 0;
const UPPER = 0x80000000 | 0;
const LOWER = 0x7fffffff;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;
const INT_MIN = 0x80000000 | 0;
const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

const SIMD = instantiateHex(MT_TWIST_SIMD_WASM_HEX);
const STATE = SIMD ? new Int32Array(SIMD.buffer, 0, MT_N) : new Int32Array(MT_N);
const OUT = SIMD ? new Int32Array(SIMD.buffer, 4 * MT_N, MT_N) : new Int32Array(MT_N);
const twistSimd = SIMD ? (SIMD.exports.twist as () => void) : null;

/** Whether the twist runs as WebAssembly SIMD here. */
export function mtTwistSimdAvailable(): boolean {
  return twistSimd !== null;
}

export interface Mt19937 {
  /** The 624-word state (current while another generator owns the shared arrays). */
  readonly state: Int32Array;
  /** Tempered outputs of the current block (same caveat). */
  readonly out: Int32Array;
  /** Index of the next unread word of the block; MT_N means "twist first". */
  pos: number;
}

let owner: Mt19937 | null = null;

/** Makes `mt` the owner of the shared arrays (saving the previous owner's words). */
function acquire(mt: Mt19937): void {
  if (owner === mt) return;
  if (owner !== null) {
    owner.state.set(STATE);
    owner.out.set(OUT);
  }
  STATE.set(mt.state);
  OUT.set(mt.out);
  owner = mt;
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

/** Advances the shared state by one block and writes its 624 tempered outputs. */
function twist(): void {
  if (twistSimd !== null) twistSimd();
  else twistJs(STATE, OUT);
}

/** The twist in JavaScript (on any pair of arrays, so tests can compare it with the SIMD one). */
export function twistJs(state: Int32Array, outWords: Int32Array): void {
  const s = state;
  const out = outWords;
  let cur = s[0];
  let kk = 0;
  for (; kk < MT_N - MT_M; kk++) {
    const next = s[kk + 1];
    const y = (cur & UPPER) | (next & LOWER);
    const v = s[kk + MT_M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    s[kk] = v;
    let t = v ^ (v >>> 11);
    t ^= (t << 7) & TEMPER_B;
    t ^= (t << 15) & TEMPER_C;
    out[kk] = t ^ (t >>> 18);
    cur = next;
  }
  for (; kk < MT_N - 1; kk++) {
    const next = s[kk + 1];
    const y = (cur & UPPER) | (next & LOWER);
    const v = s[kk + MT_M - MT_N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    s[kk] = v;
    let t = v ^ (v >>> 11);
    t ^= (t << 7) & TEMPER_B;
    t ^= (t << 15) & TEMPER_C;
    out[kk] = t ^ (t >>> 18);
    cur = next;
  }
  const y = (cur & UPPER) | (s[0] & LOWER);
  const v = s[MT_M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  s[MT_N - 1] = v;
  let t = v ^ (v >>> 11);
  t ^= (t << 7) & TEMPER_B;
  t ^= (t << 15) & TEMPER_C;
  out[MT_N - 1] = t ^ (t >>> 18);
}

/** The next word as an int32 (reinterpret with >>> 0 for the unsigned value). */
export function mtNextInt32(mt: Mt19937): number {
  acquire(mt);
  if (mt.pos >= MT_N) {
    twist();
    mt.pos = 0;
  }
  return OUT[mt.pos++];
}

/**
 * torch's bernoulli(keep) compares u = ((hi * 2^32 + lo) mod 2^53) * 2^-53
 * with keep, i.e. the 53-bit integer u53 with ceil(keep * 2^53). That limit is
 * split into a high part (compared with hi & 0x1fffff) and a low 32-bit part
 * (compared with lo only on a tie, 1 time in 2^21; unsigned order of lo is the
 * signed order of lo ^ INT_MIN).
 */
export interface TorchLimit {
  hi: number;
  lo: number;
}

export function torchLimit(keep: number): TorchLimit {
  const c = Math.ceil(keep * TWO_53);
  const hi = Math.floor(c / TWO_32);
  return { hi: hi | 0, lo: ((c - hi * TWO_32) | 0) ^ INT_MIN };
}

/** One mask element from the next two words (the slow path, for pairs that straddle blocks). */
function nextKept(mt: Mt19937, limit: TorchLimit): number {
  const hi = mtNextInt32(mt) & 0x1fffff;
  const lo = mtNextInt32(mt);
  return hi < limit.hi || (hi === limit.hi && (lo ^ INT_MIN) < limit.lo) ? 1 : 0;
}

/** Writes mask[start..end) as torch's bernoulli_(keep) would, continuing the stream. */
export function torchBernoulli(mt: Mt19937, mask: Uint8Array, start: number, end: number, keep: number): void {
  const limit = torchLimit(keep);
  const chi = limit.hi;
  const clo = limit.lo;
  acquire(mt);
  const out = OUT;
  let pos = mt.pos;
  let i = start;
  while (i < end) {
    if (pos >= MT_N - 1) {
      mt.pos = pos;
      if (pos === MT_N - 1) {
        mask[i++] = nextKept(mt, limit);
        pos = mt.pos;
        continue;
      }
      twist();
      pos = 0;
    }
    const stop = Math.min(end, i + ((MT_N - pos) >> 1));
    for (; i < stop; i++) {
      const hi = out[pos] & 0x1fffff;
      let k = ((hi - chi) >> 31) & 1;
      if (hi === chi) k = (out[pos + 1] ^ INT_MIN) < clo ? 1 : 0;
      mask[i] = k;
      pos += 2;
    }
  }
  mt.pos = pos;
}

/**
 * torch's dropout on float32 in one pass: draws the mask, writes
 * out = f32(x * table[m]) and adds the sums (Slot.Out, Unscaled, X and X2)
 * per block of at most 312 elements. Returns the kept count. Written out once
 * per dtype so each loop stays monomorphic in V8.
 */
export function torchDropoutF32(
  mt: Mt19937,
  x: Float32Array,
  out: Float32Array,
  mask: Uint8Array,
  keep: number,
  table: Float64Array,
  acc: Float64Array,
): number {
  const limit = torchLimit(keep);
  const chi = limit.hi;
  const clo = limit.lo;
  const n = x.length;
  acquire(mt);
  const words = OUT;
  let pos = mt.pos;
  let kept = 0;
  let i = 0;
  while (i < n) {
    if (pos >= MT_N - 1) {
      mt.pos = pos;
      if (pos === MT_N - 1) {
        const m = nextKept(mt, limit);
        pos = mt.pos;
        mask[i] = m;
        const v = x[i];
        const y = Math.fround(v * table[m]);
        out[i++] = y;
        addCompensated(acc, Slot.Out, y);
        addCompensated(acc, Slot.Unscaled, v * m);
        addCompensated(acc, Slot.X, v);
        addCompensated(acc, Slot.X2, v * v);
        kept += m;
        continue;
      }
      twist();
      pos = 0;
    }
    const stop = Math.min(n, i + ((MT_N - pos) >> 1));
    let so = 0;
    let su = 0;
    let sx = 0;
    let sq = 0;
    for (; i < stop; i++) {
      const hi = words[pos] & 0x1fffff;
      let m = ((hi - chi) >> 31) & 1;
      if (hi === chi) m = (words[pos + 1] ^ INT_MIN) < clo ? 1 : 0;
      pos += 2;
      mask[i] = m;
      const v = x[i];
      const y = Math.fround(v * table[m]);
      out[i] = y;
      so += y;
      su += v * m;
      sx += v;
      sq += v * v;
      kept += m;
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
    addCompensated(acc, Slot.X, sx);
    addCompensated(acc, Slot.X2, sq);
  }
  mt.pos = pos;
  return kept;
}

/** torchDropoutF32 for float64: out = x * table[m]. */
export function torchDropoutF64(
  mt: Mt19937,
  x: Float64Array,
  out: Float64Array,
  mask: Uint8Array,
  keep: number,
  table: Float64Array,
  acc: Float64Array,
): number {
  const limit = torchLimit(keep);
  const chi = limit.hi;
  const clo = limit.lo;
  const n = x.length;
  acquire(mt);
  const words = OUT;
  let pos = mt.pos;
  let kept = 0;
  let i = 0;
  while (i < n) {
    if (pos >= MT_N - 1) {
      mt.pos = pos;
      if (pos === MT_N - 1) {
        const m = nextKept(mt, limit);
        pos = mt.pos;
        mask[i] = m;
        const v = x[i];
        const y = v * table[m];
        out[i++] = y;
        addCompensated(acc, Slot.Out, y);
        addCompensated(acc, Slot.Unscaled, v * m);
        addCompensated(acc, Slot.X, v);
        addCompensated(acc, Slot.X2, v * v);
        kept += m;
        continue;
      }
      twist();
      pos = 0;
    }
    const stop = Math.min(n, i + ((MT_N - pos) >> 1));
    let so = 0;
    let su = 0;
    let sx = 0;
    let sq = 0;
    for (; i < stop; i++) {
      const hi = words[pos] & 0x1fffff;
      let m = ((hi - chi) >> 31) & 1;
      if (hi === chi) m = (words[pos + 1] ^ INT_MIN) < clo ? 1 : 0;
      pos += 2;
      mask[i] = m;
      const v = x[i];
      const y = v * table[m];
      out[i] = y;
      so += y;
      su += v * m;
      sx += v;
      sq += v * v;
      kept += m;
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
    addCompensated(acc, Slot.X, sx);
    addCompensated(acc, Slot.X2, sq);
  }
  mt.pos = pos;
  return kept;
}
