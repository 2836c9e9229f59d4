// The session draws each run into buffers kept from earlier runs of the same
// input, two sets in turn: every run's values, mask grid and stats are those of
// a fresh engine call, whatever changed (p, seed, mode, convention, variant),
// and the set the shown result lives in is never written by the next draw.
import * as assert from 'node:assert/strict';
import { ComputeSession, type RunSettings } from '../../../src/compute/session';
import { DrawBuffers } from '../../../src/compute/drawBuffers';
import { dropout, type Tensor } from '../../../src/engine';

const N = 3000;
const TEXT = JSON.stringify(Array.from({ length: N }, (_, i) => Math.round(Math.sin(i) * 1000) / 100));
const base: RunSettings = { p: 0.5, mode: 'train', seed: '7', rng: 'torch', variant: 'inverted', broadcastDims: [] };

function loaded(): ComputeSession {
  const session = new ComputeSession();
  const reply = session.load({ text: TEXT, dtype: 'float32', origin: { line: 1, column: 1 }, maxValues: 1e6, label: 'values' });
  assert.ok(reply.ok);
  return session;
}

const x: Tensor = { shape: [N], dtype: 'float32', data: Float32Array.from(JSON.parse(TEXT) as number[]) };

/** What a fresh engine call gives for these settings: the train mask, the mode's output and the stats. */
function fresh(settings: RunSettings) {
  const spec = { p: settings.p, seed: settings.seed, rng: settings.rng, variant: settings.variant };
  const train = dropout(x, { ...spec, mode: 'train' });
  const output = settings.mode === 'train' ? train.output : dropout(x, { ...spec, mode: 'eval' }).output;
  return { mask: train.mask, output, stats: train.stats };
}

describe('the session reuses its draw buffers', () => {
  it('gives every run the fresh draw, across p, seed, mode, convention and variant changes and a Monte Carlo run', () => {
    const session = loaded();
    const changes: Partial<RunSettings>[] = [
      {},
      { p: 0.2 },
      { mode: 'eval' },
      { mode: 'eval', variant: 'classic' },
      { seed: '8' },
      { rng: 'numpy' },
      { rng: 'jax', variant: 'alpha' },
      { rng: 'fast', variant: 'gaussian', p: 0.3 },
      { p: 1, variant: 'inverted' },
      { p: 0 },
    ];
    let settings = base;
    for (const change of changes) {
      settings = { ...settings, ...change };
      const what = JSON.stringify(settings);
      const reply = session.run(settings);
      assert.ok(reply.ok, what);
      const expected = fresh(settings);
      assert.deepEqual(reply.view.stats, expected.stats, `${what}: stats`);
      const window = session.window(0, N);
      assert.ok(window);
      assert.deepEqual(Array.from(window.mask), Array.from(expected.mask), `${what}: mask`);
      assert.deepEqual(Array.from(window.output), Array.from(expected.output), `${what}: output`);
      // A Monte Carlo job takes the spare set; the shown result stays whole.
      const job = session.monteCarlo(settings, 3);
      job?.advance(1e9, () => 0);
      assert.deepEqual(Array.from(session.window(0, N)!.mask), Array.from(expected.mask), `${what}: mask after Monte Carlo`);
    }
  });
});

describe('a new input of the same size', () => {
  it('is drawn exactly as by a fresh engine call when it takes over the arrays of the input before it', () => {
    const session = loaded();
    assert.ok(session.run(base).ok);
    assert.ok(session.run({ ...base, p: 0.3 }).ok);
    const before = session.window(0, N);
    // Other values, as many: a followed selection edited, or a paused program one step on.
    const values = Array.from({ length: N }, (_, i) => Math.round(Math.cos(i) * 1000) / 100);
    const next: Tensor = { shape: [N], dtype: 'float32', data: Float32Array.from(values) };
    assert.ok(
      session.load({ text: JSON.stringify(values), dtype: 'float32', origin: { line: 1, column: 1 }, maxValues: 1e6, label: 'next' }).ok,
    );
    for (const settings of [base, { ...base, p: 0.3 }, { ...base, seed: '9', mode: 'eval' as const }]) {
      const reply = session.run(settings);
      assert.ok(reply.ok);
      const spec = { p: settings.p, seed: settings.seed, rng: settings.rng, variant: settings.variant };
      const expected = dropout(next, { ...spec, mode: settings.mode });
      assert.deepEqual(reply.view.stats, dropout(next, { ...spec, mode: 'train' }).stats, JSON.stringify(settings));
      const window = session.window(0, N);
      assert.ok(window);
      assert.deepEqual(Array.from(window.input), values.map(Math.fround));
      assert.deepEqual(Array.from(window.output), Array.from(expected.output));
    }
    assert.notDeepEqual(Array.from(before!.input), Array.from(session.window(0, N)!.input));
  });
});

