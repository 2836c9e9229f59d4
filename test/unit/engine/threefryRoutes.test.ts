// The jax convention's two routes for the partitionable layout: threefry.wat's
// SIMD module and the JavaScript blocks of threefry.ts must give the same
// words and mask bytes, and both must match the scalar threefry2x32 reference
// (the function checked against JAX's published known answers). The integer
// keep threshold is checked exhaustively against JAX's float32 uniform.
import * as assert from 'node:assert/strict';
import {
  keepThreshold,
  partitionableBitsInto,
  partitionableBitsJs,
  partitionableKeepMask,
  partitionableKeepMaskJs,
  threefry2x32,
} from '../../../src/engine/rng/threefry';
import { partitionableBitsWasm, partitionableKeepMaskWasm, threefryWasmAvailable } from '../../../src/engine/rng/threefryWasm';
import { bitsToUniform, prngKey, type JaxKey } from '../../../src/engine/rng/jax';

const KEEPS = [0.5, 0.55, 0.85, 0.9, 0.1, 1 / 3, 1e-9, 0.999999, 0, 1];
/** Around every multiple of 4 and 16 the SIMD loop uses, its 65536-byte chunk, the JavaScript 4096-word block, and several chunks. */
const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 15, 16, 17, 31, 33, 63, 64, 65, 4095, 4096, 4097, 16383, 16385, 65535, 65536, 65537, 200003];

/** Deterministic keys: edge words, PRNGKey seeds and a xorshift sequence over the full 32-bit range. */
function testKeys(): JaxKey[] {
  const keys: JaxKey[] = [[0, 0], [0xffffffff, 0xffffffff], [0x13198a2e, 0x03707344], prngKey(0), prngKey(1701), prngKey(-1)];
  let s = 0x9e3779b9;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let i = 0; i < 10; i++) keys.push([next(), next()]);
  return keys;
}

/** The partitionable layout one element at a time through the scalar hash: bits_i = y0 ^ y1 of counter (0, i). */
function referenceBits(key: JaxKey, n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const [y0, y1] = threefry2x32(key, [0, i]);
    out[i] = (y0 ^ y1) >>> 0;
  }
  return out;
}

/** JAX's bernoulli as floats: uniform_f32(bits) < f32(keep). */
function referenceMask(bits: Uint32Array, keep: number): Uint8Array {
  const limit = Math.fround(keep);
  return bits.map((b) => (bitsToUniform(b) < limit ? 1 : 0)) as unknown as Uint8Array;
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `index ${i}: ${a[i]} vs ${b[i]}`;
  return 'none';
}

describe('jax: the integer keep threshold is the float32 compare', () => {
  // Every uniform JAX can draw, built the way JAX builds it: the mantissa
  // bits under the exponent of 1.0, bitcast to float32, minus 1.
  const words = new Uint32Array(1 << 23);
  for (let m = 0; m < words.length; m++) words[m] = m | 0x3f800000;
  const ones = new Float32Array(words.buffer);

  for (const keep of [...KEEPS, 0.3, 0.7, 0.95, 2 ** -23, 1 - 2 ** -24, 0.1 + 2 ** -30]) {
    it(`keep = ${keep}: (bits >>> 9) < T for all 2^23 mantissas exactly when uniform < f32(keep)`, () => {
      const limit = Math.fround(keep);
      const threshold = keepThreshold(keep);
      for (let m = 0; m < ones.length; m++) {
        const uniform = Math.fround(ones[m] - 1);
        if (uniform < limit !== m < threshold) assert.fail(`m = ${m}: uniform ${uniform} vs threshold ${threshold}`);
      }
    });
  }

  it('keeps everything at keep >= 1, nothing at keep <= 0 or NaN', () => {
    assert.equal(keepThreshold(1), 2 ** 23);
    assert.equal(keepThreshold(7), 2 ** 23);
    assert.equal(keepThreshold(Infinity), 2 ** 23);
    assert.equal(keepThreshold(0), 0);
    assert.equal(keepThreshold(-0.5), 0);
    assert.equal(keepThreshold(NaN), 0);
  });

  it("rounds keep to float32 first: 0.55 and 0.85 land on the float32 values' thresholds", () => {
    // f32(0.55) * 2^23 = 4613734.5 and f32(0.85) * 2^23 = 7130317 (exact), not the float64 products.
    assert.equal(keepThreshold(0.55), 4613735);
    assert.equal(keepThreshold(0.85), 7130317);
    assert.equal(keepThreshold(1e-9), 1);
  });
});

