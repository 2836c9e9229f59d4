// dropout(x, spec): the mask, the output and the stats for one seed's draw.
import type { DropoutResult, DropoutSpec, DropoutStats, MaskSource, Tensor } from './types';
import { makePlan, type Plan } from './plan';
import { allDroppedOutput, allocateLike, evalOutput, evalOutputSum } from './outputs';
import { evalFactor } from './rules';
import { createMaskSource } from './rng';
import { compensatedSum } from './sum';
import { TrainDrawer, type DrawSums } from './trainDraw';

/** The train draw of a plan at any p, from the given source (not touched at p = 0 or p = 1). */
export function drawTrain(plan: Plan, source: () => MaskSource): { mask: Uint8Array; out: Float32Array | Float64Array; sums: DrawSums } {
  const { x, n, p, rng, dtype } = plan;
  if (p === 0) {
    // The input, no draws.
    const sumX = compensatedSum(x);
    return {
      mask: new Uint8Array(n).fill(1),
      out: x.slice(),
      sums: { kept: n, sumOut: sumX, sumUnscaled: sumX, sumX, expectedSum: sumX, varianceSum: 0 },
    };
  }
  if (p === 1) {
    // Everything dropped, no draws.
    const out = allDroppedOutput(x, rng, dtype);
    const sumOut = compensatedSum(out);
    return {
      mask: new Uint8Array(n),
      out,
      sums: { kept: 0, sumOut, sumUnscaled: sumOut, sumX: compensatedSum(x), expectedSum: sumOut, varianceSum: 0 },
    };
  }
  const mask = new Uint8Array(n);
  const out = allocateLike(dtype, n);
  const sums = new TrainDrawer(plan, source()).draw(mask, out);
  return { mask, out, sums };
}

export function statsOf(plan: Plan, sums: DrawSums, evalSum: number): DropoutStats {
  const { n } = plan;
  return {
    n,
    kept: sums.kept,
    keptFraction: sums.kept / n,
    evalMean: evalSum / n,
    trainMeanUnscaled: sums.sumUnscaled / n,
    trainMean: sums.sumOut / n,
    expectedTrainMean: sums.expectedSum / n,
    trainMeanStd: Math.sqrt(sums.varianceSum) / n,
  };
}

/** dropout() with an explicit source: the generic route for any MaskSource. */
export function dropoutWithSource(x: Tensor, spec: DropoutSpec, source: () => MaskSource): DropoutResult {
  const plan = makePlan(x, spec);
  const train = drawTrain(plan, source);
  const factor = evalFactor(plan.variant, plan.p, plan.dtype);
  if (plan.mode === 'train') {
    // The eval output is x itself unless classic scales it; the draw already summed x.
    const evalSum = factor === null ? train.sums.sumX : evalOutputSum(plan.x, factor, plan.dtype);
    return { mask: train.mask, output: train.out, stats: statsOf(plan, train.sums, evalSum) };
  }
  const output = evalOutput(plan.x, factor, plan.dtype);
  return {
    mask: new Uint8Array(plan.n).fill(1),
    output,
    stats: statsOf(plan, train.sums, compensatedSum(output)),
  };
}

/**
 * Dropout as the chosen framework does it. In eval mode the output is the eval
 * output and the mask all ones, but the stats still describe this seed's train
 * draw (so switching modes never changes the numbers shown for a seed).
 */
export function dropout(x: Tensor, spec: DropoutSpec): DropoutResult {
  return dropoutWithSource(x, spec, () => createMaskSource(spec.rng, spec.seed));
}
