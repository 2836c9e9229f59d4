// Properties over random inputs (fast-check, fixed seeds so runs repeat).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { dropout, type RngKind, type Tensor } from '../../../src/engine';

const runs = { numRuns: 60, seed: 20261126 };

describe('engine properties', () => {
  for (const rng of ['torch', 'fast'] as RngKind[]) {
    it(`masks nest as p grows, with seed and shape fixed (${rng})`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 400 }),
          fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n })),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (n, seed, a, b) => {
            const [lo, hi] = a <= b ? [a, b] : [b, a];
            const x: Tensor = { shape: [n], dtype: 'float32', data: new Float32Array(n).fill(1) };
            const small = dropout(x, { p: lo, mode: 'train', seed, rng }).mask;
            const large = dropout(x, { p: hi, mode: 'train', seed, rng }).mask;
            for (let i = 0; i < n; i++) if (large[i] === 1 && small[i] !== 1) return false;
            return true;
          },
        ),
        runs,
      );
    });
  }

  it('inverted dropout: the average train output over seeds is x, element by element', () => {
    const T = 1500;
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0.05, max: 0.8, noNaN: true }),
        fc.constantFrom<RngKind>('torch', 'fast'),
        fc.integer({ min: 0, max: 1e6 }),
        (values, p, rng, base) => {
          const x: Tensor = { shape: [values.length], dtype: 'float32', data: Float32Array.from(values) };
          const avg = new Float64Array(values.length);
          for (let t = 0; t < T; t++) {
            const out = dropout(x, { p, mode: 'train', seed: base + t, rng }).output;
            for (let i = 0; i < out.length; i++) avg[i] += out[i] / T;
          }
          for (let i = 0; i < values.length; i++) {
            const v = x.data[i];
            const se = Math.abs(v) * Math.sqrt(p / (1 - p) / T);
            assert.ok(Math.abs(avg[i] - v) <= 5.5 * se + 1e-6 * Math.abs(v) + 1e-30, `x=${v} avg=${avg[i]} se=${se}`);
          }
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});
