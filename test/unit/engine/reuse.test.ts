// dropout(x, spec, into): buffers of a previous call are written over and
// returned when their type and length fit, and the result is the fresh call's
// to the bit (Object.is: NaN, +-Inf and -0 included) whatever the buffers
// held before: every convention, variant, dtype and mode, p = 0, p = 1, with
// and without broadcast dims. Buffers that do not fit are left alone.
import * as assert from 'node:assert/strict';
import {
  dropout,
  type DropoutBuffers,
  type DropoutResult,
  type DropoutSpec,
  type DType,
  type RngKind,
  type Tensor,
  type Variant,
} from '../../../src/engine';

const RNGS: RngKind[] = ['torch', 'numpy', 'jax', 'fast'];
const VARIANTS: Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];
/** Spans two of numpy's draw ranges and more than the fast SIMD loop's multiple of 16. */
const SHAPE = [2, 3, 1001];
const BROADCASTS: number[][] = [[], [2], [0, 1]];

/** Ordinary values with NaN, +-Inf, -0 and negatives scattered through them (so x * 0 and selects differ). */
function input(dtype: DType): Tensor {
  const n = SHAPE.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let s = 99;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 2 ** 32) * 6 - 3;
  }
  const specials = [NaN, Infinity, -Infinity, -0, -2.5];
  for (let i = 7; i < n; i += 131) data[i] = specials[Math.floor(i / 131) % specials.length];
  return { shape: SHAPE, dtype, data };
}

/** Buffers that fit x, holding what no draw writes (a mask byte of 0xab, an output of 12345.5). */
function staleBuffers(x: Tensor): Required<DropoutBuffers> {
  const n = x.data.length;
  const output = x.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  return { mask: new Uint8Array(n).fill(0xab), output: output.fill(12345.5) };
}

function assertSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

function assertSameResult(actual: DropoutResult, expected: DropoutResult, what: string): void {
  assert.equal(actual.output.constructor, expected.output.constructor, `${what}: output type`);
  assertSameArray(actual.mask, expected.mask, `${what}: mask`);
  assertSameArray(actual.output, expected.output, `${what}: output`);
  for (const key of Object.keys(expected.stats) as (keyof DropoutResult['stats'])[]) {
    assert.ok(
      Object.is(actual.stats[key], expected.stats[key]),
      `${what}: stats.${key} got ${actual.stats[key]}, expected ${expected.stats[key]}`,
    );
  }
}

describe('dropout into reused buffers', () => {
  for (const dtype of ['float32', 'float64'] as DType[]) {
    const x = input(dtype);
    for (const rng of RNGS) {
      for (const variant of VARIANTS) {
        it(`${rng} ${variant} ${dtype}: the fresh call's mask, output and stats, in the buffers offered`, () => {
          for (const broadcastDims of BROADCASTS) {
            for (const p of variant === 'gaussian' ? [0, 0.3] : [0, 0.3, 1]) {
              for (const mode of ['train', 'eval'] as const) {
                const spec: DropoutSpec = { p, mode, seed: 7, rng, variant, broadcastDims };
                const what = `p=${p} ${mode} broadcast [${broadcastDims.join(',')}]`;
                const fresh = dropout(x, spec);
                const into = staleBuffers(x);
                const reused = dropout(x, spec, into);
                assert.equal(reused.mask, into.mask, `${what}: the mask offered is returned`);
                assert.equal(reused.output, into.output, `${what}: the output offered is returned`);
                assertSameResult(reused, fresh, what);
              }
            }
          }
        });
      }
    }
  }

  it('a redraw into the last call’s buffers, across p, seed, mode, convention and variant, is the fresh draw', () => {
    const x = input('float32');
    let buffers: DropoutBuffers = {};
    const specs: DropoutSpec[] = [
      { p: 0.5, mode: 'train', seed: 1, rng: 'torch' },
      { p: 0.2, mode: 'train', seed: 1, rng: 'torch' },
      { p: 0.2, mode: 'eval', seed: 1, rng: 'torch', variant: 'classic' },
      { p: 0.7, mode: 'train', seed: 3, rng: 'jax', broadcastDims: [2] },
      { p: 1, mode: 'train', seed: 3, rng: 'jax' },
      { p: 0.4, mode: 'train', seed: 9, rng: 'numpy', variant: 'alpha' },
      { p: 0.4, mode: 'train', seed: 9, rng: 'fast', variant: 'gaussian' },
      { p: 0, mode: 'train', seed: 9, rng: 'fast' },
    ];
    for (const spec of specs) {
      const reused = dropout(x, spec, buffers);
      if (buffers.mask) assert.equal(reused.mask, buffers.mask, 'the same mask buffer, call after call');
      assertSameResult(reused, dropout(x, spec), JSON.stringify(spec));
      buffers = { mask: reused.mask, output: reused.output };
    }
  });

  it('buffers of the wrong length or type are not written: the result is in new ones', () => {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      const x = input(dtype);
      const n = x.data.length;
      const wrongType = dtype === 'float32' ? new Float64Array(n) : new Float32Array(n);
      const offers: { label: string; into: DropoutBuffers }[] = [
        { label: 'one element short', into: { mask: new Uint8Array(n - 1), output: staleBuffers(x).output.subarray(1) } },
        {
          label: 'one element over',
          into: { mask: new Uint8Array(n + 1), output: dtype === 'float32' ? new Float32Array(n + 1) : new Float64Array(n + 1) },
        },
        { label: 'the other float type', into: { output: wrongType } },
        { label: 'an Int8Array as mask', into: { mask: new Int8Array(n) as unknown as Uint8Array } },
        { label: "the input's own memory as output", into: { output: x.data } },
      ];
      for (const { label, into } of offers) {
        const before = { mask: into.mask?.slice(), output: into.output?.slice() };
        for (const rng of RNGS) {
          const spec: DropoutSpec = { p: 0.3, mode: 'train', seed: 5, rng };
          const fresh = dropout(x, spec);
          const result = dropout(x, spec, into);
          assert.notEqual(result.mask, into.mask, `${dtype} ${label} ${rng}: a new mask`);
          assert.notEqual(result.output, into.output, `${dtype} ${label} ${rng}: a new output`);
          assertSameResult(result, fresh, `${dtype} ${label} ${rng}`);
        }
        if (before.mask) assertSameArray(into.mask!, before.mask, `${dtype} ${label}: mask offered untouched`);
        if (before.output) assertSameArray(into.output!, before.output, `${dtype} ${label}: output offered untouched`);
      }
    }
  });

  it('one buffer that fits is reused beside one that does not', () => {
    const x = input('float32');
    const mask = new Uint8Array(x.data.length).fill(3);
    const spec: DropoutSpec = { p: 0.5, mode: 'train', seed: 2, rng: 'fast' };
    const result = dropout(x, spec, { mask, output: new Float64Array(x.data.length) });
    assert.equal(result.mask, mask);
    assert.ok(result.output instanceof Float32Array);
    assertSameResult(result, dropout(x, spec), 'mixed');
  });
});
