// np.random.default_rng(seed) replayed bit for bit: masks from NumPy's own
// Generator (golden vectors from NumPy 1.24 and the regenerated set), draw
// counts (the next two doubles after each mask) and SeedSequence edge cases.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DType } from '../../src/engine/types';
import { binomialOneInto, createNumpyGenerator, createNumpySource, numpySourceFor, numpyWasm } from '../../src/engine/rng/numpy';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');

interface NumpyCase {
  name: string;
  seed: number | string;
  keep: number;
  shape: number[];
  method: 'random_f32' | 'random_f64' | 'binomial';
  mask: number[];
  next_random_f64_after: number[];
}

function loadNumpy(file: string): NumpyCase[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')).cases as NumpyCase[];
}

function drawMask(c: NumpyCase): { mask: number[]; next: number[] } {
  const rng = createNumpyGenerator(c.seed);
  const n = c.shape.reduce((a, b) => a * b, 1);
  const mask = new Uint8Array(n);
  if (c.method === 'binomial') binomialOneInto(rng, c.keep, mask);
  else {
    const dtype: DType = c.method === 'random_f32' ? 'float32' : 'float64';
    numpySourceFor(rng).fillKeepMask(mask, c.keep, dtype);
  }
  return { mask: Array.from(mask), next: [rng.nextDouble(), rng.nextDouble()] };
}

function checkFile(file: string): void {
  // Both routes must draw NumPy's numbers: WebAssembly (default) and the JavaScript limbs.
  for (const wasm of [true, false]) {
    describe(`numpy source matches NumPy (${wasm ? 'WebAssembly' : 'JavaScript'} loops): ${file}`, () => {
      before(() => { numpyWasm.enabled = wasm; });
      after(() => { numpyWasm.enabled = true; });
      for (const c of loadNumpy(file)) {
        it(`${c.name}: mask and the next two random() doubles`, () => {
          const { mask, next } = drawMask(c);
          assert.deepEqual(mask, c.mask, `${c.name} mask`);
          assert.deepEqual(next, c.next_random_f64_after, `${c.name} draw count`);
        });
      }
    });
  }
}

checkFile(path.join('golden', 'numpy_generator.json'));
if (fs.existsSync(path.join(FIXTURES, 'generated', 'numpy_more.json'))) checkFile(path.join('generated', 'numpy_more.json'));

describe('numpy source: stream and seed behaviour', () => {
  it('default_rng(0).random() starts 0.6369616873214543, 0.2697867137638703 (NumPy documentation values)', () => {
    const rng = createNumpyGenerator(0);
    assert.equal(rng.nextDouble(), 0.6369616873214543);
    assert.equal(rng.nextDouble(), 0.2697867137638703);
  });

  it('the WebAssembly and JavaScript loops draw the same masks across calls, both dtypes', () => {
    const viaWasm = createNumpySource(99), viaJs = createNumpySource(99);
    for (const [len, dtype] of [[70001, 'float32'], [3, 'float64'], [131073, 'float32'], [5, 'float32'], [1000, 'float64']] as const) {
      const a = new Uint8Array(len), b = new Uint8Array(len);
      numpyWasm.enabled = true; viaWasm.fillKeepMask(a, 0.37, dtype);
      numpyWasm.enabled = false; viaJs.fillKeepMask(b, 0.37, dtype);
      numpyWasm.enabled = true;
      assert.deepEqual(a, b, `${len} ${dtype}`);
    }
  });

  it('consecutive float32 masks continue the stream like one long rng.random call (odd lengths keep the buffered half)', () => {
    const whole = new Uint8Array(2001);
    createNumpySource(7).fillKeepMask(whole, 0.5, 'float32');
    const parts = createNumpySource(7);
    const pieces = [3, 1, 998, 999];
    const joined: number[] = [];
    for (const len of pieces) {
      const m = new Uint8Array(len);
      parts.fillKeepMask(m, 0.5, 'float32');
      joined.push(...m);
    }
    assert.deepEqual(joined, Array.from(whole));
  });

  it('consecutive float64 masks continue the stream', () => {
    const whole = new Uint8Array(101);
    createNumpySource('12345').fillKeepMask(whole, 0.3, 'float64');
    const parts = createNumpySource(12345n);
    const a = new Uint8Array(40), b = new Uint8Array(61);
    parts.fillKeepMask(a, 0.3, 'float64');
    parts.fillKeepMask(b, 0.3, 'float64');
    assert.deepEqual([...a, ...b], Array.from(whole));
  });

  it('keep = 1 keeps everything and keep = 0 drops everything (random() is in [0, 1))', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const all = new Uint8Array(500);
      createNumpySource(1).fillKeepMask(all, 1, dtype);
      assert.ok(all.every((v) => v === 1), `${dtype} keep=1`);
      const none = new Uint8Array(500).fill(1);
      createNumpySource(1).fillKeepMask(none, 0, dtype);
      assert.ok(none.every((v) => v === 0), `${dtype} keep=0`);
    }
  });

  it('seeds given as number, bigint and decimal string agree', () => {
    const a = createNumpyGenerator(42).nextDouble();
    assert.equal(createNumpyGenerator(42n).nextDouble(), a);
    assert.equal(createNumpyGenerator('42').nextDouble(), a);
  });

  it('negative and non-integer seeds throw with NumPy\'s meaning', () => {
    assert.throws(() => createNumpySource(-1), /expected non-negative integer/);
    assert.throws(() => createNumpySource('-5'), /expected non-negative integer/);
    assert.throws(() => createNumpySource(1.5), /integer/);
  });

  it('standard normal draws are finite with mean ~0 and variance ~1 (Box–Muller, not NumPy\'s ziggurat)', () => {
    const out = new Float64Array(20001);
    createNumpySource(3).fillStandardNormal(out);
    let sum = 0, sq = 0;
    for (const v of out) { assert.ok(Number.isFinite(v)); sum += v; sq += v * v; }
    const mean = sum / out.length;
    assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(sq / out.length - mean * mean - 1) < 0.05, 'variance');
  });
});
