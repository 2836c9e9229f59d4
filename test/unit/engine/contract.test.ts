// The engine contract's details: seeds, p = 0 and p = 1, errors, eval mode,
// the output rule of every convention, and the MaskSource calling contract.
import * as assert from 'node:assert/strict';
import {
  ALPHA,
  alphaA,
  availableRngs,
  createMaskSource,
  dropout,
  dropoutWithSource,
  monteCarlo,
  monteCarloWithSource,
  nonNegativeSeed,
  seedLow32,
  seedToBigInt,
  type DropoutSpec,
  type RngKind,
  type Tensor,
  type Variant,
} from '../../../src/engine';
import { assertSameValues, scriptedSource } from '../../fixtures/golden/goldenCases';

const VARIANTS: Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];
const NEVER_DRAW = () => scriptedSource([]);

function f32(values: number[], shape = [values.length]): Tensor {
  return { shape, dtype: 'float32', data: Float32Array.from(values) };
}

function randomTensor(n: number, seed: number, dtype: 'float32' | 'float64' = 'float32', shape = [n]): Tensor {
  // A small LCG so the inputs do not depend on the engine under test.
  let s = seed >>> 0;
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = (s / 4294967296) * 4 - 2;
  }
  return { shape, dtype, data };
}

const spec = (over: Partial<DropoutSpec>): DropoutSpec => ({ p: 0.5, mode: 'train', seed: 0, rng: 'torch', ...over });

describe('engine seeds', () => {
  const x = randomTensor(64, 1);
  const maskOf = (seed: DropoutSpec['seed'], rng: RngKind = 'torch') => Array.from(dropout(x, spec({ seed, rng })).mask);

  it('torch keeps the low 32 bits: 2^32 + 5 is 5, in every spelling', () => {
    const five = maskOf(5);
    assert.deepEqual(maskOf(2 ** 32 + 5), five);
    assert.deepEqual(maskOf(2n ** 32n + 5n), five);
    assert.deepEqual(maskOf('4294967301'), five);
    assert.deepEqual(maskOf('18446744073709551621'), five); // 2^64 + 5
    assert.notDeepEqual(maskOf(6), five);
  });

  it("torch reads -1 as 0xffffffff (two's complement)", () => {
    const m = maskOf(0xffffffff);
    assert.deepEqual(maskOf(-1), m);
    assert.deepEqual(maskOf(-1n), m);
    assert.deepEqual(maskOf('-1'), m);
    assert.equal(seedLow32(-2), 0xfffffffe);
    assert.equal(seedLow32('-4294967297'), 0xffffffff);
  });

  it('decimal strings above 2^53 are exact', () => {
    assert.equal(seedToBigInt('9007199254740993'), 9007199254740993n);
    assert.equal(seedLow32('9007199254740993'), 1);
    assert.notDeepEqual(maskOf('9007199254740993', 'fast'), maskOf('9007199254740992', 'fast'));
    assert.deepEqual(maskOf('9007199254740993', 'fast'), maskOf(9007199254740993n, 'fast'));
  });

  it('fast: the same seed in any spelling gives the same mask, other seeds others', () => {
    assert.deepEqual(maskOf(7, 'fast'), maskOf(7n, 'fast'));
    assert.deepEqual(maskOf(7, 'fast'), maskOf('7', 'fast'));
    assert.notDeepEqual(maskOf(7, 'fast'), maskOf(8, 'fast'));
    assert.notDeepEqual(maskOf(-1, 'fast'), maskOf(1, 'fast'));
  });

  it('refuses seeds that are not integers', () => {
    for (const seed of [1.5, NaN, Infinity, 'abc', '1.0', '', ' 1', '0x10']) {
      assert.throws(() => dropout(x, spec({ seed: seed as DropoutSpec['seed'] })), /seed/, String(seed));
    }
  });

  it('numpy refuses a negative seed even where nothing is drawn (p = 0, p = 1, eval)', () => {
    for (const p of [0, 1, 0.5]) {
      for (const mode of ['train', 'eval'] as const) {
        assert.throws(() => dropoutWithSource(x, spec({ p, mode, seed: -1, rng: 'numpy' }), NEVER_DRAW), /non-negative/);
      }
      assert.throws(() => monteCarlo(x, spec({ p, seed: '-5', rng: 'numpy' }), 2), /non-negative/);
    }
    assert.doesNotThrow(() => dropoutWithSource(x, spec({ p: 0, seed: -1, rng: 'jax' }), NEVER_DRAW));
  });

  it('nonNegativeSeed refuses negative seeds and keeps the rest exact', () => {
    assert.throws(() => nonNegativeSeed(-1, 'numpy'), /non-negative/);
    assert.throws(() => nonNegativeSeed('-18446744073709551616', 'numpy'), /non-negative/);
    assert.equal(nonNegativeSeed('18446744073709551623', 'numpy'), 18446744073709551623n);
  });
});

