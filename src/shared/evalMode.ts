// What the panel says about the mask in eval mode, in one place. At eval nothing
// is dropped (the engine's eval mask is all ones), while the result's stats,
// mask grid and lesson describe this seed's train draw: every sentence that
// shows that draw in eval mode says so. Pure (no DOM), unit-tested in Node.
import type { DropoutStats } from '../engine/types';
import { formatCount, formatProbability, formatShort } from './numberFormat';

export interface EvalFacts {
  stats: DropoutStats;
  seed: string;
  p: number;
  /** What eval mode multiplies the input by (1 − p for classic dropout, else 1). */
  evalScale: number;
}

/** "the output equals the input" or, for classic dropout, "every unit is multiplied by 1 − p = 0.6". */
function whatEvalDoes({ p, evalScale }: EvalFacts): string {
  return evalScale === 1 ? 'the output equals the input' : `every unit is multiplied by 1 − p = ${formatProbability(1 - p)}`;
}

/** The heading over the mask grid in eval mode. */
export function evalMaskHeading(facts: EvalFacts): string {
  return facts.evalScale === 1
    ? 'Eval: every unit passes (nothing is dropped).'
    : `Eval: every unit passes, multiplied by 1 − p = ${formatProbability(1 - facts.p)} (nothing is dropped).`;
}

/** Where this seed's train draw went, for the legend and the lesson: it is not what eval applies. */
export function trainDrawNote({ stats, seed }: EvalFacts): string {
  const dropped = stats.n - stats.kept;
  return dropped === 0
    ? `Seed ${seed}'s train draw drops no unit either.`
    : `Seed ${seed}'s train draw (not applied in eval) drops ${formatCount(dropped)} of the ${formatCount(stats.n)} units; switch to train to see which.`;
}

/** Opens the lesson in eval mode: what eval does, then that the figures after it are the train draw's. */
export function evalLessonPreface(facts: EvalFacts): string {
  const evalSum = facts.stats.evalMean * facts.stats.n;
  const sum = Number.isFinite(evalSum) ? ` (sum ${formatShort(evalSum)})` : '';
  return `Eval mode: nothing is dropped, ${whatEvalDoes(facts)}${sum}. For comparison, what seed ${facts.seed}'s train draw does:`;
}

/** The summary's label for the kept count, which is always the train draw's. */
export function keptLabel(mode: 'train' | 'eval', seed: string): string {
  return mode === 'train' ? 'kept in this draw' : `kept in seed ${seed}'s train draw (eval keeps all)`;
}

/** The values table's mask column: its header, and a unit's word (the train draw's in train; every unit is kept at eval). */
export function maskColumnHeader(mode: 'train' | 'eval'): string {
  return mode === 'train' ? 'mask' : 'mask (eval)';
}

export function maskWord(mode: 'train' | 'eval', keptInTrainDraw: boolean): 'kept' | 'dropped' {
  return mode === 'eval' || keptInTrainDraw ? 'kept' : 'dropped';
}
