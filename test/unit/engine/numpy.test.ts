// The numpy convention against NumPy 1.24's own numbers: np.random.default_rng
// (SeedSequence + PCG64) states, random() doubles and float32 singles, and
// the golden dropout cases bit for bit. Also: the WebAssembly and JavaScript
// routes draw identical streams.
import * as assert from 'node:assert/strict';
import { dropout, dropoutWithSource, type DType, type MaskSource } from '../../../src/engine';
import { NumpySource, createNumpySource } from '../../../src/engine/rng/numpy';
import { pcg64NextDouble, pcg64NextFloat, pcg64StateValue, seedPcg64 } from '../../../src/engine/rng/pcg64';
import { pcg64WasmAvailable } from '../../../src/engine/rng/pcg64Wasm';
import { assertClose, assertSameValues, num, tensor, type GoldenNumber } from '../../fixtures/golden/goldenCases';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../paths';

interface NumpyCase {
  name: string;
  seed: number | string;
  p: number;
  keep: number;
  shape: number[];
  dtype: DType;
  method: 'random_f32' | 'random_f64' | 'binomial';
  input: GoldenNumber[];
  mask: number[];
  train_output: GoldenNumber[];
  eval_output: GoldenNumber[];
  train_mean: GoldenNumber;
  eval_mean: GoldenNumber;
  next_random_f64_after: number[];
}

const GOLDEN = path.join(REPO_ROOT, 'test', 'fixtures', 'golden', 'numpy_generator.json');
const CASES = (JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as { cases: NumpyCase[] }).cases;

/** A source that draws random() doubles whatever the tensor dtype (the golden random_f64 method on float32 inputs). */
function drawingFloat64(source: NumpySource): MaskSource {
  return {
    fillKeepMask: (mask, keep) => source.fillKeepMask(mask, keep, 'float64'),
    fillStandardNormal: (out) => source.fillStandardNormal(out),
  };
}

function nextTwo(source: NumpySource): number[] {
  const u = new Float64Array(2);
  source.fillUniform(u);
  return Array.from(u);
}

/**
 * rng.binomial(1, p, n) as NumPy 1.24 draws it for n = 1 (random_binomial:
 * p > 0.5 flips to 1 - p; the inversion sampler; p == 0 draws nothing).
 * Written here from NumPy's C source to check the golden binomial cases
 * against this stream; the engine itself draws random() < keep.
 */
function binomialOne(source: NumpySource, pIn: number): number {
  if (pIn === 0) return 0;
  const flip = pIn > 0.5;
  const p = flip ? 1 - pIn : pIn;
  const q = 1 - p;
  const qn = Math.exp(Math.log(q));
  const np = p;
  const bound = Math.trunc(Math.min(1, np + 10 * Math.sqrt(np * q + 1)));
  const u = new Float64Array(1);
  const next = (): number => {
    source.fillUniform(u);
    return u[0];
  };
  let x = 0;
  let px = qn;
  let U = next();
  while (U > px) {
    x++;
    if (x > bound) {
      x = 0;
      px = qn;
      U = next();
    } else {
      U -= px;
      px = ((1 - x + 1) * p * px) / (x * q);
    }
  }
  return flip ? 1 - x : x;
}

describe('numpy: SeedSequence + PCG64 match np.random.default_rng', () => {
  // bit_generator.state printed by NumPy 1.24.2 for these seeds.
  const STATES: [bigint, bigint, bigint][] = [
    [0n, 35399562948360463058890781895381311971n, 87136372517582989555478159403783844777n],
    [42n, 274674114334540486603088602300644985544n, 332724090758049132448979897138935081983n],
    [2n ** 64n + 7n, 15310535316881678715230360771370476471n, 247599863978702585085538759874576820603n],
    [2n ** 100n + 3n, 286753634544655969450967755545619153836n, 288480720037849754823175346168095072655n],
  ];
  for (const [seed, state, inc] of STATES) {
    it(`seed ${seed}: state and increment`, () => {
      assert.deepEqual(pcg64StateValue(seedPcg64(seed)), { state, inc });
    });
  }

  it('random() and random(dtype=float32) interleaved, the float32 half buffered across calls (seed 7)', () => {
    const s = seedPcg64(7n);
    const f32 = (n: number): number[] => Array.from({ length: n }, () => pcg64NextFloat(s));
    assert.deepEqual(f32(5), [0.9449049234390259, 0.6250954270362854, 0.6841799020767212, 0.8972137570381165, 0.5782924294471741]);
    assert.deepEqual(f32(4), [0.7756856679916382, 0.8336510062217712, 0.2252071499824524, 0.05553156137466431]);
    assert.deepEqual([pcg64NextDouble(s), pcg64NextDouble(s)], [0.8735534453962619, 0.005265304565574724]);
    assert.deepEqual(f32(3), [0.3001662492752075, 0.49978673458099365, 0.8212283849716187]);
  });

  it("a negative seed is refused with NumPy's words", () => {
    assert.throws(() => createNumpySource(-1), /expected non-negative integer/);
    assert.throws(() => dropout(tensor([2], 'float32', [1, 2]), { p: 0.5, mode: 'train', seed: -3, rng: 'numpy' }), /non-negative/);
  });

  it('"5", 5 and 5n are the same seed', () => {
    const draw = (seed: number | string | bigint): number[] => {
      const m = new Uint8Array(64);
      createNumpySource(seed).fillKeepMask(m, 0.5, 'float64');
      return Array.from(m);
    };
    assert.deepEqual(draw('5'), draw(5));
    assert.deepEqual(draw(5n), draw(5));
    assert.notDeepEqual(draw(6), draw(5));
  });
});

