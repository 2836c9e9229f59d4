// The panel's own drawing of a p change must be the host's, to the bit: the worker's session runs
// here on the same values, and every view the panel shows is compared whole.
import * as assert from 'node:assert/strict';
import { ComputeSession, type RunSettings } from '../../../src/compute/session';
import type { Tensor } from '../../../src/engine/types';
import { RNG_KINDS, VARIANTS } from '../../../src/shared/catalogue';
import { LOCAL_DRAW_LIMIT } from '../../../src/shared/protocol';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import * as engine from '../../../webview/drawEngine';
import { LocalDraw } from '../../../webview/localDraw';

const BASE: RunSettings = { p: 0.5, mode: 'train', seed: '7', rng: 'torch', variant: 'inverted', broadcastDims: [] };

/** A 2 × 3 × 4 × 5 tensor of uneven values (some negative, one zero). */
function tensor(dtype: 'float32' | 'float64' = 'float32'): Tensor {
  const n = 120;
  const values = Array.from({ length: n }, (_, i) => (i === 17 ? 0 : Math.sin(i * 1.7) * (1 + (i % 7))));
  return { shape: [2, 3, 4, 5], dtype, data: dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values) };
}

/** The host's side: a session holding `x`, and its snapshot at `settings`. */
function host(x: Tensor) {
  const session = new ComputeSession();
  const loaded = session.load({ kind: 'tensor', shape: x.shape, data: x.data.slice(), dtype: x.dtype, maxValues: 1e6, label: 'x' });
  assert.ok(loaded.ok);
  const snapshot = (settings: RunSettings): PanelSnapshot => {
    const reply = session.run(settings);
    assert.ok(reply.ok);
    const { p, mode, seed, rng, variant, broadcastDims } = settings;
    return {
      status: 'loaded',
      settings: { p, mode, seed, rng, variant, broadcastDims, framework: 'pytorch' },
      result: reply.view,
      error: null,
      live: null,
      tensors: null,
    };
  };
  return { session, snapshot };
}

/** The panel's drawing, its engine loaded, holding a copy of `x` (as the host's message brings it). */
async function panel(x: Tensor): Promise<LocalDraw> {
  const draw = new LocalDraw(() => Promise.resolve(engine));
  await draw.load();
  draw.hold({ shape: [...x.shape], dtype: x.dtype, data: x.data.slice() });
  return draw;
}

describe("the panel's own drawing of a p change", () => {
  const cases: [string, Partial<RunSettings>, 'float32' | 'float64'][] = [
    ...RNG_KINDS.map((rng): [string, Partial<RunSettings>, 'float32'] => [`the ${rng} stream`, { rng }, 'float32']),
    ...VARIANTS.map((variant): [string, Partial<RunSettings>, 'float32'] => [`the ${variant} variant`, { variant }, 'float32']),
    ['eval mode', { mode: 'eval' }, 'float32'],
    ['a mask shared along axes 2 and 3', { broadcastDims: [2, 3] }, 'float32'],
    ['one picked slice', { slice: [1, 2] }, 'float32'],
    ['float64 values', { rng: 'numpy' }, 'float64'],
  ];
  for (const [name, change, dtype] of cases) {
    it(`is the host's own view, to the bit: ${name}`, async () => {
      const x = tensor(dtype);
      const { snapshot } = host(x);
      const draw = await panel(x);
      const settings = { ...BASE, ...change };
      const before = snapshot(settings);
      for (const p of [0.3, 0.81, 0.3, 0]) {
        const drawn = draw.withP(before, p);
        assert.ok(drawn, `p = ${p} drawn`);
        assert.deepEqual(drawn, snapshot({ ...settings, p }), `p = ${p}`);
      }
    });
  }

  it('draws nothing without values, after they are dropped, or for a snapshot of other values', async () => {
    const x = tensor();
    const { snapshot } = host(x);
    const shown = snapshot(BASE);
    const empty = new LocalDraw(() => Promise.resolve(engine));
    await empty.load();
    assert.equal(empty.withP(shown, 0.3), undefined, 'no values yet');
    const draw = await panel(x);
    assert.ok(draw.withP(shown, 0.3));
    draw.hold(null);
    assert.equal(draw.withP(shown, 0.3), undefined, 'another input is being read');
    const other: Tensor = { shape: [120], dtype: 'float32', data: x.data.slice() };
    assert.equal((await panel(other)).withP(shown, 0.3), undefined, 'the same values in another shape');
    assert.equal((await panel(tensor('float64'))).withP(shown, 0.3), undefined, 'the same values in another dtype');
    const loading: PanelSnapshot = {
      status: 'loading',
      loading: 'y',
      settings: shown.settings,
      result: null,
      error: null,
      live: null,
      tensors: null,
    };
    assert.equal(draw.withP(loading, 0.3), undefined);
  });

  it('holds no values whose shape does not hold them', async () => {
    const draw = new LocalDraw(() => Promise.resolve(engine));
    await draw.load();
    const x = tensor();
    draw.hold({ shape: [2, 3], dtype: 'float32', data: x.data });
    const { snapshot } = host(x);
    assert.equal(draw.withP(snapshot(BASE), 0.3), undefined);
  });
});

