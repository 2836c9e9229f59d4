// Files written by torch.save (the zip format, PyTorch 1.6 and later): <archive>/data.pkl, a pickle
// of the saved object whose tensors point at storages <archive>/data/<key>, and
// <archive>/byteorder. The pickle is read as data (./pickle.ts); tensors are found in a tensor, a
// dict (state_dict included) or a list or tuple, nested, and named by their path joined with ".".
import { type ElementLayout, type FileDType, ITEM_SIZE } from './elements';
import { FileFormatError } from './error';
import { readPickle, type TensorRef } from './pickle';
import { type ZipEntry, zipEntryData, zipEntryStart } from './zip';

const STORAGE_DTYPES: Record<string, FileDType> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

/** Every tensor of the saved object, named by its path ('' for a tensor saved alone), in pickle order. */
function tensorsIn(value: unknown, path: string, out: { name: string; tensor: TensorRef }[], at: number): void {
  if (typeof value === 'object' && value !== null && (value as TensorRef).kind === 'tensor') {
    out.push({ name: path, tensor: value as TensorRef });
  } else if (value instanceof Map) {
    for (const [key, item] of value) tensorsIn(item, path ? `${path}.${String(key)}` : String(key), out, at);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => tensorsIn(item, path ? `${path}.${i}` : String(i), out, at));
  }
  // Numbers, strings, None (a state_dict's metadata, a saved epoch) are not tensors: left out.
}

/** The zip entries a torch.save file is read from: its pickle and its byte order (absent in old files). */
export function torchMembers(entries: ZipEntry[]): { pickle: ZipEntry; byteorder?: ZipEntry } {
  const pickle = entries.find((e) => /^[^/]+\/data\.pkl$/.test(e.name));
  if (!pickle) throw new FileFormatError('The zip holds no data.pkl: it was not written by torch.save', 0);
  const byteorder = entries.find((e) => e.name === `${pickle.name.slice(0, -'data.pkl'.length)}byteorder`);
  return byteorder ? { pickle, byteorder } : { pickle };
}

/** One tensor of a torch.save file: its layout, counted in its storage's elements, and the storage's entry. */
export interface TorchTensor {
  name: string;
  storage: ZipEntry;
  /** The layout with `byteOffset` counted from the start of the storage's data. */
  layout: ElementLayout;
}

/**
 * The tensors of a torch.save zip, from its pickle (`pickle`, whose data starts at byte `pickleStart`) and
 * its byteorder text. Only the directory and the pickle are needed: no storage is touched.
 */
export function torchTensors(
  entries: ZipEntry[],
  pickle: ZipEntry,
  pickleData: Uint8Array,
  pickleStart: number,
  byteorder = 'little',
): TorchTensor[] {
  const prefix = pickle.name.slice(0, -'data.pkl'.length);
  const found: { name: string; tensor: TensorRef }[] = [];
  tensorsIn(readPickle(pickleData, pickleStart), '', found, pickleStart);
  if (found.length === 0) throw new FileFormatError('The file holds no tensors', pickleStart);
  return found.map(({ name, tensor }) => {
    const dtype = STORAGE_DTYPES[tensor.storage.storageType];
    if (!dtype)
      throw new FileFormatError(
        `Tensor "${name}" is stored as ${tensor.storage.storageType}, which the playground does not read`,
        pickleStart,
      );
    const storageName = `${prefix}data/${tensor.storage.key}`;
    const storage = entries.find((e) => e.name === storageName);
    if (!storage) throw new FileFormatError(`Tensor "${name}" points at ${storageName}, which the zip does not hold`, pickleStart);
    if (storage.method !== 0)
      throw new FileFormatError(`The storage ${storageName} is compressed; torch.save stores its storages uncompressed`, storage.record);
    if (tensor.shape.length !== tensor.stride.length)
      throw new FileFormatError(`Tensor "${name}" has ${tensor.shape.length} sizes but ${tensor.stride.length} strides`, pickleStart);
    const itemSize = ITEM_SIZE[dtype];
    // readElements checks every element against the file's end; the storage's own end is checked here.
    const lastElement = tensor.offset + tensor.shape.reduce((sum, d, k) => sum + (d > 0 ? (d - 1) * Math.abs(tensor.stride[k]) : 0), 0);
    if (tensor.shape.every((d) => d > 0) && (lastElement + 1) * itemSize > storage.size) {
      throw new FileFormatError(`Tensor "${name}" reaches past the end of its storage ${storageName}`, storage.localHeader);
    }
    return {
      name,
      storage,
      layout: {
        dtype,
        shape: tensor.shape,
        strides: tensor.stride,
        byteOffset: tensor.offset * itemSize,
        littleEndian: byteorder !== 'big',
      },
    };
  });
}

/** The tensors of a torch.save zip held whole in `bytes`, with their layouts in the file. */
export function torchLayouts(bytes: Uint8Array, entries: ZipEntry[]): { name: string; layout: ElementLayout }[] {
  const { pickle, byteorder } = torchMembers(entries);
  const order = byteorder ? new TextDecoder().decode(zipEntryData(bytes, byteorder)).trim() : 'little';
  return torchTensors(entries, pickle, zipEntryData(bytes, pickle), zipEntryStart(bytes, pickle), order).map(
    ({ name, storage, layout }) => ({
      name,
      layout: { ...layout, byteOffset: zipEntryStart(bytes, storage) + layout.byteOffset },
    }),
  );
}
