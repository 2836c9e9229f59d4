// xoshiro128** (Blackman & Vigna), the playground's own "fast" generator.
//
// Seed mapping: the seed's integer value modulo 2^64 (two's complement, so
// -1 -> 2^64 - 1) is the starting state of splitmix64; its first two outputs
// z1, z2 give the state words [lo(z1), hi(z1), lo(z2), hi(z2)]. Seeds that are
// congruent modulo 2^64 therefore share a stream. splitmix64 never yields two
// zero outputs in a row, so the state is never all zero.
import type { Seed } from '../types';
import { seedToBigInt } from '../seed';

const MASK64 = (1n << 64n) - 1n;

function splitmix64(state: bigint): [next: bigint, output: bigint] {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [next, z ^ (z >> 31n)];
}

/** The four int32 state words for a seed (BigInt only here, never in hot loops). */
export function xoshiroStateFromSeed(seed: Seed): Int32Array {
  const [s1, z1] = splitmix64(BigInt.asUintN(64, seedToBigInt(seed)));
  const [, z2] = splitmix64(s1);
  return Int32Array.of(
    Number(z1 & 0xffffffffn) | 0,
    Number(z1 >> 32n) | 0,
    Number(z2 & 0xffffffffn) | 0,
    Number(z2 >> 32n) | 0,
  );
}

/** Writes `count` outputs (as int32) into out[0..count), advancing the state. */
export function xoshiroFill(state: Int32Array, out: Int32Array, count: number): void {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  for (let i = 0; i < count; i++) {
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
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}
