// The fast convention's WebAssembly route against its JavaScript route, bit
// for bit: masks, outputs, kept counts and the generator state after the call,
// over many seeds and lengths (whole SIMD groups of 16, tails, kernel-call
// boundaries) and awkward inputs (NaN, infinities, -0, subnormals, values whose
// scaled output overflows). The sums are checked to the bit against the order
// the kernel documents (per 4096 elements, lane by lane), including the blocks
// where a power-of-two scale lets the output sums be derived from x * mask.
import * as assert from 'node:assert/strict';
import { createFastSource, fastDropoutF32, fastDropoutF32Js, fastDropoutF64 } from '../../../src/engine/rng/fast';
import { fastSimdAvailable } from '../../../src/engine/rng/fastSimd';
import { SLOTS, Slot } from '../../../src/engine/kernels';
import { addCompensated, compensatedValue, createAccumulators } from '../../../src/engine/sum';
import { xoshiroStateFromSeed } from '../../../src/engine/rng/xoshiro128';

const SUM_BLOCK = 4096;

/** Deterministic values in [-3, 3) with awkward ones sprinkled in (when `awkward`). */
function inputs(n: number, seed: number, awkward: boolean): Float32Array {
  let s = (seed * 2654435761) >>> 0;
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = (s / 4294967296) * 6 - 3;
  }
  if (awkward) {
    const special = [NaN, Infinity, -Infinity, -0, 0, 1e-45, -1e-40, 3e38, -2.5e38, 1.7e38];
    for (let i = 0; i < n; i += 1 + (i % 97)) x[i] = special[(i + seed) % special.length];
  }
  return x;
}

/** The table the engine passes for the inverted variant: dropped 0, kept f32(1 / f32(keep)). */
function tableFor(keep: number): Float64Array {
  return Float64Array.of(0, Math.fround(1 / Math.fround(keep)));
}

interface Run {
  state: number[];
  out: Float32Array;
  mask: Uint8Array;
  acc: Float64Array;
  kept: number;
}

function run(route: typeof fastDropoutF32, seed: number, x: Float32Array, keep: number): Run {
  const state = xoshiroStateFromSeed(seed);
  const out = new Float32Array(x.length);
  const mask = new Uint8Array(x.length);
  const acc = createAccumulators(SLOTS);
  const kept = route(state, x, out, mask, keep, tableFor(keep), acc);
  return { state: Array.from(state), out, mask, acc, kept };
}

/**
 * The four sums in the SIMD route's documented order: whole groups of 16 in
 * blocks of 4096 (lane 0 adds elements 4v and 4v + 2, lane 1 elements 4v + 1
 * and 4v + 3, then lane 0 + lane 1), the tail of fewer than 16 one by one.
 */
function referenceSums(x: Float32Array, out: Float32Array, mask: Uint8Array): Float64Array {
  const n = x.length;
  const full = n - (n % 16);
  const acc = createAccumulators(SLOTS);
  const terms: [Slot, (i: number) => number][] = [
    [Slot.Out, (i) => out[i]],
    [Slot.Unscaled, (i) => x[i] * mask[i]],
    [Slot.X, (i) => x[i]],
    [Slot.X2, (i) => x[i] * x[i]],
  ];
  for (let from = 0; from < full; from += SUM_BLOCK) {
    const to = Math.min(full, from + SUM_BLOCK);
    for (const [slot, term] of terms) {
      let l0 = 0;
      let l1 = 0;
      for (let i = from; i < to; i += 4) {
        l0 += term(i) + term(i + 2);
        l1 += term(i + 1) + term(i + 3);
      }
      addCompensated(acc, slot, l0 + l1);
    }
  }
  if (full < n) {
    for (const [slot, term] of terms) {
      let s = 0;
      for (let i = full; i < n; i++) s += term(i);
      addCompensated(acc, slot, s);
    }
  }
  return acc;
}

