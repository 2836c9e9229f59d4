// The fast convention's generator: its documented stream (checked against a
// plain reference implementation), and its SIMD and JavaScript loops agreeing
// bit for bit.
import * as assert from 'node:assert/strict';
import { createMaskSource, dropout, monteCarlo, type Seed, type Tensor } from '../../../src/engine';
import { createFastSource, fastDropoutF32, fastDropoutF32Js, fastLimit } from '../../../src/engine/rng/fast';
import { fastSimdAvailable, fastSimdDropoutF32 } from '../../../src/engine/rng/fastSimd';
import { xoshiroStateFromSeed } from '../../../src/engine/rng/xoshiro128';
import { SLOTS, Slot } from '../../../src/engine/kernels';
import { createAccumulators } from '../../../src/engine/sum';

const M64 = (1n << 64n) - 1n;
const M32 = 0xffffffffn;

/** xoshiro128** and splitmix64 written from the papers, in BigInt, lane by lane. */
function referenceWords(seed: bigint, count: number): number[] {
  let sm = BigInt.asUintN(64, seed);
  const lanes: bigint[][] = [];
  for (let k = 0; k < 4; k++) {
    const words: bigint[] = [];
    for (let h = 0; h < 2; h++) {
      sm = (sm + 0x9e3779b97f4a7c15n) & M64;
      let z = sm;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
      z ^= z >> 31n;
      words.push(z & M32, z >> 32n);
    }
    lanes.push(words);
  }
  const rotl = (v: bigint, r: bigint) => ((v << r) | (v >> (32n - r))) & M32;
  const next = (s: bigint[]): bigint => {
    const result = (rotl((s[1] * 5n) & M32, 7n) * 9n) & M32;
    const t = (s[1] << 9n) & M32;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return result;
  };
  const out: number[] = [];
  while (out.length < count) for (let k = 0; k < 4; k++) out.push(Number(next(lanes[k])));
  return out.slice(0, count);
}

function referenceMask(words: number[], keep: number): number[] {
  const limit = Math.ceil(keep * 2 ** 31);
  return words.map((w) => (w >>> 1 < limit ? 1 : 0));
}

function lcg(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 4294967296) * 6 - 3;
  }
  return a;
}

describe('engine fast generator: the documented stream', () => {
  for (const seed of [0n, 1n, 42n, -1n, 2n ** 64n + 3n, 123456789012345678901234567890n]) {
    it(`dropout masks threshold the reference words (seed ${seed})`, () => {
      const n = 37;
      const x: Tensor = { shape: [n], dtype: 'float32', data: new Float32Array(n).fill(1) };
      const r = dropout(x, { p: 0.3, mode: 'train', seed, rng: 'fast' });
      assert.deepEqual(Array.from(r.mask), referenceMask(referenceWords(seed, n), 0.7));
    });
  }

  it('a draw of n words takes ceil(n / 4) blocks; the next draw starts on a new block', () => {
    const src = createMaskSource('fast', 9);
    const a = new Uint8Array(6);
    const b = new Uint8Array(6);
    src.fillKeepMask(a, 0.5, 'float32');
    src.fillKeepMask(b, 0.5, 'float32');
    const words = referenceWords(9n, 16);
    assert.deepEqual(Array.from(a), referenceMask(words.slice(0, 6), 0.5));
    assert.deepEqual(Array.from(b), referenceMask(words.slice(8, 14), 0.5));
  });

  it('monteCarlo trials continue the stream the same way', () => {
    const x: Tensor = { shape: [5], dtype: 'float64', data: Float64Array.of(1, 2, 3, 4, 5) };
    const mc = monteCarlo(x, { p: 0.5, mode: 'train', seed: 4, rng: 'fast' }, 3);
    const words = referenceWords(4n, 24);
    for (let t = 0; t < 3; t++) {
      const m = referenceMask(words.slice(8 * t, 8 * t + 5), 0.5);
      assert.equal(
        mc.trainSums[t],
        m.reduce((s, k, i) => s + 2 * k * x.data[i], 0),
        `trial ${t}`,
      );
    }
  });

  it('the seed state follows the documented splitmix64 mapping', () => {
    const seeds: Seed[] = [0, '18446744073709551615', -1];
    const [zero, max, minusOne] = seeds.map((s) => Array.from(xoshiroStateFromSeed(s)));
    assert.deepEqual(max, minusOne);
    assert.notDeepEqual(zero, max);
    assert.ok(zero.some((w) => w !== 0));
  });

  it('keep close to 1 keeps everything; the threshold is resolved to 2^-31', () => {
    assert.deepEqual(fastLimit(1 - 2 ** -40), { limit: 0x7fffffff, always: 1 });
    assert.deepEqual(fastLimit(0.5), { limit: 2 ** 30, always: 0 });
    const x: Tensor = { shape: [1000], dtype: 'float32', data: new Float32Array(1000).fill(1) };
    assert.equal(dropout(x, { p: 2 ** -40, mode: 'train', seed: 1, rng: 'fast' }).stats.kept, 1000);
  });
});

