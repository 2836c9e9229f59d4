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

/** The tensors of a torch.save zip, with their layouts in the file. */
export function torchLayouts(bytes: Uint8Array, entries: ZipEntry[]): { name: string; layout: ElementLayout }[] {
  const pickleEntry = entries.find((e) => /^[^/]+\/data\.pkl$/.test(e.name));
  if (!pickleEntry) throw new FileFormatError('The zip holds no data.pkl: it was not written by torch.save', 0);
  const prefix = pickleEntry.name.slice(0, -'data.pkl'.length);
  const byteorderEntry = entries.find((e) => e.name === `${prefix}byteorder`);
  const byteorder = byteorderEntry ? new TextDecoder().decode(zipEntryData(bytes, byteorderEntry)).trim() : 'little';
  const pickleStart = zipEntryStart(bytes, pickleEntry);
  const found: { name: string; tensor: TensorRef }[] = [];
  tensorsIn(readPickle(zipEntryData(bytes, pickleEntry), pickleStart), '', found, pickleStart);
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
    const start = zipEntryStart(bytes, storage);
    // readElements checks every element against the file's end; the storage's own end is checked here.
    const lastElement = tensor.offset + tensor.shape.reduce((sum, d, k) => sum + (d > 0 ? (d - 1) * Math.abs(tensor.stride[k]) : 0), 0);
    if (tensor.shape.every((d) => d > 0) && (lastElement + 1) * itemSize > storage.size) {
      throw new FileFormatError(`Tensor "${name}" reaches past the end of its storage ${storageName}`, start);
    }
    return {
      name,
      layout: {
        dtype,
        shape: tensor.shape,
        strides: tensor.stride,
        byteOffset: start + tensor.offset * itemSize,
        littleEndian: byteorder !== 'big',
      },
    };
  });
}
