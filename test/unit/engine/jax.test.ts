// The jax convention against JAX's own numbers: the Random123 known answers
// and PRNGKey(1701) bits from JAX's test suite, the threefry cases and the
// Flax Dropout outputs captured from JAX 0.11.2 / Flax 0.12.10.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dropout, dropoutWithSource, type DropoutSpec } from '../../../src/engine';
import {
  JaxSource,
  bernoulli,
  createJaxSource,
  foldIn,
  prngKey,
  randomBits,
  split,
  threefry2x32,
  uniform,
  type JaxKey,
} from '../../../src/engine/rng/jax';
import { assertSameValues, tensor, type GoldenNumber } from '../../fixtures/golden/goldenCases';
import { REPO_ROOT } from '../paths';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

interface ThreefryCase {
  name: string;
  partitionable: boolean;
  seed: number;
  key: JaxKey;
  bits_7: number[];
  bits_3x5: number[];
  uniform_5: number[];
  'bernoulli_0.9_100_packbits': string;
  'bernoulli_0.5_3x7_packbits': string;
  split_3: JaxKey[];
  fold_in_7: JaxKey;
}

interface FlaxCase {
  name: string;
  rate: number;
  broadcast_dims: number[];
  shape: number[];
  input: GoldenNumber[];
  linen_output: GoldenNumber[];
  nnx_output: GoldenNumber[];
}

interface PublishedVectors {
  threefry2x32_known_answers: { key: JaxKey; count: [number, number]; expected: [number, number]; expected_hex: [string, string] }[];
  random_bits_prngkey_1701: { seed: number; partitionable: boolean; bits32_shape_3: number[] };
}

const golden = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'golden', 'jax_flax.json'), 'utf8')) as {
  threefry_cases: ThreefryCase[];
  flax_cases: FlaxCase[];
};
const published = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'jax_random_test_vectors.json'), 'utf8')) as PublishedVectors;

/** np.packbits(mask) as hex: most significant bit first, the last byte padded with zeros. */
function packbitsHex(mask: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < mask.length; i += 8) {
    let byte = 0;
    for (let b = 0; b < 8; b++) byte = (byte << 1) | (i + b < mask.length ? mask[i + b] : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

describe("jax: JAX's published test vectors (tests/random_test.py)", () => {
  for (const v of published.threefry2x32_known_answers) {
    it(`threefry2x32(key ${v.expected_hex.join(', ')} known answer)`, () => {
      assert.deepEqual(threefry2x32(v.key, v.count), v.expected);
      assert.deepEqual(
        v.expected.map((w) => `0x${w.toString(16)}`),
        v.expected_hex,
      );
    });
  }

  it('bits(PRNGKey(1701), (3,)) in the original layout', () => {
    const v = published.random_bits_prngkey_1701;
    assert.equal(v.partitionable, false);
    assert.deepEqual(Array.from(randomBits(prngKey(v.seed), 3, false)), v.bits32_shape_3);
  });
});

describe('jax: threefry cases from JAX 0.11.2', () => {
  for (const c of golden.threefry_cases) {
    const part = c.partitionable;
    it(`${c.name}: key, bits, uniform, bernoulli, split, fold_in`, () => {
      const key = prngKey(c.seed);
      assert.deepEqual(key, c.key);
      assert.deepEqual(Array.from(randomBits(key, 7, part)), c.bits_7);
      assert.deepEqual(Array.from(randomBits(key, 15, part)), c.bits_3x5);
      assert.deepEqual(Array.from(uniform(key, 5, part)), c.uniform_5);
      assert.equal(packbitsHex(bernoulli(key, 0.9, 100, part)), c['bernoulli_0.9_100_packbits']);
      assert.equal(packbitsHex(bernoulli(key, 0.5, 21, part)), c['bernoulli_0.5_3x7_packbits']);
      assert.deepEqual(split(key, 3, part), c.split_3);
      assert.deepEqual(foldIn(key, 7), c.fold_in_7);
    });
  }

  it("PRNGKey keeps the low 32 bits in two's complement", () => {
    assert.deepEqual(prngKey(-1), [0, 0xffffffff]);
    assert.deepEqual(prngKey('4294967338'), [0, 42]);
    assert.deepEqual(prngKey(2n ** 40n + 7n), [0, 7]);
  });

  it('the source masks a float64 tensor with float32 uniforms, as x32 mode does', () => {
    const a = new Uint8Array(100);
    const b = new Uint8Array(100);
    createJaxSource(42).fillKeepMask(a, 0.9, 'float64');
    createJaxSource(42).fillKeepMask(b, 0.9, 'float32');
    assert.deepEqual(a, b);
    const c = golden.threefry_cases.find((k) => k.partitionable && k.seed === 42)!;
    assert.equal(packbitsHex(a), c['bernoulli_0.9_100_packbits']);
  });

  it('call t >= 1 uses fold_in(key, t); call 0 the key itself', () => {
    const source = createJaxSource(7);
    const key = prngKey(7);
    for (let t = 0; t < 4; t++) {
      const m = new Uint8Array(257);
      source.fillKeepMask(m, 0.6, 'float32');
      assert.deepEqual(m, bernoulli(t === 0 ? key : foldIn(key, t), 0.6, 257), `call ${t}`);
    }
  });

  it('fillStandardNormal: mean ~0, variance ~1, a new key per call', () => {
    const source = createJaxSource(3);
    const z = new Float64Array(20001);
    source.fillStandardNormal(z);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    assert.ok(Math.abs(mean) < 0.03 && Math.abs(variance - 1) < 0.04, `mean ${mean}, variance ${variance}`);
    const next = new Float64Array(4);
    source.fillStandardNormal(next);
    assert.notDeepEqual(Array.from(next), Array.from(z.subarray(0, 4)));
  });
});

describe('jax: Flax Dropout outputs (Flax 0.12.10), bit for bit', () => {
  // linen's make_rng('dropout') folds in the first 4 bytes (big-endian) of sha1 over the call counter 1.
  const linenData = createHash('sha1')
    .update(Buffer.from([1]))
    .digest()
    .readUInt32BE(0);

  for (const c of golden.flax_cases) {
    const spec: DropoutSpec = {
      p: c.rate,
      mode: 'train',
      seed: 0,
      rng: 'jax',
      broadcastDims: c.broadcast_dims.length ? c.broadcast_dims : undefined,
    };
    const x = tensor(c.shape, 'float32', c.input);

    it(`${c.name}: nnx Dropout(rate)(x, rngs=PRNGKey(0)) = dropout(x, {rng: 'jax'})`, () => {
      assertSameValues(dropout(x, spec).output, c.nnx_output, 'nnx_output');
    });

    it(`${c.name}: linen Dropout = the same draw under fold_in(key, sha1 constant)`, () => {
      const key = foldIn(prngKey(0), linenData);
      assertSameValues(dropoutWithSource(x, spec, () => new JaxSource(key)).output, c.linen_output, 'linen_output');
    });
  }
});
