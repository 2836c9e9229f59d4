// Inputs that change under the panel (a debug expression re-read at each stop, an edited selection):
// following, pinning, the notice when the values are older than the source, and what survives a re-read.
import * as assert from 'node:assert/strict';
import { PlaygroundController, type TensorInput } from '../../../src/controller/playground';
import { MemoryInputs, MemorySettings, RecordingHost, StandInCompute } from './standIns';

function setUp(maxValues?: number) {
  const inputs = new MemoryInputs();
  const controller = new PlaygroundController({
    settings: new MemorySettings(maxValues ? { maxValues } : {}),
    lastInput: inputs,
    compute: new StandInCompute(),
    host: new RecordingHost(),
  });
  return { controller, inputs };
}

function tensor(values: number[], shape: number[] = [values.length], data: 'float32' | 'float64' = 'float32'): TensorInput {
  return {
    kind: 'tensor',
    shape,
    data: data === 'float64' ? Float64Array.from(values) : Float32Array.from(values),
    label: 'x',
    documentLabel: 'train.py',
    provenance: 'debug session train.py · frame step, train.py:12',
    note: 'float16 values, shown as float32',
  };
}

describe('live inputs', () => {
  it('loads values that arrive as numbers, keeping float64 and the provenance, and does not keep them for the next window', async () => {
    const { controller, inputs } = setUp();
    const snapshot = await controller.setInput(tensor([1, 2, 3, 4], [2, 2], 'float64'), { live: true });
    assert.ok(snapshot.status === 'loaded');
    assert.deepEqual(snapshot.result.source.shape, [2, 2]);
    assert.equal(snapshot.result.source.dtype, 'float64');
    assert.equal(snapshot.result.source.provenance, 'debug session train.py · frame step, train.py:12');
    assert.equal(snapshot.result.source.note, 'float16 values, shown as float32');
    assert.equal(snapshot.result.stats.evalMean, 2.5);
    assert.deepEqual(snapshot.live, { follow: true, notice: null });
    assert.equal(inputs.saved, undefined);
  });

  it('refuses values above maxValues, naming the shape, and values that do not fit their shape', async () => {
    const { controller } = setUp(5);
    const big = await controller.setInput(tensor([1, 2, 3, 4, 5, 6], [2, 3]));
    assert.ok(big.status === 'error');
    assert.match(big.error.message, /shape \[2, 3\]: 6 values, more than the 5 values/);
    const torn = await controller.setInput({ ...tensor([1, 2, 3]), shape: [2, 2] });
    assert.ok(torn.status === 'error');
    assert.match(torn.error.message, /\[2, 2\] holds 4 values, 3 arrived/);
  });

  it('re-reads while following, keeping channel sharing and the slice when the shape stays; a new shape starts afresh', async () => {
    const { controller } = setUp();
    await controller.setInput(tensor(new Array(24).fill(1), [2, 3, 4]), { live: true });
    await controller.setBroadcastDims([2]);
    await controller.setSlice([1]);
    assert.equal(await controller.refreshInput(tensor(new Array(24).fill(2), [2, 3, 4])), true);
    let now = controller.current;
    assert.ok(now.status === 'loaded');
    assert.equal(now.result.stats.evalMean, 2);
    assert.deepEqual(now.settings.broadcastDims, [2]);
    assert.deepEqual(now.result.mask.slice?.index, [1]);
    await controller.refreshInput(tensor(new Array(6).fill(3), [6]));
    now = controller.current;
    assert.ok(now.status === 'loaded');
    assert.deepEqual(now.settings.broadcastDims, []);
    assert.equal(now.result.mask.slice, undefined);
  });

  it('a re-read shows the previous values until the new ones are in, with no loading state between', async () => {
    const { controller } = setUp();
    await controller.setInput(tensor([1, 1]), { live: true });
    const statuses: string[] = [];
    controller.onDidChange((s) => statuses.push(s.status));
    await controller.refreshInput(tensor([5, 5]));
    assert.ok(!statuses.includes('loading'), statuses.join());
    assert.equal(statuses.at(-1), 'loaded');
  });

  it('pinned, ignores re-reads until it follows again; a notice says why the values are older, and a re-read clears it', async () => {
    const { controller } = setUp();
    await controller.setInput(tensor([1, 1]), { live: true });
    controller.setFollow(false);
    assert.deepEqual(controller.current.live, { follow: false, notice: null });
    assert.equal(await controller.refreshInput(tensor([9, 9])), false);
    const pinned = controller.current;
    assert.ok(pinned.status === 'loaded');
    assert.equal(pinned.result.stats.evalMean, 1);
    controller.setFollow(true);
    controller.setLiveNotice('x is not defined in frame step: showing the values from the last stop.');
    assert.equal(controller.current.live?.notice, 'x is not defined in frame step: showing the values from the last stop.');
    await controller.refreshInput(tensor([9, 9]));
    assert.deepEqual(controller.current.live, { follow: true, notice: null });
  });

  it('an input that is not live offers no following, and refreshes are ignored', async () => {
    const { controller } = setUp();
    await controller.setInput(tensor([1, 1]));
    assert.equal(controller.current.live, null);
    controller.setFollow(true);
    controller.setLiveNotice('ignored');
    assert.equal(controller.current.live, null);
    assert.equal(await controller.refreshInput(tensor([2, 2])), false);
  });
});