describe('engine p = 0 and p = 1', () => {
  const x = f32([1.5, -2, -0, 0, NaN, Infinity, -Infinity, 3.25]);

  for (const rng of ['torch', 'fast', 'numpy', 'jax'] as RngKind[]) {
    for (const variant of VARIANTS) {
      it(`p = 0 returns the input and draws nothing (${rng}, ${variant})`, () => {
        const r = dropoutWithSource(x, spec({ p: 0, rng, variant }), NEVER_DRAW);
        assertSameValues(r.output, x.data, 'output');
        assert.ok(r.output !== x.data, "a copy, not the caller's array");
        assert.ok(r.mask.every((m) => m === 1));
        assert.equal(r.stats.kept, 8);
        assert.equal(r.stats.trainMeanStd, 0);
      });
    }
  }

  for (const variant of ['inverted', 'classic', 'unscaled', 'alpha'] as Variant[]) {
    for (const rng of ['torch', 'fast', 'numpy'] as RngKind[]) {
      it(`p = 1 gives x * 0 without draws (${rng}, ${variant})`, () => {
        const r = dropoutWithSource(x, spec({ p: 1, rng, variant }), NEVER_DRAW);
        assertSameValues(r.output, [0, -0, -0, 0, NaN, NaN, NaN, 0], 'output');
        assert.ok(r.mask.every((m) => m === 0));
        assert.equal(r.stats.kept, 0);
        assert.ok(Number.isNaN(r.stats.trainMean));
        assert.equal(r.stats.trainMeanStd, 0);
      });
    }
    it(`p = 1 gives +0 everywhere for jax (${variant})`, () => {
      const r = dropoutWithSource(x, spec({ p: 1, rng: 'jax', variant }), NEVER_DRAW);
      assertSameValues(r.output, [0, 0, 0, 0, 0, 0, 0, 0], 'output');
      assert.equal(r.stats.trainMean, 0);
      assert.equal(r.stats.expectedTrainMean, 0);
      assert.equal(r.stats.trainMeanStd, 0);
    });
  }

  it('p = 1 on finite inputs: the expected train mean is that of x * 0', () => {
    const r = dropout(f32([1, -2, 3]), spec({ p: 1 }));
    assert.equal(r.stats.expectedTrainMean, 0);
    assert.equal(r.stats.trainMeanStd, 0);
    assert.equal(r.stats.evalMean, 2 / 3);
  });

  it('the gaussian variant refuses p = 1', () => {
    assert.throws(() => dropout(x, spec({ p: 1, variant: 'gaussian' })), /gaussian.*p = 1/);
  });
});

describe('engine input errors', () => {
  const x = f32([1, 2, 3, 4], [2, 2]);

  it('p outside [0, 1], NaN or not a number is an error that names p', () => {
    for (const p of [-0.01, 1.01, NaN, Infinity, -Infinity, '0.5', null]) {
      assert.throws(() => dropout(x, spec({ p: p as number })), /probability p must be a number in \[0, 1\]/, String(p));
      assert.throws(() => monteCarlo(x, spec({ p: p as number }), 3), /p must be/, String(p));
    }
  });

  it('broadcastDims must be distinct integers in [0, rank)', () => {
    for (const dims of [[2], [-1], [0, 0], [0.5], ['1']]) {
      assert.throws(() => dropout(x, spec({ broadcastDims: dims as number[] })), /broadcastDims/, JSON.stringify(dims));
    }
    assert.doesNotThrow(() => dropout(x, spec({ broadcastDims: [1, 0] })));
    assert.doesNotThrow(() => dropout(x, spec({ broadcastDims: [] })));
  });

  it('unknown conventions, variants and modes are errors', () => {
    assert.throws(() => dropout(x, spec({ rng: 'tf' as RngKind })), /RNG convention/);
    assert.throws(() => dropout(x, spec({ variant: 'spatial' as Variant })), /variant/);
    assert.throws(() => dropout(x, spec({ mode: 'test' as 'eval' })), /mode/);
  });

  it('data that does not fill the shape is an error', () => {
    assert.throws(() => dropout({ shape: [3, 2], dtype: 'float32', data: new Float32Array(5) }, spec({})), /5 values.*needs 6/);
  });

  it('monteCarlo needs a non-negative integer number of trials', () => {
    for (const t of [-1, 1.5, NaN]) assert.throws(() => monteCarlo(x, spec({}), t), /trials/);
    assert.equal(monteCarlo(x, spec({}), 0).trainMeans.length, 0);
  });
});

