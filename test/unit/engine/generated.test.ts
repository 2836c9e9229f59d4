// The engine against the vectors scripts/make_golden.py regenerates from
// PyTorch and NumPy: more seeds (0, 1, 42, 2^32 + 7, -1 for torch; up to
// 2^128 + 99 for numpy), 1-D, 2-D and 4-D shapes, p = 0.15, 0.45, 0.5, float32
// and float64, NaN/Inf/-0 inputs. Masks, outputs (with Object.is), means and,
// for numpy, the number of draws used.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dropout, dropoutWithSource, type DType, type DropoutSpec, type RngKind } from '../../../src/engine';
import { NumpySource } from '../../../src/engine/rng/numpy';
import {
  assertClose,
  assertSameValues,
  featureDims,
  num,
  tensor,
  type GoldenNumber,
  type TorchCase,
} from '../../fixtures/golden/goldenCases';
import { REPO_ROOT } from '../paths';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'generated');

interface NumpyCase {
  name: string;
  seed: number | string;
  p: number;
  shape: number[];
  dtype: DType;
  input: GoldenNumber[];
  mask: number[];
  train_output: GoldenNumber[];
  eval_output: GoldenNumber[];
  train_mean: GoldenNumber;
  eval_mean: GoldenNumber;
  next_random_f64_after: number[];
}

function load<T>(file: string): T[] {
  return (JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { cases: T[] }).cases;
}

/**
 * Means to 1e-12 relative to the mean magnitude of the values: a mean that
 * cancels to ~0 (as exactly summed by math.fsum) cannot be held to 1e-12 of
 * itself by any summation order but an exact one.
 */
function assertMeanClose(actual: number, expected: number, values: ArrayLike<number>, what: string): void {
  let magnitude = 0;
  for (let i = 0; i < values.length; i++) magnitude += Math.abs(values[i]);
  magnitude /= values.length;
  if (!Number.isFinite(expected) || !Number.isFinite(magnitude)) {
    assertClose(actual, expected, 1e-12, what);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(expected), magnitude), `${what}: got ${actual}, expected ${expected}`);
}

function check(rng: RngKind, c: TorchCase | NumpyCase, broadcastDims?: number[]): void {
  const x = tensor(c.shape, c.dtype, c.input);
  const spec: DropoutSpec = { p: c.p, mode: 'train', seed: c.seed, rng, broadcastDims };
  const r = dropout(x, spec);
  assert.deepEqual(Array.from(r.mask), c.mask, 'mask');
  assertSameValues(r.output, c.train_output, 'train_output');
  assertMeanClose(r.stats.trainMean, num(c.train_mean), r.output, 'train_mean');
  assertMeanClose(r.stats.evalMean, num(c.eval_mean), x.data, 'eval_mean');
  assertSameValues(dropout(x, { ...spec, mode: 'eval' }).output, c.eval_output, 'eval_output');
}

describe('engine matches the regenerated PyTorch vectors (generated/torch_more.json)', () => {
  const cases = load<TorchCase>('torch_more.json');
  it('covers the seeds, p values, ranks and ops it was generated for', () => {
    const seeds = new Set(cases.map((c) => String(c.seed)));
    for (const s of ['0', '1', '42', '4294967303', '-1']) assert.ok(seeds.has(s), `seed ${s}`);
    for (const p of [0.15, 0.45])
      assert.ok(
        cases.some((c) => c.p === p),
        `p ${p}`,
      );
    for (const rank of [1, 2, 4])
      assert.ok(
        cases.some((c) => c.shape.length === rank),
        `rank ${rank}`,
      );
    assert.ok(cases.some((c) => c.op === 'Dropout2d') && cases.some((c) => c.dtype === 'float64'));
  });
  for (const c of cases) it(c.name, () => check('torch', c, featureDims(c.op, c.shape.length)));
});

describe('engine matches the regenerated NumPy vectors (generated/numpy_more.json)', () => {
  const cases = load<NumpyCase>('numpy_more.json');
  it('covers a seed above 2^64, both dtypes and every rank', () => {
    assert.ok(cases.some((c) => BigInt(c.seed) > 2n ** 64n));
    assert.ok(cases.some((c) => c.dtype === 'float64') && cases.some((c) => c.dtype === 'float32'));
    for (const rank of [1, 2, 4])
      assert.ok(
        cases.some((c) => c.shape.length === rank),
        `rank ${rank}`,
      );
  });
  for (const c of cases) {
    it(c.name, () => {
      check('numpy', c);
      let source: NumpySource | undefined;
      dropoutWithSource(
        tensor(c.shape, c.dtype, c.input),
        { p: c.p, mode: 'train', seed: c.seed, rng: 'numpy' },
        () => (source = new NumpySource(c.seed)),
      );
      const next = new Float64Array(2);
      source!.fillUniform(next);
      assert.deepEqual(Array.from(next), c.next_random_f64_after, 'draws used');
    });
  }
});
