// Seeds arrive as a number, a bigint or a decimal string (for seeds above
// 2^53, which a number cannot hold exactly). Every convention reads the seed
// through these helpers so that "5", 5 and 5n are the same seed everywhere.
import type { Seed } from './types';

const DECIMAL = /^-?[0-9]+$/;
const TWO_32 = 1n << 32n;

/** The seed as an exact integer; throws a clear Error for anything that is not an integer. */
export function seedToBigInt(seed: Seed): bigint {
  if (typeof seed === 'bigint') return seed;
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) {
      throw new Error(`The seed must be an integer, got ${seed}.`);
    }
    return BigInt(seed);
  }
  if (typeof seed === 'string' && DECIMAL.test(seed)) return BigInt(seed);
  throw new Error(`The seed must be an integer or a decimal string of digits, got ${JSON.stringify(String(seed))}.`);
}

/**
 * The low 32 bits of the seed's two's-complement value, as an unsigned number
 * (what torch.manual_seed keeps: 2^32 + 5 -> 5, -1 -> 0xffffffff).
 */
export function seedLow32(seed: Seed): number {
  const v = seedToBigInt(seed) % TWO_32; // in (-2^32, 2^32), sign of the dividend
  return Number(v < 0n ? v + TWO_32 : v);
}

/** The seed modulo 2^64 as [high 32 bits, low 32 bits], both unsigned. */
export function seedLow64Words(seed: Seed): [number, number] {
  const v = BigInt.asUintN(64, seedToBigInt(seed));
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
}

/**
 * The seed for a convention that refuses negative seeds (NumPy's SeedSequence
 * does: "expected non-negative integer"). Returns the exact value.
 */
export function nonNegativeSeed(seed: Seed, convention: string): bigint {
  const v = seedToBigInt(seed);
  if (v < 0n) {
    throw new Error(`The ${convention} convention needs a non-negative seed (as ${convention} itself does), got ${v}.`);
  }
  return v;
}
