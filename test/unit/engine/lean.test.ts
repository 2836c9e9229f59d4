// leanDropout(x, spec): the train draw's mask and stats of dropout() to the bit
// (Object.is: NaN, +-Inf and -0 included), and any range of dropout()'s output
// made on request, on an input of several pieces (its draw writes the output
// over a scratch of PIECE elements): every convention, variant, dtype and mode,
// p = 0, p = 1, with and without broadcast dims.
import * as assert from 'node:assert/strict';
import { dropout, leanDropout, type DropoutSpec, type DType, type RngKind, type Tensor, type Variant } from '../../../src/engine';
import { PIECE } from '../../../src/engine/trainDraw';

const RNGS: RngKind[] = ['torch', 'numpy', 'jax', 'fast'];
const VARIANTS: Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];
/** Two whole pieces and part of a third (checked below), in a shape whose first axis can be shared. */
const SHAPE = [2, 3, 213_993];

/** Values of every magnitude (so how partial sums are grouped shows in the last bits), with NaN, +-Inf, -0 among them. */
function input(dtype: DType): Tensor {
  const n = SHAPE.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let s = 5;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = ((s / 2 ** 32) * 6 - 3) * 2 ** ((s >>> 7) % 40);
  }
  return { shape: SHAPE, dtype, data };
}

function withSpecials(x: Tensor): Tensor {
  const data = x.data.slice();
  const specials = [NaN, Infinity, -Infinity, -0, -2.5];
  for (let i = 7; i < data.length; i += 100_003) data[i] = specials[Math.floor(i / 100_003) % specials.length];
  return { ...x, data };
}

function assertSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

function check(x: Tensor, spec: DropoutSpec, what: string): void {
  const lean = leanDropout(x, spec);
  const train = dropout(x, { ...spec, mode: 'train' });
  const expected = spec.mode === 'train' ? train : dropout(x, spec);
  assertSameArray(lean.mask, train.mask, `${what}: mask`);
  for (const key of Object.keys(train.stats) as (keyof typeof train.stats)[]) {
    assert.ok(Object.is(lean.stats[key], train.stats[key]), `${what}: stats.${key} got ${lean.stats[key]}, expected ${train.stats[key]}`);
  }
  const whole = lean.output(0, x.data.length);
  assert.equal(whole.constructor, expected.output.constructor, `${what}: output type`);
  assertSameArray(whole, expected.output, `${what}: output`);
  for (const [from, to] of [
    [PIECE - 3, PIECE + 5],
    [x.data.length - 2, x.data.length],
    [10, 10],
  ]) {
    assertSameArray(lean.output(from, to), expected.output.subarray(from, to), `${what}: output[${from}..${to})`);
  }
  assert.equal(lean.kept.mask, lean.mask, `${what}: the mask is kept`);
  const keepsOutput = spec.variant === 'gaussian' || spec.p === 1;
  assert.equal(lean.kept.output !== undefined, keepsOutput, `${what}: the output is kept only where the mask does not give it`);
}

describe('leanDropout: dropout without keeping the output', function () {
  this.timeout(60_000);
  it('the input spans more than two pieces', () => assert.ok(SHAPE.reduce((a, b) => a * b, 1) > 2 * PIECE));
  for (const dtype of ['float32', 'float64'] as DType[]) {
    const plain = input(dtype);
    const special = withSpecials(plain);
    for (const rng of RNGS) {
      for (const variant of VARIANTS) {
        it(`${rng} ${variant} ${dtype}: dropout's mask, stats and output, over ${PIECE}-element pieces`, () => {
          check(plain, { p: 0.3, mode: 'train', seed: 11, rng, variant }, 'p=0.3 train');
          check(special, { p: 0.3, mode: 'eval', seed: 11, rng, variant }, 'NaN/Inf p=0.3 eval');
          check(plain, { p: 0.3, mode: 'train', seed: 11, rng, variant, broadcastDims: [0] }, 'p=0.3 train broadcast [0]');
          for (const p of variant === 'gaussian' ? [0] : [0, 1])
            check(special, { p, mode: 'train', seed: 11, rng, variant }, `NaN/Inf p=${p} train`);
        });
      }
    }
  }
});
