// monteCarlo(x, spec, trials): the train mean over many draws of one seeded
// stream, as consecutive framework calls after one seeding would give them.
// Trial 0 is dropout(x, spec)'s draw. Each trial is one fillKeepMask (or
// fillStandardNormal) call on the source, so a source that derives each call's
// key (jax: fold_in(key, t) for t >= 1) gets the trial index right.
import type { DropoutSpec, MaskSource, Tensor } from './types';
import { makePlan } from './plan';
import { allDroppedOutput, allocateLike } from './outputs';
import { createMaskSource } from './rng';
import { compensatedSum } from './sum';
import { TrainDrawer } from './trainDraw';

export interface MonteCarloResult {
  trainMeans: Float64Array;
  trainSums: Float64Array;
}

export function monteCarlo(x: Tensor, spec: DropoutSpec, trials: number): MonteCarloResult {
  return monteCarloWithSource(x, spec, trials, () => createMaskSource(spec.rng, spec.seed));
}

/** monteCarlo() drawing from the given source (created only when draws are needed). */
export function monteCarloWithSource(x: Tensor, spec: DropoutSpec, trials: number, source: () => MaskSource): MonteCarloResult {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new Error(`The number of trials must be a non-negative integer, got ${String(trials)}.`);
  }
  const plan = makePlan(x, spec, 'train');
  const { n, p } = plan;
  const trainSums = new Float64Array(trials);
  if (p === 0 || p === 1) {
    // Nothing random: every trial is the same output, and no draws are made.
    const sum = compensatedSum(p === 0 ? plan.x : allDroppedOutput(plan.x, plan.rng, plan.dtype));
    trainSums.fill(sum);
  } else if (trials > 0) {
    const drawer = new TrainDrawer(plan, source());
    const mask = new Uint8Array(n);
    const out = allocateLike(plan.dtype, n);
    for (let t = 0; t < trials; t++) trainSums[t] = drawer.draw(mask, out).sumOut;
  }
  const trainMeans = new Float64Array(trials);
  for (let t = 0; t < trials; t++) trainMeans[t] = trainSums[t] / n;
  return { trainMeans, trainSums };
}
