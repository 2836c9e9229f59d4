// Tensor files read in pieces: every format lists from its headers (a zip from its tail and central
// directory) and one tensor, or a part of it, reads only its own bytes, with the same values as
// reading the whole file. A recording source shows which byte ranges were read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type ByteSource,
  bytesSource,
  FileFormatError,
  listTensors,
  openTensorFile,
  readTensor,
  type TensorSlice,
} from '../../../src/parse';
import { zipEntries, zipEntryStart } from '../../../src/parse/tensorFile/zip';
import { REPO_ROOT } from '../paths';

const DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'tensorFiles');
const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(DIR, file)));
const expected: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const ITEM: Record<string, number> = { float16: 2, bfloat16: 2, float32: 4, float64: 8, int64: 8, int32: 4, int16: 2 };
const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** A source that records the ranges read, as [first byte, end byte), and the arrays it was asked to read into. */
function recording(bytes: Uint8Array): ByteSource & { reads: [number, number][]; targets: Uint8Array[] } {
  const whole = bytesSource(bytes);
  const reads: [number, number][] = [];
  const targets: Uint8Array[] = [];
  return {
    size: whole.size,
    reads,
    targets,
    read: (offset, length, into) => {
      reads.push([offset, offset + length]);
      if (into) targets.push(into);
      return whole.read(offset, length, into);
    },
  };
}

/** The tensor the ranged reader hands on, read as the worker reads it. */
async function readPiece(source: ByteSource, file: string, name: string, slice?: TensorSlice) {
  const opened = await openTensorFile(source, file);
  const piece = await opened.read(name, slice);
  return readTensor(piece.bytes, piece.fileName, piece.name, piece.slice);
}

/** Slices worth checking on a shape: the whole, the first row, the last index of the first axis, and rows after it. */
function slicesOf(shape: number[]): (TensorSlice | undefined)[] {
  if (shape.length === 0) return [undefined];
  const slices: (TensorSlice | undefined)[] = [undefined, { rows: 1 }];
  if (shape.length >= 2) slices.push({ index: [shape[0] - 1] }, { index: [shape[0] - 1], rows: 1 });
  return slices;
}

describe('tensor files read in pieces', () => {
  for (const file of [...Object.keys(expected), 'checkpoint.pt', 'checkpoint.npz']) {
    it(`${file}: lists and reads every tensor and its slices as the whole file does`, async () => {
      const bytes = read(file);
      const opened = await openTensorFile(bytesSource(bytes), file);
      assert.deepEqual(opened.entries, listTensors(bytes, file));
      for (const { name, shape } of opened.entries) {
        for (const slice of slicesOf(shape)) {
          assert.deepEqual(
            await readPiece(bytesSource(bytes), file, name, slice),
            readTensor(bytes, file, name, slice),
            `${name} ${JSON.stringify(slice)}`,
          );
        }
      }
    });
  }

  it('lists a safetensors file from its header and reads only the chosen tensor', async () => {
    const bytes = read('weights.safetensors');
    const source = recording(bytes);
    const opened = await openTensorFile(source, 'weights.safetensors');
    const headerEnd = 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    assert.ok(
      source.reads.every(([, end]) => end <= headerEnd),
      JSON.stringify(source.reads),
    );
    const last = opened.entries[opened.entries.length - 1];
    source.reads.length = 0;
    await opened.read(last.name);
    assert.equal(source.reads.length, 1);
    assert.equal(source.reads[0][1] - source.reads[0][0], count(last.shape) * (ITEM[last.dtype] ?? 1));
  });

  it('reads a packed tensor straight into the file it hands on', async () => {
    const bytes = read('weights.safetensors');
    const source = recording(bytes);
    const opened = await openTensorFile(source, 'weights.safetensors');
    const last = opened.entries[opened.entries.length - 1];
    const piece = await opened.read(last.name);
    assert.equal(source.targets.length, 1, 'one read, into the file');
    assert.equal(source.targets[0].buffer, piece.bytes.buffer);
    assert.deepEqual(readTensor(piece.bytes, piece.fileName, piece.name), readTensor(bytes, 'weights.safetensors', last.name));
  });

  for (const file of ['checkpoint.pt', 'checkpoint.npz']) {
    it(`${file}: lists from the tail, the directory and the headers, and opens one tensor's bytes alone`, async () => {
      const bytes = read(file);
      const source = recording(bytes);
      const opened = await openTensorFile(source, file);
      // Each member's data, past its first kilobyte (where a .npy member's header is), is never read to list.
      const entries = zipEntries(bytes);
      const data = entries
        .filter((e) => !e.name.endsWith('data.pkl') && !e.name.endsWith('byteorder'))
        .map((e) => [zipEntryStart(bytes, e) + 1024, zipEntryStart(bytes, e) + e.compressedSize] as const)
        .filter(([first, end]) => first < end);
      assert.ok(data.length >= 2, 'the fixture has members of more than a kilobyte');
      const touched = (reads: [number, number][], [first, end]: readonly [number, number]) => reads.some(([a, b]) => a < end && first < b);
      for (const region of data) assert.ok(!touched(source.reads, region), `listing read ${JSON.stringify(source.reads)}, into ${region}`);
      const listed = source.reads.reduce((n, [a, b]) => n + b - a, 0);
      assert.ok(listed < bytes.length / 4, `listing read ${listed} of ${bytes.length} bytes`);

      // Opening reads exactly the tensor's bytes, after the storage's local header for a .pt (a .npz member's was read to list it).
      const weight = opened.entries.find((e) => e.name === 'layers.0.weight')!;
      const opens = async (slice?: TensorSlice) => {
        source.reads.length = 0;
        await opened.read(weight.name, slice);
        const headers = file.endsWith('.pt') ? 1 : 0;
        assert.equal(source.reads.length, headers + 1, JSON.stringify(source.reads));
        if (headers) assert.ok(source.reads[0][1] - source.reads[0][0] < 1024, 'a local header');
        const [first, end] = source.reads[headers];
        return end - first;
      };
      assert.equal(await opens(), count(weight.shape) * 4);
      assert.equal(await opens({ index: [5] }), 64 * 4, 'one index of a 64 × 64 tensor: 64 values');
    });
  }

  it('refuses a cut or damaged file read in pieces with a FileFormatError, never another error', async () => {
    for (const file of ['checkpoint.pt', 'checkpoint.npz', 'compressed.npz', 'weights.safetensors', 'fortran_float32.npy']) {
      const bytes = read(file);
      const cuts = [0, 3, 4, 21, 22, 100, bytes.length >> 1, bytes.length - 23, bytes.length - 22, bytes.length - 1];
      for (const cut of cuts) {
        const piece = bytes.slice(0, Math.max(0, cut));
        try {
          const opened = await openTensorFile(bytesSource(piece), file);
          for (const { name } of opened.entries) await opened.read(name);
        } catch (error) {
          assert.ok(error instanceof FileFormatError, `${file} cut at ${cut}: ${error instanceof Error ? error.stack : String(error)}`);
        }
      }
    }
  });

  it('refuses a slice that is not one, and a safetensors header that runs past the file', async () => {
    const opened = await openTensorFile(bytesSource(read('c_float32.npy')), 'c_float32.npy');
    await assert.rejects(opened.read('c_float32', { rows: 0 }), FileFormatError);
    await assert.rejects(opened.read('c_float32', { index: [3] }), /Index 3 is not in axis 0/);
    await assert.rejects(openTensorFile(bytesSource(read('weights.safetensors').subarray(0, 20)), 'weights.safetensors'), FileFormatError);
  });
});
