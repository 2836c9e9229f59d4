// One train-mode draw: the mask, the train output and its sums, for one seed's
// stream. dropout() makes one draw; monteCarlo() makes `trials` draws from the
// same stream. Three routes give the same numbers:
// - fused (torch, fast; no broadcast; multiplicative scale): mask, output and
//   sums in one pass over the tensor;
// - plain (numpy's divide rule, jax's select with a scale; no broadcast): the
//   mask from the source (numpy's range by range, each applied while still in
//   cache), then a loop made for that rule and dtype (kernels.ts);
// - generic: the source fills the (reduced) mask in one call, it is expanded,
//   then the convention's rule is applied (every convention and variant);
// - gaussian: normals from the source on the reduced shape, mask all ones.
import type { MaskSource } from './types';
import type { Plan } from './plan';
import {
  applyDivideF32, applyDivideF64, applyGaussian, applyRule, applySelectScaleF32, applySelectScaleF64,
  groupedSquareSum, BLOCK, SLOTS, Slot,
} from './kernels';
import { KeptKind, gaussianSigma, ruleCoefficients, trainRule, type TrainRule } from './rules';
import { expandMask } from './shape';
import { compensatedSum, compensatedValue, createAccumulators } from './sum';
import type { FusedMaskSource } from './rng/fused';
import { TorchSource } from './rng/torch';
import { FastSource } from './rng/fast';
import { NumpySource } from './rng/numpy';

/** Mask elements the numpy route draws, then applies, at a time (a multiple of BLOCK). */
const RANGE = 16 * BLOCK;

const enum Plain {
  None,
  /** numpy: out = x * m / keep */
  Divide,
  /** jax: out = m ? x * factor : +0 */
  SelectScale,
}

/** The sums of a draw that do not depend on the mask, from the first draw of a plain route. */
interface MaskFreeSums {
  sumX: number;
  sumC: number;
  sumD: number;
}

/** The sums of one draw, in float64. */
export interface DrawSums {
  kept: number;
  sumOut: number;
  sumUnscaled: number;
  sumX: number;
  /** n * E[train mean] over masks, closed form */
  expectedSum: number;
  /** n^2 * Var[train mean] over masks, closed form */
  varianceSum: number;
}

function isFused(source: MaskSource): source is FusedMaskSource {
  return source instanceof TorchSource || source instanceof FastSource;
}

export class TrainDrawer {
  private readonly rule: TrainRule | null;
  private readonly coefA: number = 0;
  private readonly coefB: number = 0;
  private readonly sigma: number = 0;
  private readonly table: Float64Array | null;
  private readonly reduced: Uint8Array | null;
  private readonly normals: Float64Array | null;
  private readonly acc = createAccumulators(SLOTS);
  /** The closed-form variance sum does not depend on the draw: computed once. */
  private groupC2: number | undefined;
  private readonly plain: Plain = Plain.None;
  /** Which route draw() takes (for tests). */
  get route(): 'gaussian' | 'fused' | 'plain' | 'generic' {
    if (this.rule === null) return 'gaussian';
    if (this.table !== null) return 'fused';
    return this.plain !== Plain.None ? 'plain' : 'generic';
  }
  private maskFree: MaskFreeSums | null = null;

  /** `generic: true` takes the generic route whatever the rule (tests check every route against it). */
  constructor(private readonly plan: Plan, private readonly source: MaskSource, generic = false) {
    const { p, variant, rng, dtype, group, reducedSize } = plan;
    if (p <= 0 || p >= 1) throw new Error('TrainDrawer handles 0 < p < 1 only.');
    if (variant === 'gaussian') {
      this.rule = null;
      this.sigma = gaussianSigma(p);
      this.normals = new Float64Array(reducedSize);
      this.table = null;
      this.reduced = null;
      return;
    }
    const rule = trainRule(rng, variant, p, dtype);
    this.rule = rule;
    ({ coefA: this.coefA, coefB: this.coefB } = ruleCoefficients(rule));
    this.normals = null;
    const fusedRoute = !generic && group === null && rule.kind === KeptKind.Scale && !rule.select && isFused(source);
    this.table = fusedRoute ? Float64Array.of(0, rule.factor) : null;
    this.reduced = group !== null ? new Uint8Array(reducedSize) : null;
    if (!generic && group === null && !fusedRoute) {
      if (rule.kind === KeptKind.Divide && !rule.select) this.plain = Plain.Divide;
      else if (rule.kind === KeptKind.Scale && rule.select && Object.is(rule.droppedValue, 0)) this.plain = Plain.SelectScale;
    }
  }

  /** The plain route's rule over mask[from..to); the mask-free slots too when `statics`. */
  private applyPlain(mask: Uint8Array, out: Float32Array | Float64Array, from: number, to: number, statics: boolean): number {
    const { x } = this.plan;
    const { factor } = this.rule!;
    if (this.plain === Plain.Divide) {
      return x instanceof Float32Array
        ? applyDivideF32(x, mask, out as Float32Array, from, to, this.coefA, this.acc, statics)
        : applyDivideF64(x, mask, out as Float64Array, from, to, factor, this.coefA, this.acc, statics);
    }
    return x instanceof Float32Array
      ? applySelectScaleF32(x, mask, out as Float32Array, from, to, factor, this.acc, statics)
      : applySelectScaleF64(x, mask, out as Float64Array, from, to, factor, this.acc, statics);
  }

