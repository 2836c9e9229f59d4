// One train-mode draw: the mask, the train output and its sums, for one seed's
// stream. dropout() makes one draw; monteCarlo() makes `trials` draws from the
// same stream. The drawer picks one Route per plan. For the rules they take,
// the first three give the same masks and outputs, and the same sums: to the
// bit on the plain route; the fused route adds them in other blocks, so they
// may differ in the last bits:
// - fused (torch, fast; no broadcast; multiplicative scale): mask, output and
//   sums in one pass over the tensor;
// - plain (numpy's divide rule, jax's select with a scale; no broadcast): the
//   mask from the source (numpy's range by range, each applied while still in
//   cache), then a loop made for that rule and dtype (kernels.ts);
// - generic: the source fills the (reduced) mask in one call, it is expanded,
//   then the convention's rule is applied (every convention and variant);
// - gaussian: normals from the source on the reduced shape, mask all ones.
// A draw whose output is not kept passes a scratch shorter than the tensor: the
// mask-rule routes then write the output piece by piece over it (see PIECE).
import type { MaskSource } from './types';
import type { Plan } from './plan';
import {
  applyDivideF32,
  applyDivideF64,
  applyGaussian,
  applyRule,
  applySelectScaleF32,
  applySelectScaleF64,
  groupedSquareSum,
  BLOCK,
  SLOTS,
  Slot,
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

/**
 * Elements per piece of a draw into a scratch output: a multiple of every run
 * the loops sum by from a fresh stream (BLOCK, RANGE, torch's 312 elements per
 * twist, the fast SIMD loop's 16384), so a fresh draw in pieces adds the same
 * partial sums as in one pass and its sums are the same to the bit.
 */
export const PIECE = 39 * 16384;

/** The sums of a draw that do not depend on the mask, from the first draw of a plain route. */
interface MaskFreeSums {
  sumX: number;
  sumC: number;
  sumD: number;
}

/** The fused route: the source draws, applies out = x * table[m] and sums in one pass. */
interface FusedRoute {
  kind: 'fused';
  source: FusedMaskSource;
  /** [0, factor]: the output factor of a dropped and of a kept element */
  table: Float64Array;
  /** c_i = coefA * x_i (a multiplicative rule has coefB = 0) */
  coefA: number;
}

/** The plain route: a loop of its own for one rule with no broadcast (kernels.ts). */
type PlainRoute = {
  kind: 'plain';
  /** Filled by the first draw; later draws take these instead of summing them again. */
  maskFree: MaskFreeSums | null;
} &
  /** numpy: out = x * m / factor (factor = keep rounded to the dtype); inv = 1 / factor */
  (
    | { rule: 'divide'; factor: number; inv: number }
    /** jax: out = m ? x * factor : +0 */
    | { rule: 'selectScale'; factor: number }
  );

/** The generic route: any rule, the mask drawn on the reduced shape and expanded when broadcasting. */
interface GenericRoute {
  kind: 'generic';
  rule: TrainRule;
  coefA: number;
  coefB: number;
  broadcast: { reduced: Uint8Array; group: Int32Array } | null;
}

/** Gaussian dropout: out = x * (1 + sigma * z), one normal z per mask group. */
interface GaussianRoute {
  kind: 'gaussian';
  sigma: number;
  normals: Float64Array;
}

/** How draw() makes a draw, chosen once per drawer. */
type Route = FusedRoute | PlainRoute | GenericRoute | GaussianRoute;

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

/** The route for a plan; `generic` forces the generic route for mask rules. */
function chooseRoute(plan: Plan, source: MaskSource, generic: boolean): Route {
  const { p, variant, rng, dtype, group, reducedSize } = plan;
  if (variant === 'gaussian') {
    return { kind: 'gaussian', sigma: gaussianSigma(p), normals: new Float64Array(reducedSize) };
  }
  const rule = trainRule(rng, variant, p, dtype);
  const { coefA, coefB } = ruleCoefficients(rule);
  if (group !== null) {
    // Only the generic route draws a reduced mask and expands it.
    return { kind: 'generic', rule, coefA, coefB, broadcast: { reduced: new Uint8Array(reducedSize), group } };
  }
  if (!generic) {
    if (rule.kind === KeptKind.Scale && !rule.select && isFused(source)) {
      return { kind: 'fused', source, table: Float64Array.of(0, rule.factor), coefA };
    }
    if (rule.kind === KeptKind.Divide && !rule.select) {
      return { kind: 'plain', maskFree: null, rule: 'divide', factor: rule.factor, inv: coefA };
    }
    if (rule.kind === KeptKind.Scale && rule.select && Object.is(rule.droppedValue, 0)) {
      return { kind: 'plain', maskFree: null, rule: 'selectScale', factor: rule.factor };
    }
  }
  return { kind: 'generic', rule, coefA, coefB, broadcast: null };
}

function unknownRoute(route: never): never {
  throw new Error(`Unknown draw route ${JSON.stringify(route)}.`);
}

export class TrainDrawer {
  private readonly routing: Route;
  private readonly acc = createAccumulators(SLOTS);
  /** The closed-form variance sum does not depend on the draw: computed once. */
  private groupC2: number | undefined;
  /** Which route draw() takes (for tests). */
  get route(): Route['kind'] {
    return this.routing.kind;
  }

  /** `generic: true` takes the generic route whatever the rule (tests check every route against it). */
  constructor(
    private readonly plan: Plan,
    private readonly source: MaskSource,
    generic = false,
  ) {
    if (plan.p <= 0 || plan.p >= 1) throw new Error('TrainDrawer handles 0 < p < 1 only.');
    this.routing = chooseRoute(plan, source, generic);
  }

  /**
   * Draws one mask from the stream into `mask` (full shape), writes the train output, returns the sums.
   * An `out` shorter than the tensor (at least PIECE long, the gaussian route excepted) is a scratch:
   * the output goes over it piece by piece and only the mask and the sums are kept.
   */
  draw(mask: Uint8Array, out: Float32Array | Float64Array): DrawSums {
    const { routing } = this;
    this.acc.fill(0);
    switch (routing.kind) {
      case 'fused':
        return this.drawFused(routing, mask, out);
      case 'plain':
        return this.drawPlain(routing, mask, out);
      case 'generic':
        return this.drawGeneric(routing, mask, out);
      case 'gaussian':
        return this.drawGaussian(routing, mask, out);
      default:
        return unknownRoute(routing);
    }
  }

  /**
   * apply(from, to, at, o) over [0, n): once over all of it with `out` (at = 0) when `out` holds n
   * elements, else in PIECE-long pieces, each writing over `out` (o[i - at] is element i's output).
   * Returns the sum of apply's kept counts.
   */
  private inPieces(
    out: Float32Array | Float64Array,
    apply: (from: number, to: number, at: number, o: Float32Array | Float64Array) => number,
  ): number {
    const { n } = this.plan;
    if (out.length >= n) return apply(0, n, 0, out);
    if (out.length < PIECE) throw new Error(`A scratch output holds at least ${PIECE} elements, got ${out.length}.`);
    let kept = 0;
    for (let from = 0; from < n; from += PIECE) {
      const to = Math.min(n, from + PIECE);
      kept += apply(from, to, from, out.subarray(0, to - from));
    }
    return kept;
  }

  private drawFused(route: FusedRoute, mask: Uint8Array, out: Float32Array | Float64Array): DrawSums {
    const { x, keep } = this.plan;
    const kept = this.inPieces(out, (from, to, _at, o) =>
      route.source.dropoutMultiply(x.subarray(from, to), o, mask.subarray(from, to), keep, route.table, this.acc),
    );
    const sumX = compensatedValue(this.acc, Slot.X);
    // Dropped outputs are x*0: NaN as soon as one x is NaN or infinite. An
    // infinite sum of x may be float64 overflow of finite values, so look.
    const sumD = Number.isFinite(sumX) || allFinite(x) ? 0 : NaN;
    return this.maskedSums(kept, sumX, route.coefA * sumX, sumD);
  }

  /** A plain-route draw: the mask, the output, Out and Unscaled (and, the first time, the mask-free sums). */
  private drawPlain(route: PlainRoute, mask: Uint8Array, out: Float32Array | Float64Array): DrawSums {
    const { plan, source } = this;
    const { keep, dtype } = plan;
    const statics = route.maskFree === null;
    let kept: number;
    if (source instanceof NumpySource) {
      kept = this.inPieces(out, (start, end, at, o) => {
        let keptHere = 0;
        for (let from = start; from < end; from += RANGE) {
          const to = Math.min(end, from + RANGE);
          source.fillKeepMaskRange(mask, from, to, keep, dtype);
          keptHere += this.applyPlain(route, mask, o, at, from, to, statics);
        }
        return keptHere;
      });
    } else {
      source.fillKeepMask(mask, keep, dtype);
      kept = this.inPieces(out, (from, to, at, o) => this.applyPlain(route, mask, o, at, from, to, statics));
    }
    if (route.maskFree === null) {
      const sumX = compensatedValue(this.acc, Slot.X);
      // Dropped outputs are d_i = x_i * 0 for numpy (NaN once one x is NaN or
      // infinite, else 0 to the bit) and +0 for jax. A finite sum of x rules
      // out NaN and Inf; an infinite one may be overflow, so look.
      const sumD = route.rule === 'selectScale' || Number.isFinite(sumX) || allFinite(plan.x) ? 0 : NaN;
      route.maskFree = { sumX, sumC: compensatedValue(this.acc, Slot.C), sumD };
    }
    const { sumX, sumC, sumD } = route.maskFree;
    return this.maskedSums(kept, sumX, sumC, sumD);
  }

  /**
   * The plain route's rule over mask[from..to), element i's output into out[i - at] (`at` a multiple
   * of BLOCK); the mask-free slots too when `statics`.
   */
  private applyPlain(
    route: PlainRoute,
    whole: Uint8Array,
    out: Float32Array | Float64Array,
    at: number,
    from: number,
    to: number,
    statics: boolean,
  ): number {
    const x = this.plan.x.subarray(at);
    const mask = whole.subarray(at);
    const { acc } = this;
    const [start, end] = [from - at, to - at];
    if (route.rule === 'divide') {
      return x instanceof Float32Array
        ? applyDivideF32(x, mask, out as Float32Array, start, end, route.inv, acc, statics)
        : applyDivideF64(x, mask, out as Float64Array, start, end, route.factor, route.inv, acc, statics);
    }
    return x instanceof Float32Array
      ? applySelectScaleF32(x, mask, out as Float32Array, start, end, route.factor, acc, statics)
      : applySelectScaleF64(x, mask, out as Float64Array, start, end, route.factor, acc, statics);
  }

  private drawGeneric(route: GenericRoute, mask: Uint8Array, out: Float32Array | Float64Array): DrawSums {
    const { plan, source, acc } = this;
    const { broadcast } = route;
    if (broadcast !== null) {
      source.fillKeepMask(broadcast.reduced, plan.keep, plan.dtype);
      expandMask(broadcast.reduced, broadcast.group, mask);
    } else {
      source.fillKeepMask(mask, plan.keep, plan.dtype);
    }
    const kept = this.inPieces(out, (from, to, _at, o) =>
      applyRule(plan.x.subarray(from, to), mask.subarray(from, to), o, route.rule, route.coefA, route.coefB, acc),
    );
    return this.maskedSums(kept, compensatedValue(acc, Slot.X), compensatedValue(acc, Slot.C), compensatedValue(acc, Slot.D));
  }

  private drawGaussian(route: GaussianRoute, mask: Uint8Array, out: Float32Array | Float64Array): DrawSums {
    const { plan, acc } = this;
    // The output is the draw here (the normals are not kept): it cannot go into a scratch.
    if (out.length < plan.n) throw new Error('A gaussian draw writes its whole output.');
    this.source.fillStandardNormal(route.normals);
    applyGaussian(plan.x, route.normals, plan.group, route.sigma, out, acc);
    mask.fill(1);
    // x_i * (1 + sigma * z_g): E = sum(x), Var = sigma^2 * sum_g (sum_{i in g} x_i)^2.
    const sumX = compensatedValue(acc, Slot.X);
    return this.sums(plan.n, sumX, sumX, route.sigma * route.sigma);
  }

  /**
   * The sums of a masked draw. Train output of element i = d_i + m_g * c_i
   * with m_g ~ Bernoulli(keep), one per mask group g: E = sum(d) + keep * sum(c),
   * Var = keep * p * sum_g (sum_{i in g} c_i)^2.
   */
  private maskedSums(kept: number, sumX: number, sumC: number, sumD: number): DrawSums {
    const { keep, p } = this.plan;
    return this.sums(kept, sumX, sumD + keep * sumC, keep * p);
  }

  /** A draw's sums: Out and Unscaled from the slots, varianceSum = varianceFactor * groupSquareSum(). */
  private sums(kept: number, sumX: number, expectedSum: number, varianceFactor: number): DrawSums {
    const { acc } = this;
    return {
      kept,
      sumOut: compensatedValue(acc, Slot.Out),
      sumUnscaled: compensatedValue(acc, Slot.Unscaled),
      sumX,
      expectedSum,
      varianceSum: varianceFactor * this.groupSquareSum(),
    };
  }

  /** Sum over mask groups of (sum over the group of c_i)^2, from the first draw. */
  private groupSquareSum(): number {
    if (this.groupC2 === undefined) this.groupC2 = this.firstGroupSquareSum();
    return this.groupC2;
  }

  private firstGroupSquareSum(): number {
    const { plan, acc, routing } = this;
    switch (routing.kind) {
      case 'fused':
        // The fused loops sum x_i^2 (Slot.X2); c_i = coefA * x_i.
        return routing.coefA * routing.coefA * compensatedValue(acc, Slot.X2);
      case 'plain':
        // The first draw added the mask-free slots, C2 among them.
        return compensatedValue(acc, Slot.C2);
      case 'generic':
        // With broadcast dims, groups of several elements; else applyRule's per-element C2.
        return routing.broadcast !== null
          ? compensatedSum(groupedSquareSum(plan.x, routing.broadcast.group, plan.reducedSize, routing.coefA, routing.coefB))
          : compensatedValue(acc, Slot.C2);
      case 'gaussian':
        // c_i = x_i; applyGaussian summed x_i^2 into C2.
        return plan.group !== null
          ? compensatedSum(groupedSquareSum(plan.x, plan.group, plan.reducedSize, 1, 0))
          : compensatedValue(acc, Slot.C2);
      default:
        return unknownRoute(routing);
    }
  }
}

function allFinite(x: Float32Array | Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}