describe('jax: WebAssembly and JavaScript routes of the partitionable layout agree bit for bit', () => {
  it('the SIMD module compiles in this Node (WebAssembly SIMD is standard since Node 16.4)', () => {
    assert.equal(threefryWasmAvailable(), true);
  });

  const keys = testKeys();
  for (const n of LENGTHS) {
    it(`bits, n = ${n}: WebAssembly = JavaScript = scalar threefry2x32 for ${keys.length} keys`, () => {
      for (const key of keys) {
        const reference = referenceBits(key, n);
        const js = new Uint32Array(n).fill(0xdeadbeef);
        const wasm = new Uint32Array(n).fill(0xdeadbeef);
        partitionableBitsJs(key[0], key[1], js);
        partitionableBitsWasm(key[0], key[1], wasm);
        assert.equal(firstDifference(js, reference), 'none', `JavaScript, key ${key}`);
        assert.equal(firstDifference(wasm, reference), 'none', `WebAssembly, key ${key}`);
        const routed = new Uint32Array(n);
        partitionableBitsInto(key[0], key[1], routed);
        assert.equal(firstDifference(routed, reference), 'none', `partitionableBitsInto, key ${key}`);
      }
    });

    it(`keep masks, n = ${n}: WebAssembly = JavaScript = uniform_f32 < f32(keep) for ${keys.length} keys x ${KEEPS.length} keeps`, () => {
      for (const key of keys) {
        const bits = referenceBits(key, n);
        for (const keep of KEEPS) {
          const reference = referenceMask(bits, keep);
          const threshold = keepThreshold(keep);
          // Pre-filled with 2, so a byte either route leaves unwritten shows up.
          const js = new Uint8Array(n).fill(2);
          const wasm = new Uint8Array(n).fill(2);
          partitionableKeepMaskJs(key[0], key[1], js, threshold);
          partitionableKeepMaskWasm(key[0], key[1], wasm, threshold);
          assert.equal(firstDifference(js, reference), 'none', `JavaScript, key ${key}, keep ${keep}`);
          assert.equal(firstDifference(wasm, reference), 'none', `WebAssembly, key ${key}, keep ${keep}`);
          const routed = new Uint8Array(n).fill(2);
          partitionableKeepMask(key[0], key[1], routed, keep);
          assert.equal(firstDifference(routed, reference), 'none', `partitionableKeepMask, key ${key}, keep ${keep}`);
        }
      }
    });
  }

  it('a large mask (3 x 10^6, not a multiple of 16): both routes agree and keep about half at keep = 0.5', () => {
    const n = 3_000_007;
    const key = prngKey(42);
    const threshold = keepThreshold(0.5);
    const js = new Uint8Array(n);
    const wasm = new Uint8Array(n);
    partitionableKeepMaskJs(key[0], key[1], js, threshold);
    partitionableKeepMaskWasm(key[0], key[1], wasm, threshold);
    assert.equal(firstDifference(js, wasm), 'none');
    let kept = 0;
    for (let i = 0; i < n; i++) kept += wasm[i];
    assert.ok(Math.abs(kept / n - 0.5) < 0.002, `kept fraction ${kept / n}`);
    // Spot-check the far end against the scalar hash, where the counter is large.
    for (const i of [n - 1, n - 2, n - 17, 2_999_936]) {
      const [y0, y1] = threefry2x32(key, [0, i]);
      assert.equal(wasm[i], bitsToUniform((y0 ^ y1) >>> 0) < 0.5 ? 1 : 0, `index ${i}`);
    }
  });
});
