// Tensor files written by the real NumPy and torch (and a safetensors file written to the format's
// specification) read back bit for bit as NumPy reads them; damaged files give a FileFormatError.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileFormatError, listTensors, readTensor } from '../../../src/parse';
import { npyBytes, npzBytes } from '../../../src/parse/tensorFile/npyWrite';
import { REPO_ROOT } from '../paths';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'tensorFiles');
type Expected = { name: string; shape: number[]; dtype: string; values: (number | string)[] }[];
const expected: Record<string, Expected> = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(DIR, file)));
const decode = (v: number | string) => (typeof v === 'number' ? v : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : -Infinity);

/** Every value the same to the bit (−0 and NaN included). */
function assertSameValues(actual: ArrayLike<number>, wanted: (number | string)[], what: string): void {
  assert.equal(actual.length, wanted.length, `${what}: length`);
  for (let i = 0; i < wanted.length; i++) assert.ok(Object.is(actual[i], decode(wanted[i])), `${what}[${i}]: ${actual[i]} vs ${wanted[i]}`);
}

/** Calls `read` and says how it ended: a tensor, or a FileFormatError; anything else fails the test. */
function outcome(read: () => unknown, fileLength: number, what: string): 'read' | 'refused' {
  try {
    read();
    return 'read';
  } catch (error) {
    if (error instanceof FileFormatError) {
      assert.ok(Number.isSafeInteger(error.offset) && error.offset >= 0 && error.offset <= fileLength, `${what}: offset ${error.offset}`);
      return 'refused';
    }
    assert.fail(`${what}: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

describe('tensor files', () => {
  for (const [file, entries] of Object.entries(expected)) {
    it(`${file}: lists ${entries.map((e) => e.name).join(', ')} and reads each as NumPy does`, () => {
      const bytes = read(file);
      assert.deepEqual(
        listTensors(bytes, file),
        entries.map(({ name, shape, dtype }) => ({ name, shape, dtype })),
      );
      for (const entry of entries) {
        const tensor = readTensor(bytes, file, entry.name);
        assert.deepEqual(tensor.shape, entry.shape, `${entry.name}: shape`);
        assert.equal(tensor.dtype, entry.dtype === 'float64' ? 'float64' : 'float32', `${entry.name}: dtype`);
        assert.ok(tensor.data instanceof (tensor.dtype === 'float64' ? Float64Array : Float32Array));
        assertSameValues(tensor.data, entry.values, `${file}:${entry.name}`);
      }
      assertSameValues(readTensor(bytes, file).data, entries[0].values, `${file} without a name`);
    });
  }

  it('refuses a file that holds a model object, naming its class, and loads nothing', () => {
    assert.throws(
      () => listTensors(read('model.pt'), 'model.pt'),
      (error: unknown) => {
        assert.ok(error instanceof FileFormatError);
        assert.match(error.message, /torch\.nn\.modules\.linear\.Linear object, which is never loaded/);
        return true;
      },
    );
  });

  it('names the tensors a file holds when asked for one it does not', () => {
    assert.throws(
      () => readTensor(read('stored.npz'), 'stored.npz', 'weight'),
      /There is no tensor "weight" in the file; it holds weights, bias, mask/,
    );
  });

  it('refuses other files and unknown extensions with what was found', () => {
    assert.throws(() => listTensors(new TextEncoder().encode('[1, 2, 3]'), 'values.npy'), /Not a \.npy file/);
    assert.throws(() => listTensors(read('c_float32.npy'), 'values.txt'), /not a tensor file the playground reads/);
    assert.throws(() => listTensors(read('c_float32.npy'), 'legacy.pt'), /only torch\.save files in the zip format/);
    const dict = "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }\n";
    const header = `\x93NUMPY\x01\x00${String.fromCharCode(dict.length)}\x00${dict}`;
    const objects = Uint8Array.from(header + '\x00'.repeat(16), (c) => c.charCodeAt(0));
    assert.throws(() => listTensors(objects, 'objects.npy'), /Python objects \(dtype=object\), which are never read/);
  });

  it('a file cut at any byte gives a FileFormatError or a tensor, never another exception, each within 100 ms', () => {
    for (const file of [
      'c_float32.npy',
      'fortran_float32.npy',
      'stored.npz',
      'compressed.npz',
      'sliced.pt',
      'nested.pt',
      'weights.safetensors',
    ]) {
      const bytes = read(file);
      let refused = 0;
      for (let cut = 0; cut < bytes.length; cut++) {
        const cutBytes = bytes.slice(0, cut);
        const readAll = () =>
          outcome(() => listTensors(cutBytes, file).forEach((e) => readTensor(cutBytes, file, e.name)), cut, `${file} cut at ${cut}`);
        const timed = () => {
          const started = performance.now();
          const result = readAll();
          return { result, ms: performance.now() - started };
        };
        // A pause of the whole process (a collection, a busy machine) is not the reader's: a second try must be quick too.
        let { result, ms } = timed();
        if (ms >= 100) ({ result, ms } = timed());
        assert.ok(ms < 100, `${file} cut at ${cut} took ${ms} ms twice`);
        if (result === 'refused') refused++;
      }
      assert.ok(refused > bytes.length / 2, `${file}: only ${refused} of ${bytes.length} cuts refused`);
    }
  });

  it('random bytes flipped give a FileFormatError or a tensor, never another exception', () => {
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (const file of ['c_float32.npy', 'stored.npz', 'compressed.npz', 'nested.pt', 'state_dict.pt', 'weights.safetensors']) {
      const original = read(file);
      for (let trial = 0; trial < 300; trial++) {
        const bytes = original.slice();
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        outcome(() => listTensors(bytes, file).forEach((e) => readTensor(bytes, file, e.name)), bytes.length, `${file} trial ${trial}`);
      }
    }
  });
});

describe('tensor files: native float32 and float64 without conversion', () => {
  const values = Float32Array.from({ length: 1000 }, (_, i) => Math.fround(Math.sin(i) * 3));

  it('reads a .npy of float32 as a view of its bytes, equal to the values written', () => {
    const bytes = npyBytes({ dtype: 'float32', shape: [10, 100], data: values });
    const t = readTensor(bytes, 'x.npy');
    assert.equal(t.data.buffer, bytes.buffer, 'the same memory');
    assert.deepEqual(t.data, values);
    const doubles = Float64Array.from(values, (v) => v / 3);
    const d = readTensor(npyBytes({ dtype: 'float64', shape: [1000], data: doubles }), 'y.npy');
    assert.equal(d.dtype, 'float64');
    assert.deepEqual(d.data, doubles);
  });

  it('copies a tensor that fills little of the file, or sits unaligned, so the rest can be freed', () => {
    const small = Float32Array.of(1.5, -2, 3);
    const file = npzBytes({ big: { dtype: 'float32', shape: [1000], data: values }, small: { dtype: 'float32', shape: [3], data: small } });
    const t = readTensor(file, 'both.npz', 'small');
    assert.notEqual(t.data.buffer, file.buffer);
    assert.equal(t.data.buffer.byteLength, 12, 'its own values only');
    assert.deepEqual(t.data, small);
    // The same .npy one byte into a larger buffer: float32 cannot be viewed at an odd offset.
    const npy = npyBytes({ dtype: 'float32', shape: [1000], data: values });
    const shifted = new Uint8Array(npy.length + 1);
    shifted.set(npy, 1);
    const u = readTensor(shifted.subarray(1), 'x.npy');
    assert.notEqual(u.data.buffer, shifted.buffer);
    assert.deepEqual(u.data, values);
  });
});