describe('when the panel asks for the values and the engine', () => {
  const loaded = (n: number): PanelSnapshot => {
    const x: Tensor = { shape: [n], dtype: 'float32', data: new Float32Array(n).fill(1) };
    const session = new ComputeSession();
    assert.ok(session.load({ kind: 'tensor', shape: x.shape, data: x.data, dtype: 'float32', maxValues: 2e6, label: 'x' }).ok);
    const reply = session.run(BASE);
    assert.ok(reply.ok);
    return { status: 'loaded', settings: { ...BASE, framework: 'pytorch' }, result: reply.view, error: null, live: null, tensors: null };
  };

  it('asks once per input, only for a loaded result of at most LOCAL_DRAW_LIMIT values, and loads the engine then', async () => {
    let loads = 0;
    const draw = new LocalDraw(() => (loads++, Promise.resolve(engine)));
    assert.equal(draw.wants(loaded(LOCAL_DRAW_LIMIT + 1)), false, 'too many values');
    assert.equal(loads, 0);
    const small = loaded(10);
    assert.equal(draw.wants(small), true);
    assert.equal(draw.wants(small), false, 'asked already');
    assert.equal(loads, 1);
    draw.hold(null);
    assert.equal(draw.wants(small), true, 'a new input: asked again');
    assert.equal(loads, 1, 'the engine loads once');
  });

  it('draws nothing, and throws nothing, when the engine cannot be loaded', async () => {
    const draw = new LocalDraw(() => Promise.reject(new Error('blocked')));
    const small = loaded(10);
    assert.equal(draw.wants(small), true);
    await draw.load();
    draw.hold({ shape: [10], dtype: 'float32', data: new Float32Array(10).fill(1) });
    assert.equal(draw.withP(small, 0.3), undefined);
  });
});

describe('a draw in the panel that throws', () => {
  it('draws nothing and leaves the answer to the host', async () => {
    const broken = {
      ...engine,
      compute: () => {
        throw new Error('no');
      },
    };
    const draw = new LocalDraw(() => Promise.resolve(broken));
    await draw.load();
    const x: Tensor = { shape: [4], dtype: 'float32', data: Float32Array.from([1, 2, 3, 4]) };
    draw.hold({ ...x, data: x.data.slice() });
    const session = new ComputeSession();
    assert.ok(session.load({ kind: 'tensor', shape: [4], data: x.data, dtype: 'float32', maxValues: 10, label: 'x' }).ok);
    const reply = session.run(BASE);
    assert.ok(reply.ok);
    const shown: PanelSnapshot = {
      status: 'loaded',
      settings: { ...BASE, framework: 'pytorch' },
      result: reply.view,
      error: null,
      live: null,
      tensors: null,
    };
    assert.equal(draw.withP(shown, 0.3), undefined);
  });
});
