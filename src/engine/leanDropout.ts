// dropout() for a caller that shows a few of a large input's outputs: the mask
// and the stats are kept, the output is made for a range on request. A draw
// then writes the mask alone, a fifth of what it writes with the float32
// output kept: on ten million values that is 40 MB of pages the system need
// not fault in (a page the process wrote before it started another program
// faults again on its next write, as a new one does).
import type { DropoutBuffers, DropoutSpec, DropoutStats, DType, Tensor } from './types';
import { drawTrain, statsOf } from './dropout';
import { allocateLike, evalOutput, evalOutputSum } from './outputs';
import { makePlan, type Plan } from './plan';
import { createMaskSource } from './rng';
import { evalFactor, ruleCoefficients, trainRule } from './rules';
import { applyRule, SLOTS } from './kernels';
import { createAccumulators } from './sum';
import { PIECE } from './trainDraw';

export interface LeanDropoutResult {
  /** This seed's train draw's mask (1 = kept), in either mode: what the draw did, not what eval outputs. */
  mask: Uint8Array;
  /** dropout(x, { ...spec, mode: 'train' }).stats, to the bit. */
  stats: DropoutStats;
  /** A new array of dropout(x, spec).output[from..to), to the bit. */
  output(from: number, to: number): Float32Array | Float64Array;
  /** The arrays the draw wrote and keeps, to offer to the next draw (see DropoutBuffers). */
  kept: DropoutBuffers;
}

/**
 * What each dtype's draws write their output over, piece by piece, kept from
 * call to call so that a redraw touches no fresh pages for it either (a draw
 * runs to its end before the next starts: nothing else uses it meanwhile).
 */
const scratches: { float32?: Float32Array; float64?: Float64Array } = {};

function scratchFor(dtype: DType, n: number): Float32Array | Float64Array {
  const scratch = dtype === 'float32' ? (scratches.float32 ??= new Float32Array(PIECE)) : (scratches.float64 ??= new Float64Array(PIECE));
  return scratch.subarray(0, Math.min(n, PIECE));
}

/**
 * The output is kept where it does not follow from the mask: gaussian dropout's is
 * the draw (its normals are not kept), and p = 1's sum needs every output.
 */
function keepsOutput(plan: Plan): boolean {
  return plan.variant === 'gaussian' || plan.p === 1;
}

/** dropout(x, spec) with the output made on request; `into` as for dropout() (its output used only where it is kept). */
export function leanDropout(x: Tensor, spec: DropoutSpec, into?: DropoutBuffers): LeanDropoutResult {
  const plan = makePlan(x, spec);
  const keep = keepsOutput(plan);
  const scratch = keep ? undefined : scratchFor(plan.dtype, plan.n);
  const train = drawTrain(plan, () => createMaskSource(spec.rng, spec.seed), into, scratch);
  const factor = evalFactor(plan.variant, plan.p, plan.dtype);
  const evalSum = factor === null ? train.sums.sumX : evalOutputSum(plan.x, factor, plan.dtype);
  const kept = keep ? { mask: train.mask, output: train.out } : { mask: train.mask };
  const output = (from: number, to: number) => {
    const values = plan.x.subarray(from, to);
    if (plan.mode === 'eval') return evalOutput(values, factor, allocateLike(plan.dtype, values.length));
    if (keep) return train.out.slice(from, to);
    return trainOutput(plan, values, train.mask.subarray(from, to));
  };
  return { mask: train.mask, stats: statsOf(plan, train.sums, evalSum), output, kept };
}

/** The train output of `values` under their `mask`, for 0 <= p < 1 and a mask rule, as every draw route writes it. */
function trainOutput(plan: Plan, values: Float32Array | Float64Array, mask: Uint8Array): Float32Array | Float64Array {
  const out = allocateLike(plan.dtype, values.length);
  // drawTrain's p = 0: the input itself, no rule applied.
  if (plan.p === 0) {
    out.set(values);
    return out;
  }
  const rule = trainRule(plan.rng, plan.variant, plan.p, plan.dtype);
  const { coefA, coefB } = ruleCoefficients(rule);
  applyRule(values, mask, out, rule, coefA, coefB, createAccumulators(SLOTS));
  return out;
}
