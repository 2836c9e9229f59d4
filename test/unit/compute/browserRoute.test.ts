// The browser's route to the engine is as exact as the Node one: the golden vectors of PyTorch,
// NumPy and Flax, sent as text through WebCompute, the compute a web extension host uses. Node has
// no Web Worker, so here WebCompute takes its fallback, the same service cooperatively on this
// thread; the Web Worker runs that very service (webWorkerMain.ts) over another transport.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunSettings } from '../../../src/compute/types';
import { WebCompute } from '../../../src/compute/webCompute';
import type { DType } from '../../../src/engine';
import { assertClose, assertSameValues, featureDims, type GoldenNumber, loadCases, num } from '../../fixtures/golden/goldenCases';
import { REPO_ROOT } from '../paths';

const GOLDEN = path.join(REPO_ROOT, 'test', 'fixtures', 'golden');

/** The flat values as nested JSON of `shape`, keeping -0, NaN and ±Infinity as the parser reads them. */
function nestedText(shape: number[], values: GoldenNumber[]): string {
  const word = (v: GoldenNumber) => (Object.is(v, -0) ? '-0' : String(v));
  const nest = (dim: number, offset: number): string => {
    if (dim === shape.length) return word(values[offset]);
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return `[${Array.from({ length: shape[dim] }, (_, i) => nest(dim + 1, offset + i * stride)).join(', ')}]`;
  };
  return nest(0, 0);
}

interface Case {
  name: string;
  shape: number[];
  dtype: DType;
  input: GoldenNumber[];
  settings: RunSettings;
  mask?: number[];
  trainOutput: GoldenNumber[];
  evalOutput?: GoldenNumber[];
  trainMean?: GoldenNumber;
}

const base = { mode: 'train' as const, variant: 'inverted' as const, broadcastDims: [] as number[] };

const torchCases: Case[] = ['torch_dropout.json', 'torch_feature_dropout.json', 'torch_alpha_dropout.json'].flatMap((file) =>
  loadCases(file)
    .filter((c) => !c.calls && c.shape.length > 0)
    .map((c) => ({
      name: `${file}: ${c.name}`,
      shape: c.shape,
      dtype: c.dtype,
      input: c.input,
      settings: {
        ...base,
        p: c.p,
        seed: String(c.seed),
        rng: 'torch' as const,
        variant: c.op.includes('Alpha') ? ('alpha' as const) : ('inverted' as const),
        broadcastDims: featureDims(c.op, c.shape.length) ?? [],
      },
      mask: c.mask,
      trainOutput: c.train_output,
      evalOutput: c.eval_output,
      trainMean: c.train_mean,
    })),
);

const numpyCases: Case[] = (JSON.parse(fs.readFileSync(path.join(GOLDEN, 'numpy_generator.json'), 'utf8')).cases as NumpyCase[])
  .filter((c) => c.method === 'random_f32')
  .map((c) => ({
    name: `numpy_generator.json: ${c.name}`,
    shape: c.shape,
    dtype: c.dtype,
    input: c.input,
    settings: { ...base, p: c.p, seed: String(c.seed), rng: 'numpy' as const },
    mask: c.mask,
    trainOutput: c.train_output,
    evalOutput: c.eval_output,
    trainMean: c.train_mean,
  }));
interface NumpyCase {
  name: string;
  seed: number;
  p: number;
  shape: number[];
  dtype: DType;
  method: string;
  input: GoldenNumber[];
  mask: number[];
  train_output: GoldenNumber[];
  eval_output: GoldenNumber[];
  train_mean: GoldenNumber;
}

const flaxCases: Case[] = (JSON.parse(fs.readFileSync(path.join(GOLDEN, 'jax_flax.json'), 'utf8')).flax_cases as FlaxCase[]).map((c) => ({
  name: `jax_flax.json: ${c.name}`,
  shape: c.shape,
  dtype: 'float32',
  input: c.input,
  // nnx.Dropout(rate)(x, rngs=nnx.Rngs(0)): PRNGKey(0).
  settings: { ...base, p: c.rate, seed: '0', rng: 'jax' as const, broadcastDims: c.broadcast_dims },
  trainOutput: c.nnx_output,
}));
interface FlaxCase {
  name: string;
  rate: number;
  broadcast_dims: number[];
  shape: number[];
  input: GoldenNumber[];
  nnx_output: GoldenNumber[];
}

describe('the browser route (WebCompute) matches the frameworks bit for bit', () => {
  let compute: WebCompute;
  before(() => {
    compute = new WebCompute(() => Promise.reject(new Error('no worker bundle in unit tests')));
  });
  after(() => compute.dispose());

  it('has golden cases of every convention to run', () => {
    assert.ok(torchCases.length >= 20 && numpyCases.length >= 2 && flaxCases.length >= 2);
  });

  for (const c of [...torchCases, ...numpyCases, ...flaxCases]) {
    it(c.name, async () => {
      const loaded = await compute.load({
        text: nestedText(c.shape, c.input),
        format: 'json',
        dtype: c.dtype,
        origin: { line: 1, column: 1 },
        maxValues: 1e6,
        label: c.name,
      });
      assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.error));
      assert.deepEqual(loaded.source.shape, c.shape);
      assert.equal(loaded.source.dtype, c.dtype);

      const train = await compute.run(c.settings);
      assert.ok(train.ok, JSON.stringify(!train.ok && train.error));
      assertSameValues(train.view.values.output, c.trainOutput, 'train output');
      if (c.mask) assert.deepEqual(Array.from(train.view.values.mask), c.mask, 'mask');
      if (c.trainMean !== undefined) assertClose(train.view.stats.trainMean, num(c.trainMean), 1e-12, 'train mean');
      if (c.evalOutput) {
        const evaluated = await compute.run({ ...c.settings, mode: 'eval' });
        assert.ok(evaluated.ok);
        assertSameValues(evaluated.view.values.output, c.evalOutput, 'eval output');
      }
      assert.equal(compute.route, 'in process');
    });
  }
});
