// Tensor files read in pieces: a host that can read byte ranges (a local file) lists a file from its
// headers alone and then reads only the chosen tensor's bytes (only a slice's, when sliced), so a
// multi-GB checkpoint costs a few kilobytes to list and one tensor's size to open.
// - .npy: its header; .safetensors: its header.
// - .npz and .pt/.pth (zips): the end record at the file's tail, the central directory, then per
//   entry its local header; a .npz lists each member's .npy header, a .pt its pickle. A stored
//   member (torch.save stores every storage, np.savez every array) is read in the range the tensor
//   needs; a deflated member (np.savez_compressed) is inflated whole when opened, as deflate cannot
//   start midway, and only its first kilobytes are inflated to list it.
// The chosen part reaches readTensor as a small safetensors file holding only it, packed in C order.
import { byteSpan, elementCount, type ElementLayout, isPackedLittleEndian, ITEM_SIZE, MAX_ELEMENTS, packElements } from './elements';
import { FileFormatError } from './error';
import { stem, type TensorEntry } from './index';
import { NPY_PREAMBLE, npyHeaderEnd, npyLayout } from './npy';
import { safetensorsDTypeCode, safetensorsHeaderSize, safetensorsLayouts } from './safetensors';
import { sliceLayout, type TensorSlice } from './slice';
import { torchMembers, torchTensors } from './torch';
import { inflatedPrefix, memberContent, memberStart, zipEntriesOf } from './rangedZip';
import { entryContent } from './zip';

/** A file that can be read in ranges (a local file), or read whole and sliced (anything else). */
export interface ByteSource {
  readonly size: number;
  /** `length` bytes from `offset`; written into `into` (and it returned) when given, so a large read lands where it is kept. */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
}

/** What readTensor(bytes, fileName, name, slice) reads one tensor (or a part of it) from. */
export interface TensorRead {
  bytes: Uint8Array;
  fileName: string;
  name: string;
  slice?: TensorSlice;
}

/** A tensor file opened for reading: its tensors, and how to read one of them (or a part). */
export interface OpenedTensorFile {
  entries: TensorEntry[];
  /** Reads only the bytes of the tensor's part (the whole member, for a deflated one). */
  read(name: string, slice?: TensorSlice): Promise<TensorRead>;
}

/** Where one tensor's elements are: in the file, or in `bytes` (an inflated .npz member). */
interface Located {
  layout: ElementLayout;
  bytes?: Uint8Array;
}

interface Listed {
  entry: TensorEntry;
  locate(): Promise<Located>;
}

export async function openTensorFile(source: ByteSource, fileName: string): Promise<OpenedTensorFile> {
  const listed = await list(source, fileName);
  return {
    entries: listed.map((t) => t.entry),
    async read(name, slice = {}) {
      const found = listed.find((t) => t.entry.name === name);
      if (!found)
        throw new FileFormatError(`There is no tensor "${name}" in the file; it holds ${listed.map((t) => t.entry.name).join(', ')}`, 0);
      return readPart(source, fileName, name, await found.locate(), slice);
    },
  };
}

function list(source: ByteSource, fileName: string): Promise<Listed[]> {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'safetensors':
      return listSafetensors(source);
    case 'npy':
      return listNpy(source, fileName);
    case 'npz':
      return listNpz(source);
    case 'pt':
    case 'pth':
      return listTorch(source, fileName);
  }
  return Promise.reject(
    new FileFormatError(`${fileName} is not a tensor file the playground reads (.npy, .npz, .safetensors, .pt, .pth)`, 0),
  );
}

const entryOf = (name: string, layout: ElementLayout): TensorEntry => ({ name, shape: [...layout.shape], dtype: layout.dtype });

async function listSafetensors(source: ByteSource): Promise<Listed[]> {
  const headerSize = safetensorsHeaderSize(await source.read(0, Math.min(8, source.size)), source.size);
  const header = await source.read(0, 8 + headerSize);
  return safetensorsLayouts(header, source.size).map(({ name, layout }) => ({
    entry: entryOf(name, layout),
    locate: () => Promise.resolve({ layout }),
  }));
}

/** A .npy's header read from `start` on, `length` bytes long at most: a first guess, then what it says it needs. */
async function npyHeaderAt(source: ByteSource, start: number, length: number): Promise<Uint8Array> {
  const prefix = await source.read(start, Math.min(length, 1024));
  if (prefix.length < NPY_PREAMBLE) return prefix;
  const end = npyHeaderEnd(prefix, (position) => start + position);
  return end <= prefix.length ? prefix : source.read(start, Math.min(end, length));
}

async function listNpy(source: ByteSource, fileName: string): Promise<Listed[]> {
  const layout = npyLayout(await npyHeaderAt(source, 0, source.size), undefined, source.size);
  return [{ entry: entryOf(stem(fileName), layout), locate: () => Promise.resolve({ layout }) }];
}