describe('DrawBuffers', () => {
  const drawn = () => ({ mask: new Uint8Array(4), output: new Float32Array(4) });
  const input = (): Tensor => ({ shape: [4], dtype: 'float32', data: new Float32Array(4) });

  it('offers the set the shown result does not use, the two in turn', () => {
    const buffers = new DrawBuffers();
    const t = input();
    assert.deepEqual(buffers.spare(t), {}, 'nothing drawn yet');
    const a = drawn();
    buffers.show(t, a);
    assert.deepEqual(buffers.spare(t), {}, 'the second set is made by the second draw');
    const b = drawn();
    buffers.show(t, b);
    assert.equal(buffers.spare(t).mask, a.mask, 'the third draw goes into the first set');
    buffers.show(t, a);
    assert.equal(buffers.spare(t).output, b.output, 'then into the second: never the shown one');
  });

  it('forgets the sets of another input, and hands the spare set over for good', () => {
    const buffers = new DrawBuffers();
    const t = input();
    buffers.show(t, drawn());
    const b = drawn();
    buffers.show(t, b);
    assert.deepEqual(buffers.spare(input()), {}, 'another input');
    buffers.show(t, drawn());
    buffers.show(t, b);
    const lent = buffers.lend(t);
    assert.notDeepEqual(lent, {});
    assert.deepEqual(buffers.spare(t), {}, 'a lent set is not offered again');
  });

  it('keeps the sets for a new input of the same size and dtype, and drops them for any other', () => {
    const buffers = new DrawBuffers();
    const t = input();
    const a = drawn();
    buffers.show(t, a);
    buffers.show(t, drawn());
    const same = input();
    buffers.adopt(same);
    assert.equal(buffers.spare(same).mask, a.mask, 'the same size and dtype: kept');
    const longer: Tensor = { shape: [5], dtype: 'float32', data: new Float32Array(5) };
    buffers.adopt(longer);
    assert.deepEqual(buffers.spare(longer), {}, 'another size: dropped');
    buffers.show(longer, { mask: new Uint8Array(5), output: new Float32Array(5) });
    const doubles: Tensor = { shape: [5], dtype: 'float64', data: new Float64Array(5) };
    buffers.adopt(doubles);
    assert.deepEqual(buffers.spare(doubles), {}, 'another dtype: dropped');
  });

  it("makes the first draw's mask of an input announced before it is read, and only when it fits", () => {
    const buffers = new DrawBuffers();
    buffers.expect(4);
    const t = input();
    buffers.adopt(t);
    const first = buffers.spare(t);
    assert.ok(first.mask instanceof Uint8Array && first.mask.length === 4, 'the announced input: its mask is ready');
    assert.equal(first.output, undefined, 'no output: a draw makes its outputs on request');
    buffers.show(t, { mask: first.mask });
    buffers.expect(4);
    const same = input();
    buffers.adopt(same);
    assert.equal(buffers.spare(same).mask, first.mask, 'the sets held fit: they are drawn into, nothing more was made');
    buffers.expect(6);
    const other: Tensor = { shape: [5], dtype: 'float32', data: new Float32Array(5) };
    buffers.adopt(other);
    assert.deepEqual(buffers.spare(other), {}, 'another input came: the mask made for the announced one is dropped');
  });
});