describe('engine conventions: what a dropped and a kept element become', () => {
  // One fixed mask, so each rule is checked on known kept/dropped slots.
  const values = [1.1, -2.3, NaN, Infinity, -Infinity, -0.7, 0.3, 5e-3];
  const mask = [1, 0, 0, 0, 1, 0, 1, 1];
  const p = 0.1;
  const keepF = Math.fround(1 - p);
  const scaleF = Math.fround(1 / keepF);

  it('torch multiplies by f32(1/f32(keep)): dropped NaN/Inf -> NaN, negative -> -0', () => {
    const r = dropoutWithSource(f32(values), spec({ p, rng: 'torch' }), () => scriptedSource([mask]));
    const expected = values.map((v, i) => (mask[i] ? Math.fround(Math.fround(v) * scaleF) : Math.fround(v) * 0));
    assertSameValues(r.output, expected, 'output');
    assert.ok(Object.is(r.output[1], -0) && Number.isNaN(r.output[3]));
  });

  it('numpy divides: f32(f32(x * m) / f32(keep)), and its mask is asked for keep = 1 - p', () => {
    const src = scriptedSource([mask]);
    const r = dropoutWithSource(f32(values), spec({ p, rng: 'numpy' }), () => src);
    const expected = values.map((v, i) => Math.fround(Math.fround(Math.fround(v) * mask[i]) / keepF));
    assertSameValues(r.output, expected, 'output');
    assert.deepEqual(src.keeps, [1 - p]);
    // True division and multiplying by the rounded reciprocal differ on some inputs: the rule matters.
    const xs = randomTensor(200, 3);
    const ones = new Array(200).fill(1);
    const np = dropoutWithSource(xs, spec({ p, rng: 'numpy' }), () => scriptedSource([ones])).output;
    const th = dropoutWithSource(xs, spec({ p, rng: 'torch' }), () => scriptedSource([ones])).output;
    assert.ok(
      np.some((v, i) => v !== th[i]),
      'numpy and torch rules coincide on every input',
    );
  });

  it('numpy float64 divides by keep', () => {
    const x64: Tensor = { shape: [4], dtype: 'float64', data: Float64Array.of(0.1, 0.7, -3, 1 / 3) };
    const r = dropoutWithSource(x64, spec({ p: 0.3, rng: 'numpy' }), () => scriptedSource([[1, 1, 0, 1]]));
    assertSameValues(r.output, [0.1 / 0.7, 0.7 / 0.7, -0, 1 / 3 / 0.7], 'output');
  });

  it('jax selects: dropped -> +0 whatever it held, kept f32(x * f32(1/f32(keep)))', () => {
    const r = dropoutWithSource(f32(values), spec({ p, rng: 'jax' }), () => scriptedSource([mask]));
    const expected = values.map((v, i) => (mask[i] ? Math.fround(Math.fround(v) * scaleF) : 0));
    assertSameValues(r.output, expected, 'output');
    assert.equal(r.stats.trainMeanUnscaled, (Math.fround(1.1) - Infinity + Math.fround(0.3) + Math.fround(5e-3)) / 8);
  });

  it("alpha: kept f(f(x*f(a)) + f(alpha a p)), dropped a*alpha'*(1-p); jax selects the dropped constant", () => {
    const a = 1 / Math.sqrt((1.7580993408473766 ** 2 * p + 1) * (1 - p));
    const A = Math.fround(a);
    const B = Math.fround(1.7580993408473766 * a * p);
    const D = Math.fround(-Math.fround(1.7580993408473766 * a) + B);
    const torchOut = dropoutWithSource(f32(values), spec({ p, rng: 'torch', variant: 'alpha' }), () => scriptedSource([mask])).output;
    const jaxOut = dropoutWithSource(f32(values), spec({ p, rng: 'jax', variant: 'alpha' }), () => scriptedSource([mask])).output;
    const kept = (v: number) => Math.fround(Math.fround(Math.fround(v) * A) + B);
    assertSameValues(
      torchOut,
      values.map((v, i) => (mask[i] ? kept(v) : Math.fround(v) * 0 + D)),
      'torch alpha',
    );
    assertSameValues(
      jaxOut,
      values.map((v, i) => (mask[i] ? kept(v) : D)),
      'jax alpha',
    );
  });

  it('classic and unscaled train outputs are x * m, unscaled', () => {
    for (const variant of ['classic', 'unscaled'] as Variant[]) {
      const r = dropoutWithSource(f32(values), spec({ p, variant }), () => scriptedSource([mask]));
      assertSameValues(
        r.output,
        values.map((v, i) => Math.fround(v) * mask[i]),
        variant,
      );
    }
  });

  it('gaussian: x * (1 + sigma z) with sigma = sqrt(p / (1 - p)), one normal per mask group, mask all ones', () => {
    const x = f32([1, 2, 3, 4, 5, 6], [2, 3]);
    const z = [0.5, -1.25];
    const r = dropoutWithSource(x, spec({ p: 0.2, variant: 'gaussian', broadcastDims: [1] }), () => scriptedSource([], [z]));
    const sigma = Math.sqrt(0.2 / 0.8);
    assertSameValues(
      r.output,
      [1, 2, 3, 4, 5, 6].map((v, i) => Math.fround(v * (1 + sigma * z[i < 3 ? 0 : 1]))),
      'output',
    );
    assert.ok(r.mask.every((m) => m === 1));
    assert.equal(r.stats.kept, 6);
    assert.equal(r.stats.keptFraction, 1);
  });
});

