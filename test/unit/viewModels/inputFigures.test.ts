// The input's sums taken in one pass must be the numbers each sum gives alone, to the bit: the
// sentences the panel says are built on them.
import * as assert from 'node:assert/strict';
import { InputFigures, elementSwingShare } from '../../../src/viewModels/teach/inputFigures';
import { inputSums, plainMoments, sumOf, sumOfSquares } from '../../../src/viewModels/teach/moments';
import { VARIANTS } from '../../../src/shared/catalogue';

/** A deterministic spread of values: mixed signs and magnitudes, a length that is not a multiple of the block. */
function spread(n: number, scale = 1): Float32Array {
  let state = 12345;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Float32Array.from({ length: n }, (_, i) => next() * scale * (i % 97 === 0 ? 1e6 : 1));
}

const cases: [string, ArrayLike<number>][] = [
  ['100 003 spread values', spread(100_003)],
  ['float64 values of very different sizes', Float64Array.from(spread(5000), (v, i) => v * 10 ** ((i % 40) - 20))],
  ['a NaN among them', Float32Array.from([1, 2, NaN, 4])],
  ['an infinity among them', Float64Array.from([1, -Infinity, 3])],
  ['negative zeros', Float32Array.from([-0, -0, 0])],
  ['one value', Float32Array.from([-3])],
  ['none', new Float32Array(0)],
];

describe("the input's sums in one pass", () => {
  for (const [name, x] of cases) {
    it(`are each sum alone, to the bit: ${name}`, () => {
      const together = inputSums(x);
      assert.ok(Object.is(together.sum, sumOf(x)), 'sumOf');
      assert.ok(Object.is(together.sumOfSquares, sumOfSquares(x)), 'sumOfSquares');
      const alone = plainMoments(x, 0, 1, x.length);
      assert.ok(Object.is(together.moments.m1, alone.m1) && Object.is(together.moments.m2, alone.m2), 'plainMoments');
      const figures = new InputFigures(x);
      for (const variant of VARIANTS) {
        assert.ok(Object.is(figures.swingShare(variant), elementSwingShare(x, variant)), `swing share, ${variant}`);
      }
      assert.ok(Object.is(figures.sum, sumOf(x)) && Object.is(figures.sumOfSquares, sumOfSquares(x)));
      assert.deepEqual(figures.moments, alone);
    });
  }
});
