// The generic per-element loops: any convention's rule, any variant. (The
// fused multiplicative loops of torch and fast live with their generators, in
// rng/mt19937.ts and rng/fast.ts.) Each walks its range in short blocks,
// summing plainly inside a block and handing the block's partial sums to
// compensated accumulators (sum.ts); no allocation per element.
import { KeptKind, type TrainRule } from './rules';
import { addCompensated } from './sum';

/** Elements per partial sum. */
export const BLOCK = 256;

/** Accumulator slots shared by the loops below. */
export const enum Slot {
  /** sum of the train output */
  Out = 0,
  /** sum of x * mask (unscaled; select conventions add 0 for dropped) */
  Unscaled = 1,
  /** sum of x */
  X = 2,
  /** sum of c_i^2, c_i = kept minus dropped output of element i (see rules.ts) */
  C2 = 3,
  /** sum of c_i */
  C = 4,
  /** sum of the dropped outputs d_i */
  D = 5,
}
export const SLOTS = 6;

/**
 * Any mask rule, any convention, one element at a time. Adds every slot
 * (C2 as the sum of c_i^2 per element: the variance when nothing is broadcast).
 * Returns the kept count.
 */
export function applyRule(
  x: Float32Array | Float64Array, mask: Uint8Array, out: Float32Array | Float64Array,
  rule: TrainRule, coefA: number, coefB: number, acc: Float64Array,
): number {
  const f32 = out instanceof Float32Array;
  const { kind, factor, offset, select, droppedValue } = rule;
  const n = x.length;
  let kept = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const stop = Math.min(n, b + BLOCK);
    let so = 0;
    let su = 0;
    let sx = 0;
    let sc2 = 0;
    let sc = 0;
    let sd = 0;
    for (let i = b; i < stop; i++) {
      const v = x[i];
      const zero = v * 0; // +-0, or NaN for NaN/+-Inf: what multiplying by a dropped 0 gives
      const d = select ? droppedValue : kind === KeptKind.Affine ? zero + droppedValue : zero;
      if (mask[i] !== 0) {
        let y: number;
        if (kind === KeptKind.Scale) y = v * factor;
        else if (kind === KeptKind.Divide) y = v / factor;
        else {
          y = v * factor;
          if (f32) y = Math.fround(y);
          y += offset;
        }
        out[i] = y;
        su += v;
        kept++;
      } else {
        out[i] = d;
        if (!select) su += zero;
      }
      so += out[i];
      sx += v;
      const c = coefA * v + coefB;
      sc += c;
      sc2 += c * c;
      sd += d;
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
    addCompensated(acc, Slot.X, sx);
    addCompensated(acc, Slot.C2, sc2);
    addCompensated(acc, Slot.C, sc);
    addCompensated(acc, Slot.D, sd);
  }
  return kept;
}

/**
 * Gaussian dropout: out = round(x * (1 + sigma * z[g])), g the element's mask
 * group. Adds Out, Unscaled (= x, the mask being all ones), X and C2 (x^2).
 */
export function applyGaussian(
  x: Float32Array | Float64Array, z: Float64Array, group: Int32Array | null, sigma: number,
  out: Float32Array | Float64Array, acc: Float64Array,
): void {
  const n = x.length;
  for (let b = 0; b < n; b += BLOCK) {
    const stop = Math.min(n, b + BLOCK);
    let so = 0;
    let sx = 0;
    let sxx = 0;
    for (let i = b; i < stop; i++) {
      const v = x[i];
      out[i] = v * (1 + sigma * z[group === null ? i : group[i]]);
      so += out[i];
      sx += v;
      sxx += v * v;
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, sx);
    addCompensated(acc, Slot.X, sx);
    addCompensated(acc, Slot.C2, sxx);
  }
}

/** Sum over mask groups of (sum over the group of coefA * x + coefB)^2: the variance's sum with broadcast dims. */
export function groupedSquareSum(
  x: Float32Array | Float64Array, group: Int32Array, groups: number, coefA: number, coefB: number,
): Float64Array {
  const g = new Float64Array(groups);
  for (let i = 0; i < x.length; i++) g[group[i]] += coefA * x[i] + coefB;
  for (let k = 0; k < groups; k++) g[k] *= g[k];
  return g;
}
