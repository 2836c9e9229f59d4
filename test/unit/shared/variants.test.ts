import * as assert from 'node:assert/strict';
import { nominalTrainScale, VARIANTS } from '../../../src/shared/catalogue';
import { trainScale } from '../../../src/viewModels/result/resultView';

describe('the readout scale without a result', () => {
  it('is 1/(1−p) for inverted dropout', () => {
    assert.equal(nominalTrainScale('inverted', 0.4), 1 / 0.6);
    assert.equal(nominalTrainScale('inverted', 0), 1);
    assert.equal(nominalTrainScale('inverted', 0.9), 1 / (1 - 0.9));
  });

  it('is 1 where training does not rescale, and at p = 1', () => {
    for (const variant of ['classic', 'unscaled', 'gaussian'] as const) assert.equal(nominalTrainScale(variant, 0.4), 1);
    assert.equal(nominalTrainScale('inverted', 1), 1);
  });

  it("follows torch's AlphaDropout affine factor: p = 0.5 gives about 0.886405", () => {
    assert.ok(Math.abs(nominalTrainScale('alpha', 0.5) - 0.886405) < 1e-6);
  });

  it('agrees with the float64 factor the host sends, for every variant and p', () => {
    for (const variant of VARIANTS) {
      for (const p of [0, 0.01, 0.1, 0.25, 0.4, 0.5, 0.75, 0.99, 1]) {
        assert.equal(nominalTrainScale(variant, p), trainScale(variant, p, 'float64'), `${variant} p=${p}`);
      }
    }
  });
});
