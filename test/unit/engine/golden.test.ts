// Bit-for-bit agreement with PyTorch's CPU dropout (golden vectors captured
// from torch 1.13.1): masks, outputs (-0.0 and NaN included) and means.
import * as assert from 'node:assert/strict';
import {
  createMaskSource,
  dropout,
  dropoutWithSource,
  monteCarlo,
  type DropoutResult,
  type DropoutSpec,
  type Variant,
} from '../../../src/engine';
import {
  assertClose,
  assertSameValues,
  featureDims,
  loadCases,
  num,
  opaque,
  tensor,
  type TorchCase,
} from '../../fixtures/golden/goldenCases';

const FILES = ['torch_dropout.json', 'torch_feature_dropout.json', 'torch_alpha_dropout.json'];

function specFor(c: TorchCase, mode: 'train' | 'eval'): DropoutSpec {
  const variant: Variant = c.op.includes('Alpha') ? 'alpha' : 'inverted';
  return { p: c.p, mode, seed: c.seed, rng: 'torch', variant, broadcastDims: featureDims(c.op, c.shape.length) };
}

function checkTrain(c: TorchCase, r: DropoutResult): void {
  assertSameValues(r.output, c.train_output, `${c.name} train_output`);
  assert.deepEqual(Array.from(r.mask), c.mask, `${c.name} mask`);
  assertClose(r.stats.trainMean, num(c.train_mean), 1e-12, `${c.name} trainMean`);
  assertClose(r.stats.evalMean, num(c.eval_mean), 1e-12, `${c.name} evalMean`);
  assert.equal(
    r.stats.kept,
    c.mask.reduce((a, b) => a + b, 0),
    `${c.name} kept`,
  );
}

for (const file of FILES) {
  describe(`engine matches torch bit for bit: ${file}`, () => {
    for (const c of loadCases(file).filter((k) => !k.calls)) {
      it(`${c.name} (train, eval)`, () => {
        const x = tensor(c.shape, c.dtype, c.input);
        checkTrain(c, dropout(x, specFor(c, 'train')));
        const ev = dropout(x, specFor(c, 'eval'));
        assertSameValues(ev.output, c.eval_output, `${c.name} eval_output`);
        assert.ok(
          ev.mask.every((m) => m === 1),
          'eval mask is all ones',
        );
        assertClose(ev.stats.trainMean, num(c.train_mean), 1e-12, `${c.name} eval-mode stats.trainMean`);
      });
      it(`${c.name} through the generic MaskSource route`, () => {
        const x = tensor(c.shape, c.dtype, c.input);
        const r = dropoutWithSource(x, specFor(c, 'train'), () => opaque(createMaskSource('torch', c.seed)));
        checkTrain(c, r);
      });
    }
  });
}

describe('consecutive torch calls continue the stream', () => {
  const c = loadCases('torch_dropout.json').find((k) => k.name === 'dropout_two_calls')!;
  const spec: DropoutSpec = { p: c.p, mode: 'train', seed: c.seed, rng: 'torch' };

  it('two calls after one manual_seed, via one source', () => {
    const source = opaque(createMaskSource('torch', c.seed));
    for (const [k, call] of c.calls!.entries()) {
      const r = dropoutWithSource(tensor(c.shape, c.dtype, call.input), spec, () => source);
      assertSameValues(r.output, call.train_output, `call ${k} train_output`);
      assert.deepEqual(Array.from(r.mask), call.mask, `call ${k} mask`);
      assertClose(r.stats.trainMean, num(call.train_mean), 1e-12, `call ${k} trainMean`);
    }
  });

  it('monteCarlo trial t is call t when the input is the same', () => {
    // Both golden calls draw 10 masks from one stream: trial 1 on call 1's input
    // uses call 1's mask. Check it through the sums of the known masks.
    const x0 = tensor(c.shape, c.dtype, c.calls![0].input);
    const mc = monteCarlo(x0, spec, 2);
    assertClose(mc.trainMeans[0], num(c.calls![0].train_mean), 1e-12, 'trial 0');
    const scale = 2; // p = 0.5, float32: f32(1/f32(0.5))
    const mask1 = c.calls![1].mask;
    let sum1 = 0;
    for (let i = 0; i < mask1.length; i++) sum1 += Math.fround(x0.data[i] * mask1[i] * scale);
    assertClose(mc.trainSums[1], sum1, 1e-12, 'trial 1 uses the second mask');
    assert.equal(mc.trainMeans[1], mc.trainSums[1] / 10);
  });
});
