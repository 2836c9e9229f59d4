// numpy.random.SeedSequence for an integer seed: the entropy pool that
// np.random.default_rng(seed) hands to PCG64. Seeding runs once per source, so
// plain 32-bit arithmetic with Math.imul is plenty; BigInt only splits the seed.
import type { Seed } from '../types';

const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

/** Parses a Seed into a non-negative BigInt, rejecting what NumPy rejects. */
export function numpySeedToBigInt(seed: Seed): bigint {
  let value: bigint;
  if (typeof seed === 'bigint') value = seed;
  else if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) throw new Error(`SeedSequence expects an integer seed, got ${seed}`);
    value = BigInt(seed);
  } else {
    if (!/^\s*-?\d+\s*$/.test(seed)) throw new Error(`SeedSequence expects an integer seed, got "${seed}"`);
    value = BigInt(seed.trim());
  }
  // NumPy: "expected non-negative integer" (SeedSequence refuses negative entropy).
  if (value < 0n) throw new Error(`expected non-negative integer, got ${value}`);
  return value;
}

/** The int seed as 32-bit words, least significant first ([0] for 0), as NumPy coerces it. */
export function seedWords(seed: bigint): number[] {
  const words: number[] = [];
  let rest = seed;
  do {
    words.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  } while (rest > 0n);
  return words;
}

/** The mixed entropy pool (POOL_SIZE uint32 words). */
export function seedSequencePool(entropy: readonly number[]): Uint32Array {
  const pool = new Uint32Array(POOL_SIZE);
  let hashConst = INIT_A;
  // hashmix mutates the running hash constant, so it lives in this closure's scope.
  const hashmix = (v: number): number => {
    let value = (v ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (result ^ (result >>> 16)) >>> 0;
  };
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  return pool;
}

/** generate_state(nWords, uint64): little-endian pairs of the uint32 stream. */
export function generateState64(pool: Uint32Array, nWords: number): bigint[] {
  const words32 = new Uint32Array(nWords * 2);
  let hashConst = INIT_B;
  for (let i = 0; i < words32.length; i++) {
    let value = (pool[i % pool.length] ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_B) >>> 0;
    value = Math.imul(value, hashConst) >>> 0;
    words32[i] = (value ^ (value >>> 16)) >>> 0;
  }
  const out: bigint[] = [];
  for (let i = 0; i < nWords; i++) out.push((BigInt(words32[2 * i + 1]) << 32n) | BigInt(words32[2 * i]));
  return out;
}
