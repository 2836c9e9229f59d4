// The per-element loops: applyRule for any convention's rule and variant, and
// plain loops for the two rules worth a loop of their own (numpy's divide,
// jax's select). (The fused multiplicative loops of torch and fast live with
// their generators, in rng/mt19937.ts and rng/fast.ts.) Each walks its range
// in short blocks, summing plainly inside a block and handing the block's
// partial sums to compensated accumulators (sum.ts); no allocation per element.
import { KeptKind, type TrainRule } from './rules';
import { addCompensated } from './sum';

/** Elements per partial sum. */
export const BLOCK = 256;

/**
 * Accumulator slots shared by the loops below and the fused loops of
 * rng/mt19937.ts and rng/fast.ts: every loop addresses a slot by its name
 * here, and trainDraw.ts reads each slot knowing which loops add it.
 */
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
  /**
   * sum of x_i^2: what the fused loops add instead of C2, as they see the
   * rule only as an output factor (c_i = factor * x_i there, so the drawer
   * takes factor^2 * X2 for C2).
   */
  X2 = 6,
}
/** Slots in a bank (one more than the last Slot). */
export const SLOTS = 7;

/**
 * Any mask rule, any convention, one element at a time. Adds every slot
 * (C2 as the sum of c_i^2 per element: the variance when nothing is broadcast).
 * Returns the kept count.
 */
