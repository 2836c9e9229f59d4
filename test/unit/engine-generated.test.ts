// The engine's torch convention against the regenerated PyTorch vectors
// (scripts/make_golden.py): more seeds (0, 1, 42, 2^32 + 7, -1), shapes and
// p values such as 0.15 and 0.45 where float32 rounding of the scale matters.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dropout, type DropoutSpec } from '../../src/engine';
import { featureDims, num, tensor, type TorchCase } from '../fixtures/golden/goldenCases';

const FILE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'generated', 'torch_more.json');
const cases = JSON.parse(fs.readFileSync(FILE, 'utf8')).cases as TorchCase[];

function spec(c: TorchCase, mode: 'train' | 'eval'): DropoutSpec {
  return { p: c.p, mode, seed: c.seed, rng: 'torch', variant: 'inverted', broadcastDims: featureDims(c.op, c.shape.length) };
}

describe('engine matches the regenerated PyTorch vectors (torch_more.json)', () => {
  it('covers the seeds and p values it was generated for', () => {
    const seeds = new Set(cases.map((c) => String(c.seed)));
    for (const s of ['0', '1', '42', '4294967303', '-1']) assert.ok(seeds.has(s), `seed ${s}`);
    assert.ok(cases.some((c) => c.p === 0.15) && cases.some((c) => c.p === 0.45));
  });
  for (const c of cases) {
    it(c.name, () => {
      const x = tensor(c.shape, c.dtype, c.input);
      const train = dropout(x, spec(c, 'train'));
      assert.deepEqual(Array.from(train.mask), c.mask, 'mask');
      assert.equal(train.output.length, c.train_output.length);
      for (let i = 0; i < c.train_output.length; i++) {
        assert.ok(Object.is(train.output[i], num(c.train_output[i])), `train_output[${i}]: ${train.output[i]} vs ${c.train_output[i]}`);
      }
      const ev = dropout(x, spec(c, 'eval'));
      for (let i = 0; i < c.eval_output.length; i++) {
        assert.ok(Object.is(ev.output[i], num(c.eval_output[i])), `eval_output[${i}]`);
      }
    });
  }
});