function assertSameFloats(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.fail(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

describe('engine fast generator: WebAssembly and JavaScript routes, bit for bit', () => {
  it('the WebAssembly route is the one under test here', () => {
    assert.ok(fastSimdAvailable());
  });

  // Lengths around 4 and 16 (SIMD groups), 4096 (sum blocks) and 16384 (kernel calls).
  const lengths = [1, 2, 3, 4, 7, 15, 16, 17, 33, 4095, 4096, 4097, 4111, 16383, 16384, 16385, 16403, 40_007];
  // Scales 2, 4 and 1 are powers of two (derived output sums); 1 / 0.7 and 1 / 0.03 are not.
  const keeps = [0.5, 0.25, 0.7, 0.03, 1 - 2 ** -40];
  for (const n of lengths) {
    for (const keep of keeps) {
      for (const awkward of [false, true]) {
        it(`n = ${n}, keep = ${keep}${awkward ? ', NaN/±Inf/-0/subnormal/huge inputs' : ''}`, () => {
          for (const seed of [0, 1, 12345, -7]) {
            const x = inputs(n, n + seed, awkward);
            const simd = run(fastDropoutF32, seed, x, keep);
            const js = run(fastDropoutF32Js, seed, x, keep);
            assert.deepEqual(simd.state, js.state, `seed ${seed}: state after`);
            assert.deepEqual(simd.mask, js.mask, `seed ${seed}: mask`);
            assert.equal(simd.kept, js.kept, `seed ${seed}: kept`);
            assert.equal(
              simd.kept,
              simd.mask.reduce((a, b) => a + b, 0),
              `seed ${seed}: kept is the mask's count`,
            );
            assertSameFloats(simd.out, js.out, `seed ${seed}: out`);
            assertSameFloats(simd.acc, referenceSums(x, simd.out, simd.mask), `seed ${seed}: sums`);
          }
        });
      }
    }
  }

  it('huge inputs: the output overflows to infinity where the scaled value does, and its sum says so', () => {
    const n = 4096 * 3;
    const x = new Float32Array(n).fill(1);
    x[5000] = 3e38; // in the second block: x * 2 overflows if kept
    let seed = 0;
    // A seed that keeps element 5000, so the overflow is in the output.
    while (run(fastDropoutF32Js, seed, x, 0.5).mask[5000] !== 1) seed++;
    const simd = run(fastDropoutF32, seed, x, 0.5);
    assert.equal(simd.out[5000], Infinity);
    assert.equal(compensatedValue(simd.acc, Slot.Out), Infinity);
    assert.ok(Number.isFinite(compensatedValue(simd.acc, Slot.X)), 'the sum of x stays finite');
    assertSameFloats(simd.acc, referenceSums(x, simd.out, simd.mask), 'sums');
  });

  it("large finite outputs that cancel: the output sum keeps the kernel's lane order", () => {
    // x * 2 stays finite for 2^126, but its square is past the bound under which
    // the output sums are derived, so they are added from the output itself;
    // +2^127 and -2^127 sit in different lanes, so the order decides the result.
    const n = 4096 * 2;
    const x = new Float32Array(n).fill(1.5);
    x[4096] = 2 ** 126;
    x[4097] = -(2 ** 126);
    let seed = 0;
    const keepsAll = (m: Uint8Array) => m[4096] === 1 && m[4097] === 1 && m[4098] === 1 && m[4099] === 1;
    while (!keepsAll(run(fastDropoutF32Js, seed, x, 0.5).mask)) seed++;
    const simd = run(fastDropoutF32, seed, x, 0.5);
    assert.equal(simd.out[4096], 2 ** 127);
    assertSameFloats(simd.acc, referenceSums(x, simd.out, simd.mask), 'sums');
  });

  it('a stream split over several calls continues exactly as one call', () => {
    const n = 16384 + 4096 + 48;
    const x = inputs(n, 3, true);
    const whole = run(fastDropoutF32, 9, x, 0.5);
    const state = xoshiroStateFromSeed(9);
    const out = new Float32Array(n);
    const mask = new Uint8Array(n);
    // Cuts on 16-element boundaries, so each call's draw ends on a whole block of four.
    for (const [from, to] of [
      [0, 16],
      [16, 16400],
      [16400, n],
    ]) {
      fastDropoutF32(
        state,
        x.subarray(from, to),
        out.subarray(from, to),
        mask.subarray(from, to),
        0.5,
        tableFor(0.5),
        createAccumulators(SLOTS),
      );
    }
    assert.deepEqual(Array.from(state), whole.state);
    assert.deepEqual(mask, whole.mask);
    assertSameFloats(out, whole.out, 'out');
  });
});

describe('engine fast generator: float64 route', () => {
  for (const n of [1, 5, 16, 257, 4097, 20_001]) {
    for (const keep of [0.5, 0.7]) {
      it(`n = ${n}, keep = ${keep}: the mask is fillKeepMask's, out = x * table[m] to the bit`, () => {
        const x32 = inputs(n, n, true);
        const x = Float64Array.from(x32, (v, i) => (i % 11 === 3 ? v * 1e300 : v));
        const table = Float64Array.of(0, 1 / keep);
        const state = xoshiroStateFromSeed(n);
        const out = new Float64Array(n);
        const mask = new Uint8Array(n);
        const kept = fastDropoutF64(state, x, out, mask, keep, table, createAccumulators(SLOTS));
        const plain = createFastSource(n);
        const ref = new Uint8Array(n);
        plain.fillKeepMask(ref, keep, 'float64');
        assert.deepEqual(mask, ref);
        assert.deepEqual(Array.from(state), Array.from(plain.state));
        assert.equal(
          kept,
          ref.reduce((a, b) => a + b, 0),
        );
        assertSameFloats(
          out,
          Float64Array.from(x, (v, i) => v * table[mask[i]]),
          'out',
        );
      });
    }
  }
});
