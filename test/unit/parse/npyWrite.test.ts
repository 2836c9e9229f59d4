// The .npy and .npz writer: its files read back through the playground's own reader, value for value
// and bit for bit, and its .npy bytes are the very bytes NumPy's np.save wrote for the same arrays
// (the files in test/fixtures/tensorFiles come from NumPy 1.24).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listTensors, readTensor } from '../../../src/parse';
import { npyBytes, type NpyArray, npzBytes } from '../../../src/parse/tensorFile/npyWrite';
import { NPY_HEADER_ALIGNMENT } from '../../../src/parse/tensorFile/npyFormat';
import { REPO_ROOT } from '../paths';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'tensorFiles');
const fixture = (file: string) => new Uint8Array(fs.readFileSync(path.join(DIR, file)));

/** Where the data starts: after the magic, the version, the header length and the header. */
function dataStart(bytes: Uint8Array): number {
  return 10 + new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
}

function assertSameBits(actual: ArrayLike<number>, wanted: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, wanted.length, `${what}: length`);
  for (let i = 0; i < wanted.length; i++) assert.ok(Object.is(actual[i], wanted[i]), `${what}[${i}]: ${actual[i]} vs ${wanted[i]}`);
}

const special = [0, -0, 1.5, -2.25, NaN, Infinity, -Infinity, 1e-45, 3.4028234663852886e38, 0.1];

const cases: { name: string; array: NpyArray }[] = [
  { name: '0-d float32', array: { dtype: 'float32', shape: [], data: Float32Array.of(-0.1) } },
  { name: '1-D float32', array: { dtype: 'float32', shape: [special.length], data: Float32Array.from(special) } },
  { name: 'empty float32', array: { dtype: 'float32', shape: [0], data: new Float32Array(0) } },
  {
    name: '3-D float64',
    array: {
      dtype: 'float64',
      shape: [2, 3, 4],
      data: Float64Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? -0 : Math.PI * (i - 12))),
    },
  },
  { name: '1-D float64', array: { dtype: 'float64', shape: [special.length], data: Float64Array.from([...special, 5e-324].slice(1)) } },
  { name: '3-D bool', array: { dtype: 'bool', shape: [2, 2, 3], data: Uint8Array.from([1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1]) } },
  { name: '0-d bool', array: { dtype: 'bool', shape: [], data: Uint8Array.of(1) } },
];

describe('the .npy writer', () => {
  for (const { name, array } of cases) {
    it(`writes ${name} so the reader gives back its shape, dtype and every bit`, () => {
      const bytes = npyBytes(array);
      const [entry] = listTensors(bytes, 'x.npy');
      assert.deepEqual(entry.shape, array.shape);
      assert.equal(entry.dtype, array.dtype);
      const back = readTensor(bytes, 'x.npy');
      assert.deepEqual(back.shape, array.shape);
      // The reader gives float64 as float64 and every other type (bool included, as 0 and 1) as float32.
      assert.equal(back.dtype, array.dtype === 'float64' ? 'float64' : 'float32');
      assertSameBits(back.data, array.data, name);
    });

    it(`pads ${name}'s header to a ${NPY_HEADER_ALIGNMENT}-byte boundary, ended by a newline`, () => {
      const bytes = npyBytes(array);
      const start = dataStart(bytes);
      assert.equal(start % NPY_HEADER_ALIGNMENT, 0);
      assert.equal(bytes[start - 1], 0x0a);
      assert.equal(bytes.length, start + array.data.byteLength);
      assert.deepEqual([...bytes.subarray(6, 8)], [1, 0], 'format version 1.0');
    });
  }

  for (const file of ['c_float32.npy', 'c_float64.npy', 'nchw.npy', 'scalar.npy', 'special.npy', 'bool.npy']) {
    it(`writes the very bytes np.save wrote for ${file}`, () => {
      const saved = fixture(file);
      const [entry] = listTensors(saved, file);
      const tensor = readTensor(saved, file);
      const array: NpyArray =
        entry.dtype === 'bool'
          ? { dtype: 'bool', shape: tensor.shape, data: Uint8Array.from(tensor.data) }
          : tensor.dtype === 'float64'
            ? { dtype: 'float64', shape: tensor.shape, data: tensor.data as Float64Array }
            : { dtype: 'float32', shape: tensor.shape, data: tensor.data as Float32Array };
      assert.deepEqual(npyBytes(array), saved);
    });
  }

  it('refuses values that do not fill the shape', () => {
    assert.throws(
      () => npyBytes({ dtype: 'float32', shape: [2, 3], data: new Float32Array(5) }),
      /5 values do not fill the shape \(2, 3\)/,
    );
  });
});

describe('the .npz writer', () => {
  it('stores each array as <name>.npy, which the reader lists in order and reads back bit for bit', () => {
    const arrays: Record<string, NpyArray> = {
      output: { dtype: 'float32', shape: [2, 5], data: Float32Array.from(special) },
      mask: { dtype: 'bool', shape: [2, 5], data: Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 1, 1, 0]) },
      input: { dtype: 'float32', shape: [2, 5], data: Float32Array.from(special, (v) => -v) },
    };
    const bytes = npzBytes(arrays);
    assert.deepEqual(
      listTensors(bytes, 'run.npz'),
      Object.entries(arrays).map(([name, a]) => ({ name, shape: a.shape, dtype: a.dtype })),
    );
    for (const [name, array] of Object.entries(arrays)) assertSameBits(readTensor(bytes, 'run.npz', name).data, array.data, name);
  });
});
