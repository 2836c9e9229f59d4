import * as assert from 'node:assert/strict';
import type { DropoutStats } from '../../../src/engine/types';
import { evalLessonPreface, evalMaskHeading, keptLabel, maskColumnHeader, maskWord, trainDrawNote } from '../../../src/shared/evalMode';

// 100 ones, p 0.4, seed 0 (torch): the train draw keeps 64.
const stats: DropoutStats = {
  n: 100,
  kept: 64,
  keptFraction: 0.64,
  evalMean: 1,
  trainMeanUnscaled: 0.64,
  trainMean: 64 / 60,
  expectedTrainMean: 1,
  trainMeanStd: 0.0816,
};
const inverted = { stats, seed: '0', p: 0.4, evalScale: 1 };

describe('what the panel says in eval mode', () => {
  it('says nothing is dropped, and how eval treats the units', () => {
    assert.equal(evalMaskHeading(inverted), 'Eval: every unit passes (nothing is dropped).');
    assert.equal(
      evalMaskHeading({ ...inverted, evalScale: 0.6 }),
      'Eval: every unit passes, multiplied by 1 − p = 0.6 (nothing is dropped).',
    );
    assert.equal(
      evalLessonPreface(inverted),
      "Eval mode: nothing is dropped, the output equals the input (sum 100.0). For comparison, what seed 0's train draw does:",
    );
    assert.match(
      evalLessonPreface({ ...inverted, evalScale: 0.6, stats: { ...stats, evalMean: 0.6 } }),
      /every unit is multiplied by 1 − p = 0\.6 \(sum 60\.0\)/,
    );
    assert.doesNotMatch(
      evalLessonPreface({ ...inverted, stats: { ...stats, evalMean: Number.NaN } }),
      /sum/,
      'no sum that is not a number',
    );
  });

  it("labels the seed's train draw as not applied in eval", () => {
    assert.equal(
      trainDrawNote(inverted),
      "Seed 0's train draw (not applied in eval) drops 36 of the 100 units; switch to train to see which.",
    );
    assert.equal(trainDrawNote({ ...inverted, stats: { ...stats, kept: 100 } }), "Seed 0's train draw drops no unit either.");
    assert.equal(keptLabel('train', '0'), 'kept in this draw');
    assert.equal(keptLabel('eval', '7'), "kept in seed 7's train draw (eval keeps all)");
  });

  it('marks every unit kept at eval, whatever the train draw', () => {
    assert.equal(maskWord('eval', false), 'kept');
    assert.equal(maskWord('eval', true), 'kept');
    assert.equal(maskWord('train', false), 'dropped');
    assert.equal(maskWord('train', true), 'kept');
    assert.equal(maskColumnHeader('eval'), 'mask (eval)');
  });
});
