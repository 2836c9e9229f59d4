// NumPy's SeedSequence (numpy/random/bit_generator.pyx), as
// np.random.default_rng(seed) uses it: the integer seed is split into 32-bit
// words (least significant first), hashed into a pool of 4 words, and the pool
// is stretched into the generator's initial state. Runs once per seeding, so
// plain 32-bit arithmetic with Math.imul is all it needs.

const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

/** A non-negative integer as 32-bit words, least significant first (0 -> [0]), as NumPy coerces it. */
export function entropyWords(seed: bigint): number[] {
  if (seed < 0n) throw new Error(`expected non-negative integer, got ${seed}`);
  const words: number[] = [];
  let v = seed;
  do {
    words.push(Number(v & 0xffffffffn));
    v >>= 32n;
  } while (v > 0n);
  return words;
}

/** The mixed pool of 4 words (SeedSequence.pool) for the given entropy words. */
export function seedSequencePool(entropy: readonly number[]): Uint32Array {
  // hashmix mutates one running constant across every call, as NumPy's does.
  let hashConst = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_A) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  const pool = new Uint32Array(POOL_SIZE);
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

/** SeedSequence.generate_state(nWords, uint32): the pool cycled and hashed again. */
export function generateState32(pool: Uint32Array, nWords: number): Uint32Array {
  const out = new Uint32Array(nWords);
  let hashConst = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let v = (pool[i % POOL_SIZE] ^ hashConst) >>> 0;
    hashConst = Math.imul(hashConst, MULT_B) >>> 0;
    v = Math.imul(v, hashConst) >>> 0;
    out[i] = (v ^ (v >>> XSHIFT)) >>> 0;
  }
  return out;
}

/** SeedSequence(seed).generate_state(n, uint64): pairs of 32-bit words, low word first (little-endian view). */
export function generateState64(seed: bigint, n: number): bigint[] {
  const words = generateState32(seedSequencePool(entropyWords(seed)), 2 * n);
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) out.push((BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i]));
  return out;
}
