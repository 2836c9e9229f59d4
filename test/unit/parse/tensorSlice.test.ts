// A part of a tensor file's tensor: an index per leading axis, then the first rows of the next axis,
// read from any layout (C, Fortran, big-endian, a transposed torch view) as the same values NumPy
// gives for x[i], x[i, j] and x[i, :rows].
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileFormatError, readTensor, slicedShape, sliceProblem } from '../../../src/parse';
import { REPO_ROOT } from '../paths';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'tensorFiles');
type Expected = { name: string; shape: number[]; values: (number | string)[] }[];
const expected: Record<string, Expected> = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const decode = (v: number | string) => (typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);

/** NumPy's x[index][:rows] of C-order values. */
function part(values: number[], shape: number[], index: number[], rows?: number): number[] {
  let offset = 0;
  index.forEach((i, axis) => (offset = offset * shape[axis] + i));
  const rest = shape.slice(index.length);
  const size = rest.reduce((a, b) => a * b, 1);
  const kept = rows === undefined ? size : (Math.min(rows, rest[0]) * size) / rest[0];
  return values.slice(offset * size, offset * size + kept);
}

describe('slices of tensor files', () => {
  for (const [file, entries] of Object.entries(expected)) {
    const multi = entries.filter((e) => e.shape.length >= 2);
    if (multi.length === 0) continue;
    it(`${file}: every index of the leading axes, and rows after them, as NumPy slices it`, () => {
      const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, file)));
      for (const { name, shape, values } of multi) {
        const all = values.map(decode);
        for (let i = 0; i < shape[0]; i++) {
          const one = readTensor(bytes, file, name, { index: [i] });
          assert.deepEqual(one.shape, shape.slice(1), `${name}[${i}] shape`);
          assert.deepEqual([...one.data], part(all, shape, [i]), `${name}[${i}]`);
          const cut = readTensor(bytes, file, name, { index: [i], rows: 1 });
          assert.deepEqual([...cut.data], part(all, shape, [i], 1), `${name}[${i}, :1]`);
          if (shape.length >= 3) {
            const last = shape[1] - 1;
            const two = readTensor(bytes, file, name, { index: [i, last] });
            assert.deepEqual(two.shape, shape.slice(2), `${name}[${i}, ${last}] shape`);
            assert.deepEqual([...two.data], part(all, shape, [i, last]), `${name}[${i}, ${last}]`);
          }
        }
      }
    });
  }

  it('says what is wrong with a slice that is not one, and reads nothing', () => {
    const shape = [64, 512, 512];
    assert.equal(sliceProblem(shape, { index: [3] }), undefined);
    assert.equal(sliceProblem(shape, { index: [63, 511], rows: 10 }), undefined);
    assert.match(sliceProblem(shape, { index: [64] }) ?? '', /Index 64 is not in axis 0, which runs from 0 to 63/);
    assert.match(sliceProblem(shape, { index: [0, -1] }) ?? '', /Index -1 is not in axis 1/);
    assert.match(sliceProblem(shape, { index: [1.5] }) ?? '', /Index 1.5/);
    assert.match(sliceProblem(shape, { index: [0, 0, 0] }) ?? '', /leaves nothing of a tensor with 3: give at most 2/);
    assert.match(sliceProblem(shape, { rows: 0 }) ?? '', /whole number of rows from 1/);
    assert.deepEqual(slicedShape(shape, { index: [3] }), [512, 512]);
    assert.deepEqual(slicedShape(shape, { index: [3], rows: 100 }), [100, 512]);
    assert.deepEqual(slicedShape(shape, { index: [3], rows: 1000 }), [512, 512]);
    const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, 'nchw.npy')));
    assert.throws(() => readTensor(bytes, 'nchw.npy', undefined, { index: [2] }), FileFormatError);
  });
});