async function listNpz(source: ByteSource): Promise<Listed[]> {
  const members = (await zipEntriesOf(source, 'Not a .npz file: it is not a zip')).filter((e) => e.name.endsWith('.npy'));
  const listed: Listed[] = [];
  for (const member of members) {
    const name = member.name.slice(0, -'.npy'.length);
    if (member.method === 0) {
      // A .npy header is 128 bytes for most shapes: read with the local header, a longer one is read next.
      const { start, first } = await memberStart(source, member, 256);
      const header =
        first.length >= NPY_PREAMBLE && npyHeaderEnd(first, (p) => start + p) <= first.length
          ? first
          : await npyHeaderAt(source, start, member.compressedSize);
      const inMember = npyLayout(header, (position) => start + position, member.size);
      const layout = { ...inMember, byteOffset: start + inMember.byteOffset };
      listed.push({ entry: entryOf(name, layout), locate: () => Promise.resolve({ layout }) });
    } else {
      const { start } = await memberStart(source, member);
      if (member.method !== 8) entryContent(new Uint8Array(0), member, start); // refuses the method, naming it
      // Positions inside an inflated member map to the member's start: its bytes are not the file's.
      const layout = npyLayout(await inflatedPrefix(source, member, start), () => start, member.size);
      listed.push({
        entry: entryOf(name, layout),
        locate: async () => {
          const { content } = await memberContent(source, member);
          return { layout: npyLayout(content, () => start), bytes: content };
        },
      });
    }
  }
  return listed;
}

async function listTorch(source: ByteSource, fileName: string): Promise<Listed[]> {
  const entries = await zipEntriesOf(source, 'Not a zip: only torch.save files in the zip format (the default since PyTorch 1.6) are read');
  const { pickle, byteorder } = torchMembers(entries);
  const order = byteorder ? new TextDecoder().decode((await memberContent(source, byteorder)).content).trim() : 'little';
  const { start, content } = await memberContent(source, pickle);
  return torchTensors(entries, pickle, content, start, order).map(({ name, storage, layout }) => ({
    entry: entryOf(name || stem(fileName), layout),
    locate: async () => {
      const at = (await memberStart(source, storage)).start;
      return { layout: { ...layout, byteOffset: at + layout.byteOffset } };
    },
  }));
}

/**
 * Reads the part of the located tensor, packed as a safetensors file of its own. The elements go
 * straight into that file when they are packed already: one allocation of the tensor's size, not two.
 */
async function readPart(source: ByteSource, fileName: string, name: string, located: Located, slice: TensorSlice): Promise<TensorRead> {
  const part = sliceLayout(located.layout, slice);
  const n = elementCount(part.shape);
  const size = ITEM_SIZE[part.dtype];
  if (n > MAX_ELEMENTS)
    throw new FileFormatError(`The tensor's shape ${part.shape.join('×')} holds ${n} values, more than one array can`, part.byteOffset);
  const { firstByte, endByte } = n > 0 ? byteSpan(part) : { firstByte: 0, endByte: 0 };
  const available = located.bytes ? located.bytes.length : source.size;
  if (firstByte < 0 || endByte > available) {
    throw new FileFormatError(
      `The tensor's ${n} values need bytes ${firstByte} to ${endByte}, but the file ends at ${available}`,
      available,
    );
  }
  // Only now that the file holds them: room for the values.
  const { file, data } = oneTensorFile(name, safetensorsDTypeCode(part.dtype), part.shape, n * size);
  if (n > 0) {
    const inSpan = { ...part, byteOffset: part.byteOffset - firstByte };
    const packed = isPackedLittleEndian(inSpan) && endByte - firstByte === data.length;
    if (located.bytes) {
      const span = located.bytes.subarray(firstByte, endByte);
      if (packed) data.set(span);
      else packElements(span, inSpan, data);
    } else if (packed) {
      await source.read(firstByte, data.length, data);
    } else {
      packElements(await source.read(firstByte, endByte - firstByte), inSpan, data);
    }
  }
  return { bytes: file, fileName: `${stem(fileName)}.safetensors`, name };
}

/**
 * A safetensors file holding one tensor of `dataLength` bytes, its data aligned to 8 bytes as the
 * format's writers do: the file with its header written, and the part of it the data goes in.
 */
function oneTensorFile(name: string, dtype: string, shape: number[], dataLength: number): { file: Uint8Array; data: Uint8Array } {
  let json = JSON.stringify({ [name]: { dtype, shape, data_offsets: [0, dataLength] } });
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const header = new TextEncoder().encode(json);
  const file = new Uint8Array(8 + header.length + dataLength);
  new DataView(file.buffer).setBigUint64(0, BigInt(header.length), true);
  file.set(header, 8);
  return { file, data: file.subarray(8 + header.length) };
}

/** A whole file in memory as a ByteSource. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length, into) => {
      if (offset < 0 || offset + length > bytes.length)
        return Promise.reject(new FileFormatError(`The file ends at byte ${bytes.length}, before ${offset + length}`, bytes.length));
      const span = bytes.subarray(offset, offset + length);
      if (!into) return Promise.resolve(span);
      into.set(span);
      return Promise.resolve(into);
    },
  };
}
