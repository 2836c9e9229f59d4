// One train-mode draw: the mask, the train output and its sums, for one seed's
// stream. dropout() makes one draw; monteCarlo() makes `trials` draws from the
// same stream. Three routes give the same numbers:
// - fused (torch, fast; no broadcast; multiplicative scale): mask, output and
//   sums in one pass over the tensor;
// - generic: the source fills the (reduced) mask in one call, it is expanded,
//   then the convention's rule is applied (every convention and variant);
// - gaussian: normals from the source on the reduced shape, mask all ones.
import type { MaskSource } from './types';
import type { Plan } from './plan';
import { applyGaussian, applyRule, groupedSquareSum, SLOTS, Slot } from './kernels';
import { KeptKind, gaussianSigma, ruleCoefficients, trainRule, type TrainRule } from './rules';
import { expandMask } from './shape';
import { compensatedSum, compensatedValue, createAccumulators } from './sum';
import type { FusedMaskSource } from './rng/fused';
import { TorchSource } from './rng/torch';
import { FastSource } from './rng/fast';

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

  constructor(private readonly plan: Plan, private readonly source: MaskSource) {
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
    const fusedRoute = group === null && rule.kind === KeptKind.Scale && !rule.select && isFused(source);
    this.table = fusedRoute ? Float64Array.of(0, rule.factor) : null;
    this.reduced = group !== null ? new Uint8Array(reducedSize) : null;
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
    } else {
      if (this.reduced !== null) {
        this.source.fillKeepMask(this.reduced, keep, plan.dtype);
        expandMask(this.reduced, plan.group!, mask);
      } else {
        this.source.fillKeepMask(mask, keep, plan.dtype);
      }
      kept = applyRule(x, mask, out, this.rule, this.coefA, this.coefB, acc);
    }
    const sumX = compensatedValue(acc, Slot.X);
    let sumC: number;
    let sumD: number;
    if (this.rule === null) {
      sumC = sumX;
      sumD = 0;
    } else if (this.table !== null) {
      sumC = this.coefA * sumX;
      // Dropped outputs are x*0: NaN as soon as one x is NaN or infinite.
      sumD = Number.isFinite(sumX) ? 0 : NaN;
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
        this.groupC2 = this.coefA * this.coefA * compensatedValue(acc, Slot.C2);
      } else {
        // applyRule summed c_i^2 directly; gaussian summed x_i^2.
        this.groupC2 = compensatedValue(acc, Slot.C2);
      }
    }
    return this.groupC2;
  }
}
