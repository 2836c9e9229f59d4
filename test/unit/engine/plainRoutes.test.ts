// The plain routes (numpy's divide rule, jax's select rule, no broadcast) against
// the generic route, draw by draw: the same masks, outputs and sums to the bit
// (Object.is: NaN, +-Inf, -0.0 included) in both dtypes, over several Monte
// Carlo trials of one stream. Also the float32 reciprocal the numpy loop
// divides with, checked against true division over whole binades.
import * as assert from 'node:assert/strict';
import { createMaskSource, type DType, type MaskSource, type RngKind, type Variant } from '../../../src/engine';
import { makePlan } from '../../../src/engine/plan';
import { TrainDrawer, type DrawSums } from '../../../src/engine/trainDraw';
import { NumpySource } from '../../../src/engine/rng/numpy';

/** A deterministic input: ordinary values with special ones scattered through it. */
type Specials = 'all' | 'inf' | 'finite' | 'overflow';

/**
 * 'all': NaN, +-Inf, -0, subnormals, huge values; 'inf': +Inf but no NaN or
 * -Inf (sum x is Inf, not NaN, so a dropped x * 0 = NaN shows in the expected
 * sum); 'finite': no NaN or Inf; 'overflow': finite, but sum x overflows.
 */
function input(n: number, dtype: DType, specials: Specials): Float32Array | Float64Array {
  const x = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < n; i++) x[i] = (next() - 0.5) * 8 * (next() < 0.1 ? 1e-3 : 1);
  const tiny = dtype === 'float32' ? 1e-42 : 5e-324;
  const big = dtype === 'float32' ? 3e38 : 1.5e308;
  const finite = [-0, 0, -0, tiny, -tiny, big, -big, 1 / 3, -7.25];
  const others = specials === 'all' ? [NaN, Infinity, -Infinity, NaN] : specials === 'inf' ? [Infinity] : [];
  const pool = [...finite, ...others];
  for (let i = 5; i < n; i += 97) x[i] = pool[Math.floor(i / 97) % pool.length];
  if (specials === 'overflow') {
    // Finite values whose float64 sum overflows: sum x is Inf with no Inf in x.
    for (let i = 1; i < n; i += 53) x[i] = big;
  }
  return x;
}

/** Writes kept as 37 instead of 1: any non-zero byte means kept. */
function looseBytes(inner: MaskSource): MaskSource {
  return {
    fillKeepMask(mask, keep, dtype) {
      inner.fillKeepMask(mask, keep, dtype);
      for (let i = 0; i < mask.length; i++) mask[i] *= 37;
    },
    fillStandardNormal: (out) => inner.fillStandardNormal(out),
  };
}

function assertSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(
        `${what}[${i}]: got ${Object.is(actual[i], -0) ? '-0' : actual[i]}, expected ${Object.is(expected[i], -0) ? '-0' : expected[i]}`,
      );
    }
  }
}

function assertSameSums(actual: DrawSums, expected: DrawSums, what: string): void {
  for (const key of Object.keys(expected) as (keyof DrawSums)[]) {
    assert.ok(Object.is(actual[key], expected[key]), `${what}: ${key} got ${actual[key]}, expected ${expected[key]}`);
  }
}

interface Case {
  rng: RngKind;
  variant: Variant;
  source: (seed: number) => MaskSource;
  label: string;
}

const CASES: Case[] = [
  { rng: 'numpy', variant: 'inverted', source: (seed) => new NumpySource(seed), label: 'numpy (WebAssembly draws)' },
  { rng: 'numpy', variant: 'inverted', source: (seed) => new NumpySource(seed, false), label: 'numpy (JavaScript draws)' },
  { rng: 'numpy', variant: 'inverted', source: (seed) => looseBytes(new NumpySource(seed)), label: 'numpy, kept bytes of 37' },
  { rng: 'jax', variant: 'inverted', source: (seed) => createMaskSource('jax', seed), label: 'jax' },
  { rng: 'jax', variant: 'classic', source: (seed) => createMaskSource('jax', seed), label: 'jax' },
  { rng: 'jax', variant: 'unscaled', source: (seed) => createMaskSource('jax', seed), label: 'jax' },
  { rng: 'jax', variant: 'inverted', source: (seed) => looseBytes(createMaskSource('jax', seed)), label: 'jax, kept bytes of 37' },
];

const TRIALS = 3;
// Several of numpy's draw-and-apply ranges, and a length that is not a multiple of anything.
const N = 3 * 4096 + 1000 + 77;

