// xoshiro128** (Blackman & Vigna) in four independent lanes, the playground's
// own "fast" generator.
//
// Seed mapping: the seed's integer value modulo 2^64 (two's complement, so
// -1 -> 2^64 - 1) is the starting state of splitmix64; its first eight
// outputs z1..z8 seed the lanes, lane k taking [lo(z_2k+1), hi(z_2k+1),
// lo(z_2k+2), hi(z_2k+2)]. Seeds congruent modulo 2^64 share a stream.
// splitmix64 never yields two zero outputs in a row, so no lane is all zero.
//
// The stream is a sequence of blocks of four words, word k of a block from
// lane k (every lane steps once per block). A draw of c words takes ceil(c/4)
// blocks; the unused words of its last block are skipped. Four lanes let
// WebAssembly SIMD compute one block per instruction (fastSimd.wat).
//
// State layout (matching the SIMD registers): state[4 * w + k] is word w of lane k.
import type { Seed } from '../types';
import { seedToBigInt } from '../seed';

const MASK64 = (1n << 64n) - 1n;
export const LANES = 4;

/** The 16 int32 state words for a seed (BigInt only here, never in hot loops). */
export function xoshiroStateFromSeed(seed: Seed): Int32Array {
  let sm = BigInt.asUintN(64, seedToBigInt(seed));
  const state = new Int32Array(16);
  for (let k = 0; k < LANES; k++) {
    for (let half = 0; half < 2; half++) {
      sm = (sm + 0x9e3779b97f4a7c15n) & MASK64;
      let z = sm;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
      z ^= z >> 31n;
      state[4 * (2 * half) + k] = Number(z & 0xffffffffn) | 0;
      state[4 * (2 * half + 1) + k] = Number(z >> 32n) | 0;
    }
  }
  return state;
}

/**
 * Writes the next `blocks` blocks into out[0 .. 4 * blocks), word 4j + k from
 * lane k. Lane by lane, so each lane's state stays in int32 locals.
 */
export function xoshiroBlocks(state: Int32Array, out: Int32Array, blocks: number): void {
  const end = 4 * blocks;
  for (let k = 0; k < LANES; k++) {
    let s0 = state[k];
    let s1 = state[4 + k];
    let s2 = state[8 + k];
    let s3 = state[12 + k];
    for (let i = k; i < end; i += LANES) {
      const r = Math.imul(s1, 5);
      out[i] = Math.imul((r << 7) | (r >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    state[k] = s0;
    state[4 + k] = s1;
    state[8 + k] = s2;
    state[12 + k] = s3;
  }
}
