// "Save Outputs" on the compute side: the .npz holds this seed's train draw — the train output, the
// mask and the input, in the input's dtype and shape — bit for bit as a fresh engine call makes them,
// in train and eval mode alike, and making it at eval leaves the shown result as it was.
import * as assert from 'node:assert/strict';
import { ComputeSession, type RunSettings } from '../../../src/compute/session';
import { dropout, type Tensor } from '../../../src/engine';
import { listTensors, readTensor } from '../../../src/parse';
import { OUTPUTS_FILE_MEMBERS } from '../../../src/viewModels/export/outputsFile';

const SHAPE = [2, 3, 5];
const VALUES = Array.from({ length: 30 }, (_, i) => (i === 4 ? -0 : i === 9 ? -1.5 : Math.round(Math.sin(i) * 1000) / 7));
const base: RunSettings = { p: 0.4, mode: 'train', seed: '3', rng: 'torch', variant: 'inverted', broadcastDims: [] };

function loaded(dtype: 'float32' | 'float64'): { session: ComputeSession; x: Tensor } {
  const data = dtype === 'float64' ? Float64Array.from(VALUES) : Float32Array.from(VALUES);
  const session = new ComputeSession();
  assert.ok(session.load({ kind: 'tensor', shape: SHAPE, data: data.slice(), dtype, maxValues: 1e6, label: 'values' }).ok);
  return { session, x: { shape: SHAPE, dtype, data } };
}

function assertSameBits(actual: ArrayLike<number>, wanted: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, wanted.length, `${what}: length`);
  for (let i = 0; i < wanted.length; i++) assert.ok(Object.is(actual[i], wanted[i]), `${what}[${i}]: ${actual[i]} vs ${wanted[i]}`);
}

describe("the session's outputs file", () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const settings of [
      base,
      { ...base, mode: 'eval' as const },
      { ...base, variant: 'classic' as const, mode: 'eval' as const },
      { ...base, rng: 'numpy' as const, broadcastDims: [2] },
    ]) {
      it(`holds the train output, mask and input of ${dtype}, ${settings.mode}, ${settings.variant}, ${settings.rng}`, () => {
        const { session, x } = loaded(dtype);
        const shown = session.run(settings);
        assert.ok(shown.ok);
        const bytes = session.outputsFile(settings)!;
        const train = dropout(x, {
          p: settings.p,
          mode: 'train',
          seed: settings.seed,
          rng: settings.rng,
          variant: settings.variant,
          broadcastDims: settings.broadcastDims,
        });
        assert.deepEqual(listTensors(bytes, 'saved.npz'), [
          { name: 'output', shape: SHAPE, dtype },
          { name: 'mask', shape: SHAPE, dtype: 'bool' },
          { name: 'input', shape: SHAPE, dtype },
        ]);
        assert.deepEqual([...OUTPUTS_FILE_MEMBERS], ['output', 'mask', 'input']);
        assertSameBits(readTensor(bytes, 'saved.npz', 'output').data, train.output, 'output');
        assertSameBits(readTensor(bytes, 'saved.npz', 'mask').data, train.mask, 'mask');
        assertSameBits(readTensor(bytes, 'saved.npz', 'input').data, x.data, 'input');
        // The panel's values are still the mode's own.
        const after = session.window(0, 30)!;
        assertSameBits(after.output, shown.view.values.output, 'the shown output');
      });
    }
  }

  it('is undefined before anything is loaded', () => {
    assert.equal(new ComputeSession().outputsFile(base), undefined);
  });
});