describe('engine fast generator: SIMD and JavaScript loops agree bit for bit', () => {
  it('WebAssembly SIMD is available in this Node (so the SIMD loop is what the tests exercise)', () => {
    assert.ok(fastSimdAvailable());
  });

  it('the SIMD kernel refuses lengths that are not whole groups of 16', () => {
    const n = 20;
    assert.throws(
      () =>
        fastSimdDropoutF32(
          new Int32Array(16).fill(1),
          new Float32Array(n),
          new Float32Array(n),
          new Uint8Array(n),
          1 << 30,
          2,
          createAccumulators(SLOTS),
        ),
      /multiple of 16/,
    );
  });

  const sizes = [1, 3, 4, 5, 255, 256, 257, 4095, 4096, 4097, 10_001];
  for (const n of sizes) {
    for (const keep of [0.9, 0.5, 0.03, 1 - 2 ** -40]) {
      it(`n = ${n}, keep = ${keep}`, () => {
        const x = lcg(n, n);
        if (n > 8) {
          x[1] = NaN;
          x[2] = Infinity;
          x[3] = -Infinity;
          x[4] = -0;
          x[5] = -1e-40; // subnormal in float32
        }
        const table = Float64Array.of(0, Math.fround(1 / Math.fround(keep)));
        const run = (simd: boolean) => {
          const state = xoshiroStateFromSeed(n * 7 + 1);
          const out = new Float32Array(n);
          const mask = new Uint8Array(n);
          const acc = createAccumulators(SLOTS);
          let kept = 0;
          // Two calls, so the state hand-over between calls is compared too.
          for (let call = 0; call < 2; call++) {
            if (simd) {
              kept += fastDropoutF32(state, x, out, mask, keep, table, acc);
            } else {
              kept += fastDropoutF32Js(state, x, out, mask, keep, table, acc);
            }
          }
          return { state: Array.from(state), out, mask: Array.from(mask), acc, kept };
        };
        const s = run(true);
        const j = run(false);
        assert.deepEqual(s.state, j.state, 'state after');
        assert.deepEqual(s.mask, j.mask, 'mask');
        assert.equal(s.kept, j.kept, 'kept');
        for (let i = 0; i < n; i++) assert.ok(Object.is(s.out[i], j.out[i]), `out[${i}]: ${s.out[i]} vs ${j.out[i]}`);
        // The sums the fused loops add (see FusedMaskSource).
        for (const slot of [Slot.Out, Slot.Unscaled, Slot.X, Slot.X2]) {
          const a = s.acc[2 * slot] + s.acc[2 * slot + 1];
          const b = j.acc[2 * slot] + j.acc[2 * slot + 1];
          if (Number.isNaN(b)) assert.ok(Number.isNaN(a), `slot ${slot}`);
          else assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `slot ${slot}: ${a} vs ${b}`);
        }
      });
    }
  }

  it('the fused float32 loop draws what fillKeepMask draws', () => {
    const n = 5003;
    const x = lcg(n, 1);
    const fused = createFastSource(77);
    const plain = createFastSource(77);
    const mask = new Uint8Array(n);
    const table = Float64Array.of(0, Math.fround(1 / Math.fround(0.6)));
    const kept = fastDropoutF32(fused.state, x, new Float32Array(n), mask, 0.6, table, createAccumulators(SLOTS));
    const ref = new Uint8Array(n);
    plain.fillKeepMask(ref, 0.6, 'float32');
    assert.deepEqual(mask, ref);
    assert.equal(
      kept,
      ref.reduce((a, b) => a + b, 0),
    );
    assert.deepEqual(fused.state, plain.state);
  });
});
