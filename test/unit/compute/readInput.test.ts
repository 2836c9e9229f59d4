// The three kinds of input the compute side reads: text, values that arrive as numbers, a tensor file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInput } from '../../../src/compute/readInput';
import { FileFormatError } from '../../../src/parse';

const FILES = path.resolve(__dirname, '../../../../test/fixtures/tensorFiles');
const common = { dtype: 'float32' as const, maxValues: 1_000_000, label: 'x' };

describe('reading an input for the compute side', () => {
  it('reads a tensor file from its bytes, as the file reader does, and refuses one above maxValues naming its shape', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FILES, 'c_float64.npy')));
    const tensor = readInput({ ...common, kind: 'file', bytes, fileName: 'c_float64.npy' });
    assert.equal(tensor.dtype, 'float64');
    const n = tensor.data.length;
    assert.ok(n > 1);
    assert.throws(
      () => readInput({ ...common, maxValues: n - 1, label: 'c_float64.npy', kind: 'file', bytes, fileName: 'c_float64.npy' }),
      new RegExp(`c_float64\\.npy has shape \\[${tensor.shape.join(', ')}\\]`),
    );
    assert.throws(() => readInput({ ...common, kind: 'file', bytes: bytes.subarray(0, 20), fileName: 'c_float64.npy' }), FileFormatError);
  });

  it('takes values that arrive as numbers as they are, float64 included, and refuses a scalar', () => {
    const data = Float64Array.of(0.1, 0.2, 0.3, 0.4);
    const tensor = readInput({ ...common, kind: 'tensor', shape: [2, 2], data });
    assert.equal(tensor.dtype, 'float64');
    assert.equal(tensor.data, data);
    assert.throws(() => readInput({ ...common, kind: 'tensor', shape: [], data: Float32Array.of(1) }), /single number/);
    assert.throws(() => readInput({ ...common, kind: 'tensor', shape: [-1], data: Float32Array.of(1) }), /do not fit their shape/);
  });

  it('parses text, as before', () => {
    const tensor = readInput({ ...common, text: '[[1, 2], [3, 4]]', origin: { line: 1, column: 1 } });
    assert.deepEqual(tensor.shape, [2, 2]);
  });
});