describe('engine alpha dropout constants, exported once for the layers above', () => {
  it("ALPHA is SELU's alpha times its scale, the constant torch's AlphaDropout uses", () => {
    // torch.nn.functional.selu's alpha and scale.
    assert.equal(ALPHA, 1.6732632423543772 * 1.0507009873554805);
  });

  it('alphaA(p) gives units of mean 0 and variance 1 their variance back', () => {
    // out = a * (x * m + alpha' * (1 - m)) + b with alpha' = -ALPHA and m ~ Bernoulli(keep):
    // for x of mean 0 and variance 1, Var[out] = a^2 * keep * (1 + ALPHA^2 * p).
    for (const p of [0.05, 0.2, 0.5, 0.9]) {
      const variance = alphaA(p) ** 2 * (1 - p) * (1 + ALPHA ** 2 * p);
      assert.ok(Math.abs(variance - 1) < 1e-14, `p = ${p}: variance ${variance}`);
    }
  });
});

describe('engine eval mode', () => {
  const x = randomTensor(40, 9, 'float32', [5, 8]);

  for (const variant of VARIANTS) {
    for (const rng of ['torch', 'fast'] as RngKind[]) {
      it(`${variant} (${rng}): eval output, all-ones mask, and the train draw's stats`, () => {
        const base = spec({ p: 0.35, seed: 12, rng, variant });
        const train = dropout(x, base);
        const ev = dropout(x, { ...base, mode: 'eval' });
        const keep = Math.fround(0.65);
        const expected = Array.from(x.data, (v) => (variant === 'classic' ? Math.fround(v * keep) : v));
        assertSameValues(ev.output, expected, 'eval output');
        assert.ok(ev.mask.every((m) => m === 1));
        assert.deepEqual(ev.stats, train.stats);
        assert.ok(train.mask.some((m) => m === 0) || variant === 'gaussian');
      });
    }
  }

  it("with broadcastDims, eval stats are still the train draw's", () => {
    const base = spec({ p: 0.5, seed: 3, broadcastDims: [1] });
    assert.deepEqual(dropout(x, { ...base, mode: 'eval' }).stats, dropout(x, base).stats);
  });
});

describe('engine broadcast masks', () => {
  it('one mask value per group, drawn in C order on the reduced shape', () => {
    const x = randomTensor(2 * 3 * 4, 5, 'float32', [2, 3, 4]);
    const full = dropout(x, spec({ p: 0.5, seed: 21, broadcastDims: [0, 2] }));
    // The reduced shape is [1, 3, 1]: the same stream draws 3 mask values.
    const reduced = new Uint8Array(3);
    createMaskSource('torch', 21).fillKeepMask(reduced, 0.5, 'float32');
    for (let i = 0; i < 24; i++) assert.equal(full.mask[i], reduced[Math.floor(i / 4) % 3], `element ${i}`);
  });
});