export function applyRule(
  x: Float32Array | Float64Array,
  mask: Uint8Array,
  out: Float32Array | Float64Array,
  rule: TrainRule,
  coefA: number,
  coefB: number,
  acc: Float64Array,
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

// A kept mask byte is any non-zero byte (as applyRule reads it). The loops
// below turn it into a number without a branch: a random mask makes a branch
// mispredict on about every other element, which costs more than the rest of
// the loop body. The divide loops look it up (measured faster there), the
// select loops compute (m | -m) >> 31: all ones (-1) for kept, 0 for dropped.
/** 1 for a kept byte, 0 for a dropped one. */
const KEPT = new Float64Array(256).fill(1);
KEPT[0] = 0;

// The loops below are the plain routes of trainDraw: one mask element per
// tensor element (no broadcast dims), one dtype and one rule each, so the
// engine compiles each to a tight loop. They add the same per-block partial
// sums, in the same order, as applyRule does for the same rule, so the
// results are the same to the bit. `from` must be a multiple of BLOCK (the
// numpy route calls them chunk by chunk as the mask is drawn). With `statics`
// they also add the slots that do not depend on the mask (X, C, C2), which a
// draw after the first can take from the first. Slot D is never added: its
// value follows from the rule (see trainDraw.ts).

/**
 * numpy's inverted rule on float32: out = f32(f32(x * m) / f32(keep)), computed
 * as f32(x * m * inv) with inv = 1 / f32(keep) in double. The two agree for
 * every float32 x: inv * x is within 2^-52 (relative) of the exact quotient,
 * and the exact quotient of two float32 values is never within 2^-49 of a
 * float32 rounding midpoint (x - mid * keep is a non-zero multiple of the
 * product's last bit), so both round to the same float32 (also where the
 * float32 result is subnormal or overflows). A dropped element is
 * (x * inv) * 0 = x * 0: +-0 with x's sign, NaN for NaN/+-Inf, since inv > 0
 * and x * inv cannot overflow a double (inv <= 2^53).
 * Returns the kept count.
 */
export function applyDivideF32(
  x: Float32Array,
  mask: Uint8Array,
  out: Float32Array,
  from: number,
  to: number,
  inv: number,
  acc: Float64Array,
  statics: boolean,
): number {
  let kept = 0;
  for (let b = from; b < to; b += BLOCK) {
    const stop = Math.min(to, b + BLOCK);
    let so = 0;
    let su = 0;
    if (statics) {
      let sx = 0;
      let sc = 0;
      let sc2 = 0;
      for (let i = b; i < stop; i++) {
        const v = x[i];
        const k = KEPT[mask[i]];
        const c = v * inv;
        const y = c * k;
        out[i] = y;
        so += Math.fround(y);
        su += v * k;
        sx += v;
        sc += c;
        sc2 += c * c;
        kept += k;
      }
      addCompensated(acc, Slot.X, sx);
      addCompensated(acc, Slot.C, sc);
      addCompensated(acc, Slot.C2, sc2);
    } else {
      for (let i = b; i < stop; i++) {
        const v = x[i];
        const k = KEPT[mask[i]];
        const y = v * inv * k;
        out[i] = y;
        so += Math.fround(y);
        su += v * k;
        kept += k;
      }
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
  }
  return kept;
}

/**
 * numpy's inverted rule on float64: out = (x * m) / keep with true division
 * (a reciprocal would not round like it in double). inv = 1 / keep gives the
 * C slots as applyRule computes them. Returns the kept count.
 */
export function applyDivideF64(
  x: Float64Array,
  mask: Uint8Array,
  out: Float64Array,
  from: number,
  to: number,
  factor: number,
  inv: number,
  acc: Float64Array,
  statics: boolean,
): number {
  let kept = 0;
  for (let b = from; b < to; b += BLOCK) {
    const stop = Math.min(to, b + BLOCK);
    let so = 0;
    let su = 0;
    if (statics) {
      let sx = 0;
      let sc = 0;
      let sc2 = 0;
      for (let i = b; i < stop; i++) {
        const v = x[i];
        const k = KEPT[mask[i]];
        const u = v * k;
        const y = u / factor;
        out[i] = y;
        so += y;
        su += u;
        sx += v;
        const c = v * inv;
        sc += c;
        sc2 += c * c;
        kept += k;
      }
      addCompensated(acc, Slot.X, sx);
      addCompensated(acc, Slot.C, sc);
      addCompensated(acc, Slot.C2, sc2);
    } else {
      for (let i = b; i < stop; i++) {
        const k = KEPT[mask[i]];
        const u = x[i] * k;
        const y = u / factor;
        out[i] = y;
        so += y;
        su += u;
        kept += k;
      }
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
  }
  return kept;
}

/**
 * jax's select rule with a scale (inverted, classic, unscaled): kept = x * factor,
 * dropped = +0 whatever x held. The select is done on the bits: x's words ANDed
 * with all ones (kept) or zeros (dropped) give x or +0 exactly, NaN and Inf
 * included, then one multiply. (`out` briefly holds the selected input.)
 * Returns the kept count.
 */
export function applySelectScaleF32(
  x: Float32Array,
  mask: Uint8Array,
  out: Float32Array,
  from: number,
  to: number,
  factor: number,
  acc: Float64Array,
  statics: boolean,
): number {
  const xBits = new Int32Array(x.buffer, x.byteOffset, x.length);
  const outBits = new Int32Array(out.buffer, out.byteOffset, out.length);
  let kept = 0;
  for (let b = from; b < to; b += BLOCK) {
    const stop = Math.min(to, b + BLOCK);
    let so = 0;
    let su = 0;
    if (statics) {
      let sx = 0;
      let sc = 0;
      let sc2 = 0;
      for (let i = b; i < stop; i++) {
        const v = x[i];
        const m = mask[i];
        const sel = (m | -m) >> 31;
        outBits[i] = xBits[i] & sel;
        const w = out[i];
        const y = w * factor;
        out[i] = y;
        so += Math.fround(y);
        su += w;
        sx += v;
        const c = v * factor;
        sc += c;
        sc2 += c * c;
        kept -= sel;
      }
      addCompensated(acc, Slot.X, sx);
      addCompensated(acc, Slot.C, sc);
      addCompensated(acc, Slot.C2, sc2);
    } else {
      for (let i = b; i < stop; i++) {
        const m = mask[i];
        const sel = (m | -m) >> 31;
        outBits[i] = xBits[i] & sel;
        const w = out[i];
        const y = w * factor;
        out[i] = y;
        so += Math.fround(y);
        su += w;
        kept -= sel;
      }
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
  }
  return kept;
}

/** applySelectScaleF32 on float64 (two words per element). */
export function applySelectScaleF64(
  x: Float64Array,
  mask: Uint8Array,
  out: Float64Array,
  from: number,
  to: number,
  factor: number,
  acc: Float64Array,
  statics: boolean,
): number {
  const xBits = new Int32Array(x.buffer, x.byteOffset, 2 * x.length);
  const outBits = new Int32Array(out.buffer, out.byteOffset, 2 * out.length);
  let kept = 0;
  for (let b = from; b < to; b += BLOCK) {
    const stop = Math.min(to, b + BLOCK);
    let so = 0;
    let su = 0;
    if (statics) {
      let sx = 0;
      let sc = 0;
      let sc2 = 0;
      for (let i = b; i < stop; i++) {
        const v = x[i];
        const m = mask[i];
        const sel = (m | -m) >> 31;
        outBits[2 * i] = xBits[2 * i] & sel;
        outBits[2 * i + 1] = xBits[2 * i + 1] & sel;
        const w = out[i];
        const y = w * factor;
        out[i] = y;
        so += y;
        su += w;
        sx += v;
        const c = v * factor;
        sc += c;
        sc2 += c * c;
        kept -= sel;
      }
      addCompensated(acc, Slot.X, sx);
      addCompensated(acc, Slot.C, sc);
      addCompensated(acc, Slot.C2, sc2);
    } else {
      for (let i = b; i < stop; i++) {
        const m = mask[i];
        const sel = (m | -m) >> 31;
        outBits[2 * i] = xBits[2 * i] & sel;
        outBits[2 * i + 1] = xBits[2 * i + 1] & sel;
        const w = out[i];
        const y = w * factor;
        out[i] = y;
        so += y;
        su += w;
        kept -= sel;
      }
    }
    addCompensated(acc, Slot.Out, so);
    addCompensated(acc, Slot.Unscaled, su);
  }
  return kept;
}

/**
 * Gaussian dropout: out = round(x * (1 + sigma * z[g])), g the element's mask
 * group. Adds Out, Unscaled (= x, the mask being all ones), X and C2 as the
 * sum of x_i^2 (c_i = x_i here: the output is x_i + sigma * z * x_i).
 */
export function applyGaussian(
  x: Float32Array | Float64Array,
  z: Float64Array,
  group: Int32Array | null,
  sigma: number,
  out: Float32Array | Float64Array,
  acc: Float64Array,
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

/**
 * Sum over mask groups of (sum over the group of c_i)^2, c_i = coefA * x_i + coefB:
 * the variance's sum with broadcast dims, where the per-element Slot.C2 (one
 * group per element) does not apply. One entry per group, to sum compensated.
 */
export function groupedSquareSum(
  x: Float32Array | Float64Array,
  group: Int32Array,
  groups: number,
  coefA: number,
  coefB: number,
): Float64Array {
  const g = new Float64Array(groups);
  for (let i = 0; i < x.length; i++) g[group[i]] += coefA * x[i] + coefB;
  for (let k = 0; k < groups; k++) g[k] *= g[k];
  return g;
}