  /** A plain-route draw: the mask, the output, Out and Unscaled (and, the first time, the mask-free sums). */
  private drawPlain(mask: Uint8Array, out: Float32Array | Float64Array): number {
    const { plan, source } = this;
    const { n, keep, dtype } = plan;
    const statics = this.maskFree === null;
    let kept = 0;
    if (source instanceof NumpySource) {
      for (let from = 0; from < n; from += RANGE) {
        const to = Math.min(n, from + RANGE);
        source.fillKeepMaskRange(mask, from, to, keep, dtype);
        kept += this.applyPlain(mask, out, from, to, statics);
      }
    } else {
      source.fillKeepMask(mask, keep, dtype);
      kept = this.applyPlain(mask, out, 0, n, statics);
    }
    if (statics) {
      const sumX = compensatedValue(this.acc, Slot.X);
      // Dropped outputs are d_i = x_i * 0 for numpy (NaN once one x is NaN or
      // infinite, else 0 to the bit) and +0 for jax. A finite sum of x rules
      // out NaN and Inf; an infinite one may be overflow, so look.
      const sumD = this.plain === Plain.SelectScale || Number.isFinite(sumX) || allFinite(plan.x) ? 0 : NaN;
      this.maskFree = { sumX, sumC: compensatedValue(this.acc, Slot.C), sumD };
      this.groupC2 = compensatedValue(this.acc, Slot.C2);
    }
    return kept;
  }

  /** Draws one mask from the stream into `mask` (full shape), writes the train output, returns the sums. */
  draw(mask: Uint8Array, out: Float32Array | Float64Array): DrawSums {
    const { plan, acc } = this;
    const { x, n, keep, p } = plan;
    acc.fill(0);
    let kept: number;
    if (this.rule === null) {
      // gaussian
      this.source.fillStandardNormal(this.normals!);
      applyGaussian(x, this.normals!, plan.group, this.sigma, out, acc);
      mask.fill(1);
      kept = n;
    } else if (this.table !== null) {
      kept = (this.source as FusedMaskSource).dropoutMultiply(x, out, mask, keep, this.table, acc);
    } else if (this.plain !== Plain.None) {
      kept = this.drawPlain(mask, out);
    } else {
      if (this.reduced !== null) {
        this.source.fillKeepMask(this.reduced, keep, plan.dtype);
        expandMask(this.reduced, plan.group!, mask);
      } else {
        this.source.fillKeepMask(mask, keep, plan.dtype);
      }
      kept = applyRule(x, mask, out, this.rule, this.coefA, this.coefB, acc);
    }
    const maskFree = this.maskFree;
    const sumX = maskFree !== null ? maskFree.sumX : compensatedValue(acc, Slot.X);
    let sumC: number;
    let sumD: number;
    if (maskFree !== null) {
      sumC = maskFree.sumC;
      sumD = maskFree.sumD;
    } else if (this.rule === null) {
      sumC = sumX;
      sumD = 0;
    } else if (this.table !== null) {
      sumC = this.coefA * sumX;
      // Dropped outputs are x*0: NaN as soon as one x is NaN or infinite. An
      // infinite sum of x may be float64 overflow of finite values, so look.
      sumD = Number.isFinite(sumX) || allFinite(x) ? 0 : NaN;
    } else {
      sumC = compensatedValue(acc, Slot.C);
      sumD = compensatedValue(acc, Slot.D);
    }
    // Train output of element i = d_i + m_g * c_i with m_g ~ Bernoulli(keep), one
    // per mask group g: E = sum(d) + keep * sum(c), Var = keep * p * sum_g (sum_{i in g} c_i)^2.
    // Gaussian: x_i * (1 + sigma * z_g): E = sum(x), Var = sigma^2 * sum_g (sum_{i in g} x_i)^2.
    const gaussian = this.rule === null;
    return {
      kept,
      sumOut: compensatedValue(acc, Slot.Out),
      sumUnscaled: compensatedValue(acc, Slot.Unscaled),
      sumX,
      expectedSum: gaussian ? sumX : sumD + keep * sumC,
      varianceSum: (gaussian ? this.sigma * this.sigma : keep * p) * this.groupSquareSum(),
    };
  }

  private groupSquareSum(): number {
    if (this.groupC2 === undefined) {
      const { plan, acc } = this;
      if (plan.group !== null) {
        const a = this.rule === null ? 1 : this.coefA;
        const b = this.rule === null ? 0 : this.coefB;
        this.groupC2 = compensatedSum(groupedSquareSum(plan.x, plan.group, plan.reducedSize, a, b));
      } else if (this.table !== null) {
        // The fused loops sum x_i^2 (Slot.X2); c_i = coefA * x_i.
        this.groupC2 = this.coefA * this.coefA * compensatedValue(acc, Slot.X2);
      } else {
        // applyRule summed c_i^2 directly; gaussian summed x_i^2.
        this.groupC2 = compensatedValue(acc, Slot.C2);
      }
    }
    return this.groupC2;
  }
}

function allFinite(x: Float32Array | Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}