describe("plain routes give the generic route's numbers to the bit", () => {
  for (const c of CASES) {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      for (const specials of ['all', 'inf', 'finite', 'overflow'] as Specials[]) {
        for (const p of [0.15, 0.45, 0.5]) {
          it(`${c.label}, ${c.variant}, ${dtype}, p = ${p}, ${specials === 'all' ? 'NaN/Inf/-0' : specials === 'inf' ? '+Inf' : specials} inputs, ${TRIALS} trials`, () => {
            const x = input(N, dtype, specials);
            const spec = { p, mode: 'train' as const, seed: 20240 + Math.round(p * 100), rng: c.rng, variant: c.variant };
            const plan = makePlan({ shape: [N], dtype, data: x }, spec, 'train');
            const plain = new TrainDrawer(plan, c.source(spec.seed));
            const generic = new TrainDrawer(plan, c.source(spec.seed), true);
            assert.equal(plain.route, 'plain');
            assert.equal(generic.route, 'generic');
            const Out = dtype === 'float32' ? Float32Array : Float64Array;
            for (let t = 0; t < TRIALS; t++) {
              const maskA = new Uint8Array(N);
              const maskB = new Uint8Array(N);
              const outA = new Out(N);
              const outB = new Out(N);
              const a = plain.draw(maskA, outA);
              const b = generic.draw(maskB, outB);
              assertSameArray(maskA, maskB, `trial ${t} mask`);
              assertSameArray(outA, outB, `trial ${t} output`);
              assertSameSums(a, b, `trial ${t}`);
              // Trials differ: the stream moved on (else the comparison above proves little).
              if (t === 0) assert.ok(b.kept > 0.4 * (1 - p) * N && b.kept < 1.6 * (1 - p) * N, `kept ${b.kept}`);
            }
          });
        }
      }
    }
  }

  it('the inputs above hold the special values they are meant to', () => {
    const all = input(N, 'float32', 'all');
    assert.ok(Array.from(all).some(Number.isNaN));
    assert.ok(Array.from(all).includes(Infinity) && Array.from(all).includes(-Infinity));
    assert.ok(Array.from(all).some((v) => Object.is(v, -0)));
    const inf = Array.from(input(N, 'float32', 'inf'));
    assert.ok(inf.includes(Infinity) && !inf.includes(-Infinity) && !inf.some(Number.isNaN));
    const overflow = input(N, 'float64', 'overflow');
    assert.ok(Array.from(overflow).every(Number.isFinite));
    assert.equal(
      Array.from(overflow).reduce((s, v) => s + v, 0),
      Infinity,
    );
  });

  it('broadcast dims and the other numpy variants stay on the generic route', () => {
    const x = new Float32Array(24).fill(1);
    const broadcast = makePlan(
      { shape: [2, 3, 4], dtype: 'float32', data: x },
      { p: 0.3, mode: 'train', seed: 1, rng: 'numpy', broadcastDims: [2] },
    );
    assert.equal(new TrainDrawer(broadcast, new NumpySource(1)).route, 'generic');
    const classic = makePlan(
      { shape: [24], dtype: 'float32', data: x },
      { p: 0.3, mode: 'train', seed: 1, rng: 'numpy', variant: 'classic' },
    );
    assert.equal(new TrainDrawer(classic, new NumpySource(1)).route, 'generic');
    const alpha = makePlan({ shape: [24], dtype: 'float32', data: x }, { p: 0.3, mode: 'train', seed: 1, rng: 'jax', variant: 'alpha' });
    assert.equal(new TrainDrawer(alpha, createMaskSource('jax', 1)).route, 'generic');
  });
});

describe('the fused routes (torch, fast) on finite float64 inputs whose sum overflows', () => {
  for (const rng of ['torch', 'fast'] as RngKind[]) {
    it(`${rng}: the expected sum is Inf, as on the generic route, not NaN (no dropped x * 0 is NaN)`, () => {
      // Ordinary values and, every 53rd, 1e308: finite, but sum x and sum x / keep are Inf.
      const x = new Float64Array(N);
      for (let i = 0; i < N; i++) x[i] = i % 53 === 0 ? 1e308 : (i % 7) - 3.5;
      const plan = makePlan({ shape: [N], dtype: 'float64', data: x }, { p: 0.3, mode: 'train', seed: 3, rng }, 'train');
      const fused = new TrainDrawer(plan, createMaskSource(rng, 3));
      const generic = new TrainDrawer(plan, createMaskSource(rng, 3), true);
      assert.equal(fused.route, 'fused');
      const a = fused.draw(new Uint8Array(N), new Float64Array(N));
      const b = generic.draw(new Uint8Array(N), new Float64Array(N));
      assert.ok(Object.is(b.expectedSum, Infinity), `generic ${b.expectedSum}`);
      assert.ok(Object.is(a.expectedSum, b.expectedSum), `fused ${a.expectedSum}`);
      assert.equal(a.kept, b.kept);
    });
  }
});

