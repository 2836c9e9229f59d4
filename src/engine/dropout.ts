// dropout(x, spec, into?): the mask, the output and the stats for one seed's draw.
import type { DropoutBuffers, DropoutResult, DropoutSpec, DropoutStats, MaskSource, Tensor } from './types';
import { makePlan, type Plan } from './plan';
import { allDroppedOutput, evalOutput, evalOutputSum, maskBuffer, outputBuffer } from './outputs';
import { evalFactor } from './rules';
import { createMaskSource } from './rng';
import { compensatedSum } from './sum';
import { TrainDrawer, type DrawSums } from './trainDraw';

/**
 * The train draw of a plan at any p, from the given source (not touched at
 * p = 0 or p = 1), into `into`'s buffers where they fit (every element is
 * written, so what they held does not matter). A `scratch` (for p < 1 and a
 * mask rule: see TrainDrawer.draw) takes the output instead, piece by piece;
 * at p = 0 nothing is written to it.
 */
export function drawTrain(
  plan: Plan,
  source: () => MaskSource,
  into?: DropoutBuffers,
  scratch?: Float32Array | Float64Array,
): { mask: Uint8Array; out: Float32Array | Float64Array; sums: DrawSums } {
  const { x, n, p, rng, dtype } = plan;
  const mask = maskBuffer(n, into?.mask);
  const out = scratch ?? outputBuffer(x, dtype, into?.output);
  if (p === 0) {
    // The input, no draws (nor any output written to a scratch).
    const sumX = compensatedSum(x);
    mask.fill(1);
    if (out.length === n) out.set(x);
    return { mask, out, sums: { kept: n, sumOut: sumX, sumUnscaled: sumX, sumX, expectedSum: sumX, varianceSum: 0 } };
  }
  if (p === 1) {
    // Everything dropped, no draws.
    mask.fill(0);
    allDroppedOutput(x, rng, out);
    const sumOut = compensatedSum(out);
    return {
      mask,
      out,
      sums: { kept: 0, sumOut, sumUnscaled: sumOut, sumX: compensatedSum(x), expectedSum: sumOut, varianceSum: 0 },
    };
  }
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
export function dropoutWithSource(x: Tensor, spec: DropoutSpec, source: () => MaskSource, into?: DropoutBuffers): DropoutResult {
  const plan = makePlan(x, spec);
  // In eval mode the train draw (for the stats) goes through the same buffers, then they are overwritten.
  const train = drawTrain(plan, source, into);
  const factor = evalFactor(plan.variant, plan.p, plan.dtype);
  if (plan.mode === 'train') {
    // The eval output is x itself unless classic scales it; the draw already summed x.
    const evalSum = factor === null ? train.sums.sumX : evalOutputSum(plan.x, factor, plan.dtype);
    return { mask: train.mask, output: train.out, stats: statsOf(plan, train.sums, evalSum) };
  }
  const output = evalOutput(plan.x, factor, train.out);
  return {
    mask: train.mask.fill(1),
    output,
    stats: statsOf(plan, train.sums, compensatedSum(output)),
  };
}

/**
 * Dropout as the chosen framework does it. In eval mode the output is the eval
 * output and the mask all ones, but the stats still describe this seed's train
 * draw (so switching modes never changes the numbers shown for a seed).
 *
 * `into` offers the buffers of a previous call: each one whose type and length
 * fit (and that is not the input's own memory) is written over and returned
 * instead of a new array, so a redraw on a large input touches no fresh pages.
 * The mask, the output and the stats are the same either way.
 */
export function dropout(x: Tensor, spec: DropoutSpec, into?: DropoutBuffers): DropoutResult {
  return dropoutWithSource(x, spec, () => createMaskSource(spec.rng, spec.seed), into);
}
