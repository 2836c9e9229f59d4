// Tensor files read in pieces: a safetensors file lists from its header alone and one tensor reads
// only its own bytes (its first rows when sliced), with the same values as reading the whole file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ByteSource, bytesSource, FileFormatError, listTensors, openTensorFile, readTensor } from '../../../src/parse';
import { REPO_ROOT } from '../paths';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'tensorFiles');
const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(DIR, file)));

/** A source that records the ranges read. */
function recording(bytes: Uint8Array): ByteSource & { reads: [number, number][] } {
  const whole = bytesSource(bytes);
  const reads: [number, number][] = [];
  return { size: whole.size, reads, read: (offset, length) => (reads.push([offset, length]), whole.read(offset, length)) };
}

describe('tensor files read in pieces', () => {
  for (const file of ['weights.safetensors', 'state_dict.pt', 'compressed.npz', 'nchw.npy']) {
    it(`${file}: lists and reads every tensor as the whole file does`, async () => {
      const bytes = read(file);
      const opened = await openTensorFile(bytesSource(bytes), file);
      assert.deepEqual(opened.entries, listTensors(bytes, file));
      for (const { name } of opened.entries) {
        const piece = readTensor(await opened.bytesFor(name), file, name);
        assert.deepEqual(piece, readTensor(bytes, file, name), name);
      }
    });
  }

  it('lists a safetensors file from its header and reads only the chosen tensor', async () => {
    const bytes = read('weights.safetensors');
    const source = recording(bytes);
    const opened = await openTensorFile(source, 'weights.safetensors');
    const headerEnd = 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    assert.ok(
      source.reads.every(([offset, length]) => offset + length <= headerEnd),
      JSON.stringify(source.reads),
    );
    const last = opened.entries[opened.entries.length - 1];
    source.reads.length = 0;
    await opened.bytesFor(last.name);
    const itemSize = { float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4 }[last.dtype] ?? 1;
    assert.equal(source.reads.length, 1);
    assert.equal(source.reads[0][1], last.shape.reduce((a, b) => a * b, 1) * itemSize);
    assert.equal(opened.readWhole, false);
  });

  it('reads the first rows of a tensor, in pieces or whole, transposed or not', async () => {
    for (const [file, name] of [
      ['weights.safetensors', undefined],
      ['transposed.pt', undefined],
      ['fortran_float32.npy', undefined],
    ] as const) {
      const bytes = read(file);
      const full = readTensor(bytes, file, name);
      const rows = 2;
      const rowValues = full.shape.slice(1).reduce((a, b) => a * b, 1);
      const sliced = readTensor(bytes, file, name, { rows });
      assert.deepEqual(sliced.shape, [rows, ...full.shape.slice(1)], file);
      assert.deepEqual([...sliced.data], [...full.data.subarray(0, rows * rowValues)], file);
      const opened = await openTensorFile(bytesSource(bytes), file);
      const entry = opened.entries[0];
      assert.deepEqual(readTensor(await opened.bytesFor(entry.name, { rows }), file, entry.name, { rows }), sliced, `${file} in pieces`);
    }
  });

  it('refuses a slice of no rows, and a safetensors header that runs past the file', async () => {
    assert.throws(() => readTensor(read('c_float32.npy'), 'c_float32.npy', undefined, { rows: 0 }), FileFormatError);
    const bytes = read('weights.safetensors');
    await assert.rejects(openTensorFile(bytesSource(bytes.subarray(0, 20)), 'weights.safetensors'), FileFormatError);
  });
});
