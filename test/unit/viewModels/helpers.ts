// Inputs shared by the teaching tests: reproducible tensors from a fixed LCG.
import type { Tensor } from '../../../src/engine';

export function lcgValues(n: number, seed: number, lo: number, hi: number): Float64Array {
  let s = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + (s / 4294967296) * (hi - lo);
  }
  return out;
}

export function tensor64(values: ArrayLike<number>, shape: number[] = [values.length]): Tensor {
  return { shape, dtype: 'float64', data: Float64Array.from(values) };
}

export function ones(n: number, dtype: 'float32' | 'float64' = 'float32'): Tensor {
  return { shape: [n], dtype, data: dtype === 'float32' ? new Float32Array(n).fill(1) : new Float64Array(n).fill(1) };
}

export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Unbiased sample variance, two-pass. */
export function variance(v: ArrayLike<number>): number {
  const m = mean(v);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return s / (v.length - 1);
}

/**
 * The standard error of a sample variance of N values, from their fourth
 * central moment: √((m4 − s⁴)/N). Exact for i.i.d. samples; conservative for
 * the stratified ones the tests draw.
 */
export function varianceStandardError(v: ArrayLike<number>): number {
  const m = mean(v);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < v.length; i++) {
    const d = (v[i] - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= v.length;
  m4 /= v.length;
  return Math.sqrt((m4 - m2 * m2) / v.length);
}

export function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`${what}: ${actual} is not within ${tolerance} of ${expected}`);
  }
}
