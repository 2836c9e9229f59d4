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

/**
 * The train draws of one seeded stream, one at a time: for callers that look
 * at every trial's mask and output (per-unit statistics) or that must pause
 * between trials (a worker answering messages). Trial t is monteCarlo's trial t.
 */
export interface TrainStream {
  readonly n: number;
  /** Draws the next trial into `mask` and `out` (full shape); returns the sum of `out`. */
  next(mask: Uint8Array, out: Float32Array | Float64Array): number;
}

export function trainStream(x: Tensor, spec: DropoutSpec): TrainStream {
  return trainStreamWithSource(x, spec, () => createMaskSource(spec.rng, spec.seed));
}

export function trainStreamWithSource(x: Tensor, spec: DropoutSpec, source: () => MaskSource): TrainStream {
  const plan = makePlan(x, spec, 'train');
  const { n, p } = plan;
  if (p === 0 || p === 1) {
    // Nothing random: every trial is the same output, and no draws are made.
    const fixed = p === 0 ? plan.x : allDroppedOutput(plan.x, plan.rng, allocateLike(plan.dtype, n));
    const sum = compensatedSum(fixed);
    return {
      n,
      next(mask, out) {
        mask.fill(p === 0 ? 1 : 0);
        out.set(fixed);
        return sum;
      },
    };
  }
  const drawer = new TrainDrawer(plan, source());
  return { n, next: (mask, out) => drawer.draw(mask, out).sumOut };
}

export function monteCarlo(x: Tensor, spec: DropoutSpec, trials: number): MonteCarloResult {
  return monteCarloWithSource(x, spec, trials, () => createMaskSource(spec.rng, spec.seed));
}

/** monteCarlo() drawing from the given source (created only when draws are needed). */
export function monteCarloWithSource(x: Tensor, spec: DropoutSpec, trials: number, source: () => MaskSource): MonteCarloResult {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new Error(`The number of trials must be a non-negative integer, got ${String(trials)}.`);
  }
  const stream = trainStreamWithSource(x, spec, source);
  const trainSums = new Float64Array(trials);
  if (trials > 0) {
    const mask = new Uint8Array(stream.n);
    const out = allocateLike(x.dtype, stream.n);
    for (let t = 0; t < trials; t++) trainSums[t] = stream.next(mask, out);
  }
  const trainMeans = new Float64Array(trials);
  for (let t = 0; t < trials; t++) trainMeans[t] = trainSums[t] / stream.n;
  return { trainMeans, trainSums };
}
