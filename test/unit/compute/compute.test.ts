import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancelledError, RpcCompute, type Compute } from '../../../src/compute/client';
import { inProcessEndpoint } from '../../../src/compute/inProcess';
import { WorkerCompute } from '../../../src/compute/nodeWorker';
import { InlineCompute } from '../../../src/compute/inlineCompute';
import type { RunSettings } from '../../../src/compute/session';
import type { FileLoad, TextLoad } from '../../../src/compute/types';
import { COMPILED_SRC, REPO_ROOT } from '../paths';
import { parseActivations, type ParseError } from '../../../src/parse';

// The compiled worker sits beside this test's compiled client in out/.
const WORKER = path.join(COMPILED_SRC, 'compute', 'worker.js');

const ones = (n: number): TextLoad => ({
  text: JSON.stringify(new Array(n).fill(1)),
  dtype: 'float32',
  origin: { line: 1, column: 1 },
  maxValues: 1e7,
  label: 'ones.json',
  documentLabel: 'ones.json',
});

const settings: RunSettings = { p: 0.4, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted', broadcastDims: [] };

for (const [name, make] of [
  ['worker thread', () => new WorkerCompute(WORKER)],
  ['inline', () => new InlineCompute()],
  ['in process, cooperatively (a web host without workers)', () => new RpcCompute(inProcessEndpoint)],
] as const) {
  describe(`compute (${name})`, () => {
    let compute: Compute;
    beforeEach(() => (compute = make()));
    afterEach(() => compute.dispose());

    it('loads, runs and serves windows of values', async () => {
      const loaded = await compute.load(ones(100));
      assert.ok(loaded.ok);
      assert.deepEqual(loaded.source.shape, [100]);
      const run = await compute.run(settings);
      assert.ok(run.ok);
      const { stats, values, mask } = run.view;
      assert.equal(stats.n, 100);
      assert.equal(stats.evalMean, 1);
      assert.equal(mask.filledCells, 100);
      // Every kept unit of 100 ones becomes 1/0.6 in float32, every dropped one 0.
      const scale = Math.fround(1 / Math.fround(0.6));
      for (let i = 0; i < values.input.length; i++) assert.equal(values.output[i], values.mask[i] ? scale : 0);
      assert.equal(stats.trainMean * 100, stats.kept * scale);
      const window = await compute.window(90, 20);
      assert.ok(window);
      assert.equal(window.offset, 90);
      assert.equal(window.input.length, 10);
    });

    it('reports a parse error with its document position and keeps nothing', async () => {
      const reply = await compute.load({ ...ones(1), text: '[1, 2,\n 3, x]', origin: { line: 5, column: 3 } });
      assert.ok(!reply.ok);
      assert.equal(reply.error.line, 6);
      assert.equal(reply.error.column, 5);
      const run = await compute.run(settings);
      assert.ok(!run.ok);
    });

    it('the same seed gives the same draw; changing p keeps the masks nested', async () => {
      await compute.load(ones(1000));
      const a = await compute.run({ ...settings, p: 0.3 });
      const b = await compute.run({ ...settings, p: 0.6 });
      const c = await compute.run({ ...settings, p: 0.3 });
      assert.ok(a.ok && b.ok && c.ok);
      assert.deepEqual(a.view.values.mask, c.view.values.mask);
      for (let i = 0; i < b.view.values.mask.length; i++) {
        if (b.view.values.mask[i]) assert.equal(a.view.values.mask[i], 1, `unit ${i} kept at p=0.6 but dropped at p=0.3`);
      }
    });
  });
}

describe('compute worker cancellation', () => {
  it('rejects the work in flight with CancelledError and starts afresh', async () => {
    const compute = new WorkerCompute(WORKER);
    try {
      const pending = compute.load(ones(2_000_000));
      compute.cancel();
      await assert.rejects(pending, CancelledError);
      const reply = await compute.load(ones(10));
      assert.ok(reply.ok);
    } finally {
      compute.dispose();
    }
  });

  it('stops sending the slices of a long text when cancelled between them, and reads the next input whole', async function () {
    this.timeout(60_000);
    const compute = new WorkerCompute(WORKER);
    // The slices in flight are rejected too: none of those rejections may go unhandled.
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const pending = compute.load(ones(6_000_000)); // twelve slices
      await new Promise((resolve) => setImmediate(resolve)); // some slices are on their way
      compute.cancel();
      await assert.rejects(pending, CancelledError);
      const reply = await compute.load(ones(3));
      assert.ok(reply.ok);
      assert.deepEqual(reply.source.shape, [3]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', note);
      compute.dispose();
    }
  });
});

describe('compute worker, large texts', () => {
  it('sends a text of several megabytes in slices and parses it whole', async function () {
    this.timeout(60_000);
    const compute = new WorkerCompute(WORKER);
    try {
      const n = 1_500_000; // about 9 M characters: nine slices, more than are sent ahead of the answers
      const values = Array.from({ length: n }, (_, i) => (i % 7) - 3);
      const reply = await compute.load({ ...ones(1), text: JSON.stringify(values) });
      assert.ok(reply.ok, JSON.stringify(!reply.ok && reply.error));
      assert.deepEqual(reply.source.shape, [n]);
      const run = await compute.run({ ...settings, p: 0 });
      assert.ok(run.ok);
      assert.equal(run.view.stats.evalMean, values.reduce((a, b) => a + b, 0) / n);
      const last = await compute.window(n - 3, 3);
      assert.deepEqual(Array.from(last!.input), values.slice(-3));
    } finally {
      compute.dispose();
    }
  });
});

describe('compute worker, large texts read as they arrive', () => {
  /** A compute service on this thread, and the methods the client called on it, in order. */
  function watched() {
    const calls: string[] = [];
    const compute = new RpcCompute(() => {
      const endpoint = inProcessEndpoint();
      return { ...endpoint, postMessage: (message, transfer) => (calls.push(message.method), endpoint.postMessage(message, transfer)) };
    });
    return { compute, calls, sent: (method: string) => calls.filter((m) => m === method).length };
  }
  const rows = (n: number, header = '') => header + Array.from({ length: n }, (_, i) => `${(i % 9) - 4},${i % 5}.5`).join('\n');
  const wholeError = (text: string) => {
    try {
      parseActivations(text);
    } catch (error) {
      return { message: (error as Error).message, line: (error as ParseError).line, column: (error as ParseError).column };
    }
    assert.fail('the text parses');
  };

  it('reads plain rows as they arrive, sending the text once, to what the whole parse reads', async function () {
    this.timeout(60_000);
    const { compute, sent } = watched();
    const text = rows(400_000, 'x,y\n'); // about 3 M characters
    const reply = await compute.load({ ...ones(1), text });
    assert.ok(reply.ok, JSON.stringify(!reply.ok && reply.error));
    const whole = parseActivations(text);
    assert.deepEqual(reply.source.shape, whole.shape);
    assert.deepEqual(reply.source.columnLabels, ['x', 'y']);
    assert.ok((await compute.run(settings)).ok);
    const window = await compute.window(799_990, 10);
    assert.deepEqual(Array.from(window!.input), Array.from(whole.data.subarray(799_990, 800_000)));
    assert.equal(sent('startText'), 1, 'sent once');
    assert.ok(sent('appendText') >= 3);
  });

  it('sends the text again to be read whole when reading it as it arrives gives up: a quoted header', async function () {
    this.timeout(60_000);
    const { compute, sent } = watched();
    const text = rows(400_000, '"x","y"\n');
    const reply = await compute.load({ ...ones(1), text });
    assert.ok(reply.ok, JSON.stringify(!reply.ok && reply.error));
    assert.deepEqual(reply.source.columnLabels, ['x', 'y']);
    assert.deepEqual(reply.source.shape, [400_000, 2]);
    assert.equal(sent('startText'), 2, 'sent again, to be joined');
  });

  it("gives the whole parse's error, at its line and column, for a mistake far into a large text", async function () {
    this.timeout(60_000);
    for (const [name, make] of [
      ['worker thread', () => new WorkerCompute(WORKER)],
      ['in process', () => new RpcCompute(inProcessEndpoint)],
    ] as const) {
      const compute = make();
      try {
        const values = Array.from({ length: 700_000 }, (_, i) => String((i % 7) - 3));
        values[650_000] = 'oops';
        const json = `[\n${values.join(',\n')}\n]`;
        const csv = rows(400_000).replace(/\n3,/g, (m, at: number) => (at > 2_500_000 ? '\n3,,' : m));
        for (const text of [json, csv]) {
          const reply = await compute.load({ ...ones(1), text, documentLabel: 'big.txt' });
          assert.ok(!reply.ok, name);
          const expected = wholeError(text);
          assert.ok(reply.error.message.includes(expected.message), `${name}: ${reply.error.message}`);
          assert.equal(reply.error.line, expected.line, name);
          assert.equal(reply.error.column, expected.column, name);
        }
      } finally {
        compute.dispose();
      }
    }
  });
});

describe('compute worker, tensor files', () => {
  const npy = new Uint8Array(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tensorFiles', 'c_float32.npy')));
  const load = (bytes: Uint8Array): FileLoad => ({
    kind: 'file',
    bytes,
    fileName: 'c_float32.npy',
    dtype: 'float32',
    maxValues: 1e7,
    label: 'c_float32.npy',
    documentLabel: 'c_float32.npy',
  });

  it("hands a file's bytes over to the worker rather than copying them, unless they share their buffer", async () => {
    const compute = new WorkerCompute(WORKER);
    try {
      const own = npy.slice();
      const reply = await compute.load(load(own));
      assert.ok(reply.ok, JSON.stringify(!reply.ok && reply.error));
      assert.deepEqual(reply.source.shape, [3, 4]);
      assert.equal(own.byteLength, 0, 'the array went to the worker');

      const shared = new Uint8Array(npy.length + 8);
      shared.set(npy);
      const view = shared.subarray(0, npy.length);
      const again = await compute.load(load(view));
      assert.ok(again.ok);
      assert.equal(shared.byteLength, npy.length + 8, 'a part of a larger buffer is copied, and the buffer kept');
    } finally {
      compute.dispose();
    }
  });
});