describe('engine MaskSource registry', () => {
  it('reports what works now: torch and fast always, each listed one constructs, each unlisted one throws', () => {
    const rngs = availableRngs();
    assert.ok(rngs.includes('torch') && rngs.includes('fast'));
    for (const rng of ['torch', 'numpy', 'jax', 'fast'] as RngKind[]) {
      if (rngs.includes(rng)) assert.doesNotThrow(() => createMaskSource(rng, 1));
      else assert.throws(() => createMaskSource(rng, 1));
    }
    assert.throws(() => createMaskSource('tf' as RngKind, 1), /Unknown RNG/);
  });

  it('the torch source continues one stream across calls, as the fused route does', () => {
    const x = randomTensor(1000, 4);
    const src = createMaskSource('torch', 77);
    const a = new Uint8Array(1000);
    const b = new Uint8Array(1000);
    src.fillKeepMask(a, 0.6, 'float32');
    src.fillKeepMask(b, 0.6, 'float32');
    const mc = monteCarlo(x, spec({ p: 0.4, seed: 77 }), 2);
    const scale = Math.fround(1 / Math.fround(0.6));
    for (const [t, m] of [a, b].entries()) {
      let s = 0;
      for (let i = 0; i < 1000; i++) s += Math.fround(x.data[i] * m[i] * scale);
      assert.ok(Math.abs(mc.trainSums[t] - s) <= 1e-9 * Math.abs(s) + 1e-12, `trial ${t}`);
    }
  });
});

describe('engine monteCarlo', () => {
  const x = randomTensor(60, 2, 'float32', [3, 4, 5]);

  for (const rng of ['torch', 'fast'] as RngKind[]) {
    for (const variant of VARIANTS) {
      for (const broadcastDims of [undefined, [2]]) {
        it(`trial 0 is dropout's draw; eval specs still train (${rng}, ${variant}, dims ${JSON.stringify(broadcastDims)})`, () => {
          const base = spec({ p: 0.3, seed: 99, rng, variant, broadcastDims });
          const mc = monteCarlo(x, { ...base, mode: 'eval' }, 5);
          assert.equal(mc.trainMeans[0], dropout(x, base).stats.trainMean);
          assert.equal(mc.trainSums.length, 5);
          for (let t = 0; t < 5; t++) assert.equal(mc.trainMeans[t], mc.trainSums[t] / 60);
          assert.ok(new Set(mc.trainMeans).size > 1, 'later trials continue the stream');
          assert.deepEqual(monteCarlo(x, base, 5), mc);
        });
      }
    }
  }

  it('calls the source once per trial with the whole reduced mask (the jax fold_in contract)', () => {
    const masks = [
      [1, 0, 1],
      [0, 0, 1],
      [1, 1, 1],
    ];
    const src = scriptedSource(masks);
    const y = f32([1, 2, 3, 4, 5, 6], [2, 3]);
    const mc = monteCarloWithSource(y, spec({ p: 0.5, rng: 'jax', broadcastDims: [0] }), 3, () => src);
    assert.equal(src.calls, 3);
    assert.deepEqual(src.keeps, [0.5, 0.5, 0.5]);
    // jax selects, scale 2: trial sums are 2 * (sum of kept columns over both rows).
    assert.deepEqual(Array.from(mc.trainSums), [2 * (1 + 3 + 4 + 6), 2 * (3 + 6), 2 * 21]);
  });

  it('gaussian trials draw one vector of normals each', () => {
    const src = scriptedSource(
      [],
      [
        [1, 0],
        [0, -1],
      ],
    );
    const y = f32([1, 2, 3, 4], [2, 2]);
    const mc = monteCarloWithSource(y, spec({ p: 0.5, variant: 'gaussian', broadcastDims: [1] }), 2, () => src);
    assert.equal(src.calls, 2);
    assert.deepEqual(Array.from(mc.trainSums), [2 * 3 + 7, 3 + 0 * 7]);
  });

  it('p = 0 and p = 1 trials are constant', () => {
    const mc0 = monteCarlo(x, spec({ p: 0 }), 3);
    const mc1 = monteCarlo(x, spec({ p: 1 }), 3);
    const sum = Array.from(x.data).reduce((a, b) => a + b, 0);
    for (let t = 0; t < 3; t++) {
      assert.ok(Math.abs(mc0.trainSums[t] - sum) < 1e-12);
      assert.equal(mc1.trainSums[t], 0);
    }
  });
});