/** Equal to 1e-12 relative: sums added in other blocks than the generic route's. */
function assertCloseSums(actual: DrawSums, expected: DrawSums, what: string): void {
  for (const key of Object.keys(expected) as (keyof DrawSums)[]) {
    const a = actual[key];
    const b = expected[key];
    const close = Number.isFinite(b) ? Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)) : Object.is(a, b);
    assert.ok(close, `${what}: ${key} got ${a}, expected ${b}`);
  }
}

describe("the fused routes (torch, fast) give the generic route's draws", () => {
  for (const rng of ['torch', 'fast'] as RngKind[]) {
    for (const variant of ['inverted', 'unscaled'] as Variant[]) {
      for (const dtype of ['float32', 'float64'] as DType[]) {
        it(`${rng}, ${variant}, ${dtype}: masks and outputs to the bit, sums and closed forms to 1e-12, ${TRIALS} trials`, () => {
          // Ordinary values: the sums hardly depend on the order they are added in.
          const x = Float64Array.from(input(N, dtype, 'finite'), (v) => (Math.abs(v) <= 4 ? v : 1.5));
          const data = dtype === 'float32' ? Float32Array.from(x) : x;
          const plan = makePlan({ shape: [N], dtype, data }, { p: 0.3, mode: 'train', seed: 11, rng, variant }, 'train');
          const fused = new TrainDrawer(plan, createMaskSource(rng, 11));
          const generic = new TrainDrawer(plan, createMaskSource(rng, 11), true);
          assert.equal(fused.route, 'fused');
          assert.equal(generic.route, 'generic');
          const Out = dtype === 'float32' ? Float32Array : Float64Array;
          for (let t = 0; t < TRIALS; t++) {
            const maskA = new Uint8Array(N);
            const maskB = new Uint8Array(N);
            const outA = new Out(N);
            const outB = new Out(N);
            const a = fused.draw(maskA, outA);
            const b = generic.draw(maskB, outB);
            assertSameArray(maskA, maskB, `trial ${t} mask`);
            assertSameArray(outA, outB, `trial ${t} output`);
            assert.equal(a.kept, b.kept, `trial ${t} kept`);
            assert.ok(b.varianceSum > 0, `trial ${t}: a variance to compare`);
            assertCloseSums(a, b, `trial ${t}`);
          }
        });
      }
    }
  }
});

describe('float32 x / keep equals f32(x * (1 / keep)) for every float32 x', () => {
  const keeps = [0.85, 0.55, 0.5, 0.9, 0.3, 0.1, 1e-7, 1 - 2 ** -24, 2 ** -53].map(Math.fround);
  const bits = new Uint32Array(1);
  const f = new Float32Array(bits.buffer);
  /** Every float32 with exponent field `e` (0: the subnormals), both signs checked by symmetry. */
  function checkBinade(e: number, keep: number, inv: number): void {
    const base = e << 23;
    for (let m = 0; m < 1 << 23; m++) {
      bits[0] = base | m;
      const v = f[0];
      if (Math.fround(v / keep) !== Math.fround(v * inv)) {
        assert.fail(`keep ${keep}, x ${v}: ${Math.fround(v / keep)} by division, ${Math.fround(v * inv)} by the reciprocal`);
      }
    }
  }
  for (const keep of keeps) {
    it(`keep = ${keep}: one normal binade (all others are it scaled by a power of 2), the subnormals and the last binade`, function () {
      this.timeout(20000);
      const inv = 1 / keep;
      checkBinade(127, keep, inv); // [1, 2)
      checkBinade(0, keep, inv); // subnormal inputs
      checkBinade(1, keep, inv); // quotients near the subnormal range for keep near 1
      checkBinade(254, keep, inv); // [2^127, 2^128): quotients that overflow to Inf
    });
  }

  it('the check can tell: a reciprocal rounded to float32 first does differ', () => {
    const keep = Math.fround(0.85);
    const inv32 = Math.fround(1 / keep);
    let differs = 0;
    for (let m = 0; m < 1 << 16; m++) {
      const v = 1 + m / 65536;
      if (Math.fround(v / keep) !== Math.fround(v * inv32)) differs++;
    }
    assert.ok(differs > 0);
  });
});
