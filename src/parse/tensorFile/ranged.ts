// Tensor files read in pieces: a host that can read byte ranges (a local file) lists a safetensors
// checkpoint from its header alone and then reads only the chosen tensor's bytes, so a multi-GB file
// costs a few kilobytes to list and one tensor's size to open. Other formats are read whole here:
// a .npy holds one tensor, and a zip's entries (.npz, .pt) are read from the whole file.
import { elementCount, ITEM_SIZE } from './elements';
import { FileFormatError } from './error';
import { listTensors, type TensorEntry, type TensorSlice } from './index';
import { safetensorsDTypeCode, safetensorsHeaderSize, safetensorsLayouts } from './safetensors';

/** A file that can be read in ranges (a local file), or read whole and sliced (anything else). */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A tensor file opened for reading: its tensors, and the bytes to hand readTensor for one of them. */
export interface OpenedTensorFile {
  entries: TensorEntry[];
  /** True when listing read the whole file (every format but safetensors). */
  readWhole: boolean;
  /**
   * Bytes that readTensor(bytes, fileName, name, slice) reads the tensor from: the whole file, or
   * a safetensors file of the same name holding only that tensor (only its first rows when sliced).
   */
  bytesFor(name: string, slice?: TensorSlice): Promise<Uint8Array>;
}

export async function openTensorFile(source: ByteSource, fileName: string): Promise<OpenedTensorFile> {
  if (/\.safetensors$/i.test(fileName)) return openSafetensors(source);
  const whole = await source.read(0, source.size);
  return { entries: listTensors(whole, fileName), readWhole: true, bytesFor: () => Promise.resolve(whole) };
}

async function openSafetensors(source: ByteSource): Promise<OpenedTensorFile> {
  const headerSize = safetensorsHeaderSize(await source.read(0, Math.min(8, source.size)), source.size);
  const header = await source.read(0, 8 + headerSize);
  const layouts = safetensorsLayouts(header, source.size);
  return {
    entries: layouts.map(({ name, layout }) => ({ name, shape: [...layout.shape], dtype: layout.dtype })),
    readWhole: false,
    async bytesFor(name, slice = {}) {
      const found = layouts.find((l) => l.name === name);
      if (!found)
        throw new FileFormatError(`There is no tensor "${name}" in the file; it holds ${layouts.map((l) => l.name).join(', ')}`, 8);
      const { layout } = found;
      const shape =
        slice.rows !== undefined && layout.shape.length > 0
          ? [Math.min(slice.rows, layout.shape[0]), ...layout.shape.slice(1)]
          : layout.shape;
      const length = elementCount(shape) * ITEM_SIZE[layout.dtype];
      const data = await source.read(layout.byteOffset, length);
      return oneTensorFile(name, safetensorsDTypeCode(layout.dtype), shape, data);
    },
  };
}

/** A safetensors file holding one tensor, its data aligned to 8 bytes as the format's writers do. */
function oneTensorFile(name: string, dtype: string, shape: number[], data: Uint8Array): Uint8Array {
  let json = JSON.stringify({ [name]: { dtype, shape, data_offsets: [0, data.length] } });
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const header = new TextEncoder().encode(json);
  const file = new Uint8Array(8 + header.length + data.length);
  new DataView(file.buffer).setBigUint64(0, BigInt(header.length), true);
  file.set(header, 8);
  file.set(data, 8 + header.length);
  return file;
}

/** A whole file in memory as a ByteSource. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => {
      if (offset < 0 || offset + length > bytes.length)
        return Promise.reject(new FileFormatError(`The file ends at byte ${bytes.length}, before ${offset + length}`, bytes.length));
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  };
}