describe('numpy: the WebAssembly and JavaScript routes draw the same stream', () => {
  it('WebAssembly is available in Node (else only the JavaScript route is exercised)', () => {
    assert.ok(pcg64WasmAvailable());
  });

  for (const dtype of ['float32', 'float64'] as DType[]) {
    it(`${dtype}: odd lengths, several calls, a mask longer than one chunk`, () => {
      const wasm = new NumpySource('18446744073709551623', true);
      const js = new NumpySource('18446744073709551623', false);
      for (const [n, keep] of [
        [1, 0.5],
        [7, 0.3],
        [200003, 0.9],
        [2, 0.1],
        [3, 0.5],
      ] as [number, number][]) {
        const a = new Uint8Array(n);
        const b = new Uint8Array(n);
        wasm.fillKeepMask(a, keep, dtype);
        js.fillKeepMask(b, keep, dtype);
        assert.ok(
          a.every((v, i) => v === b[i]),
          `masks differ at n=${n}`,
        );
        const kept = a.reduce((s, v) => s + v, 0);
        if (n > 1000) assert.ok(Math.abs(kept / n - keep) < 0.01, `kept fraction ${kept / n}`);
      }
      // The buffered half only means something while has32 is set.
      const live = (st: Int32Array): number[] => Array.from(st.subarray(0, st[8] !== 0 ? 10 : 9));
      assert.deepEqual(live(wasm.state), live(js.state));
      assert.deepEqual(nextTwo(wasm), nextTwo(js));
    });
  }

  it('fillStandardNormal: mean ~0, variance ~1, same on both routes', () => {
    const a = new Float64Array(20001);
    const b = new Float64Array(20001);
    new NumpySource(1, true).fillStandardNormal(a);
    new NumpySource(1, false).fillStandardNormal(b);
    assert.deepEqual(Array.from(a.subarray(0, 100)), Array.from(b.subarray(0, 100)));
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    assert.ok(Math.abs(mean) < 0.03 && Math.abs(variance - 1) < 0.04, `mean ${mean}, variance ${variance}`);
  });
});

describe('numpy golden cases (NumPy 1.24.2), bit for bit', () => {
  for (const c of CASES) {
    if (c.method === 'random_f32') {
      it(`${c.name}: dropout(x, {rng: 'numpy'})`, () => {
        const x = tensor(c.shape, c.dtype, c.input);
        const r = dropout(x, { p: c.p, mode: 'train', seed: c.seed, rng: 'numpy' });
        assert.deepEqual(Array.from(r.mask), c.mask, 'mask');
        assertSameValues(r.output, c.train_output, 'train_output');
        assertClose(r.stats.trainMean, num(c.train_mean), 1e-12, 'train_mean');
        assertClose(r.stats.evalMean, num(c.eval_mean), 1e-12, 'eval_mean');
        let source: NumpySource | undefined;
        dropoutWithSource(x, { p: c.p, mode: 'train', seed: c.seed, rng: 'numpy' }, () => (source = new NumpySource(c.seed)));
        assert.deepEqual(nextTwo(source!), c.next_random_f64_after, 'draws used');
        const ev = dropout(x, { p: c.p, mode: 'eval', seed: c.seed, rng: 'numpy' });
        assertSameValues(ev.output, c.eval_output, 'eval_output');
      });
    } else if (c.method === 'random_f64') {
      it(`${c.name}: random() doubles on a ${c.dtype} input`, () => {
        // The engine draws doubles for float64 tensors: the mask through dropout on the input as float64.
        const x64 = tensor(c.shape, 'float64', c.input);
        assert.deepEqual(
          Array.from(dropout(x64, { p: c.p, mode: 'train', seed: c.seed, rng: 'numpy' }).mask),
          c.mask,
          'mask (float64 tensor)',
        );
        // The golden output is float32 (x * mask / keep on a float32 x): the engine's rule with doubles drawn.
        const x = tensor(c.shape, c.dtype, c.input);
        let source: NumpySource | undefined;
        const r = dropoutWithSource(x, { p: c.p, mode: 'train', seed: c.seed, rng: 'numpy' }, () =>
          drawingFloat64((source = new NumpySource(c.seed))),
        );
        assert.deepEqual(Array.from(r.mask), c.mask, 'mask');
        assertSameValues(r.output, c.train_output, 'train_output');
        assertClose(r.stats.trainMean, num(c.train_mean), 1e-12, 'train_mean');
        assert.deepEqual(nextTwo(source!), c.next_random_f64_after, 'draws used');
      });
    } else {
      it(`${c.name}: rng.binomial(1, keep) from this stream, and the engine's output rule`, () => {
        const source = new NumpySource(c.seed);
        const mask = c.input.map(() => binomialOne(source, c.keep));
        assert.deepEqual(mask, c.mask, 'mask');
        assert.deepEqual(nextTwo(source), c.next_random_f64_after, 'draws used');
        const x = tensor(c.shape, c.dtype, c.input);
        const spec = { p: c.p, mode: 'train' as const, seed: c.seed, rng: 'numpy' as const };
        if (c.p < 1) {
          const scripted: MaskSource = { fillKeepMask: (m) => m.set(mask), fillStandardNormal: () => assert.fail('no normals') };
          assertSameValues(dropoutWithSource(x, spec, () => scripted).output, c.train_output, 'train_output');
        } else {
          // At p = 1 the naive formula gives x * 0 / 0 = NaN everywhere; the engine (as DESIGN.md
          // specifies for numpy) gives x * 0, so only the NaN it must share is checked here.
          const out = dropout(x, spec).output;
          x.data.forEach((v, i) => assert.ok(Object.is(out[i], v * 0), `x*0 at ${i}`));
          assert.ok(
            c.train_output.every((v) => v === 'NaN'),
            'golden: all NaN',
          );
        }
      });
    }
  }
});
