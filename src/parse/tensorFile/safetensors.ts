// The safetensors format: an 8-byte little-endian header size N, N bytes of JSON
// ({"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {…}}),
// then the data, little-endian and C-ordered, offsets counted from the end of the header.
import { cStrides, elementCount, type ElementLayout, type FileDType, ITEM_SIZE } from './elements';
import { FileFormatError } from './error';

const DTYPES: Record<string, FileDType> = {
  F16: 'float16',
  BF16: 'bfloat16',
  F32: 'float32',
  F64: 'float64',
  I8: 'int8',
  I16: 'int16',
  I32: 'int32',
  I64: 'int64',
  U8: 'uint8',
  U16: 'uint16',
  U32: 'uint32',
  U64: 'uint64',
  BOOL: 'bool',
};

/** Safetensors caps its header at 100 MB; a larger size is a corrupt file, not a header to read. */
const MAX_HEADER = 100_000_000;

/** The element type's code in the file's header ('F32', 'BF16', …). */
export function safetensorsDTypeCode(dtype: FileDType): string {
  const code = Object.keys(DTYPES).find((key) => DTYPES[key] === dtype);
  if (code === undefined) throw new Error(`no safetensors code for ${dtype}`);
  return code;
}

/** The header's size field: the bytes `8 + headerSize(bytes)` hold the whole header. */
export function safetensorsHeaderSize(bytes: Uint8Array, fileSize = bytes.length): number {
  if (bytes.length < 8) throw new FileFormatError('Not a safetensors file: shorter than its 8-byte header size', 0);
  const size = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (size > MAX_HEADER || 8 + size > fileSize)
    throw new FileFormatError(`The safetensors header size ${size} runs past the end of the file`, 0);
  return size;
}

/**
 * Every tensor in the file, in header order, with its layout. Only the header is read: `bytes` may
 * hold only the header, with `fileSize` the length of the whole file the offsets are checked against.
 */
export function safetensorsLayouts(bytes: Uint8Array, fileSize = bytes.length): { name: string; layout: ElementLayout }[] {
  const size = safetensorsHeaderSize(bytes, fileSize);
  if (8 + size > bytes.length) throw new FileFormatError(`The safetensors header size ${size} runs past the end of the file`, 0);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + size)));
  } catch (error) {
    throw new FileFormatError(`The safetensors header is not JSON: ${error instanceof Error ? error.message : String(error)}`, 8);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new FileFormatError('The safetensors header is not a JSON object', 8);
  const dataStart = 8 + size;
  const entries: { name: string; layout: ElementLayout }[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const info = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = typeof info?.dtype === 'string' ? DTYPES[info.dtype] : undefined;
    if (!dtype)
      throw new FileFormatError(`Tensor "${name}" has dtype ${JSON.stringify(info?.dtype)}, which the playground does not read`, 8);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new FileFormatError(`Tensor "${name}" has no valid shape`, 8);
    }
    const offsets = info.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
      offsets[0] > offsets[1]
    ) {
      throw new FileFormatError(`Tensor "${name}" has no valid data_offsets`, 8);
    }
    const [begin, end] = offsets as number[];
    if (end - begin !== elementCount(shape) * ITEM_SIZE[dtype]) {
      throw new FileFormatError(
        `Tensor "${name}" holds ${end - begin} bytes, but ${shape.join('×')} ${dtype} values need ${elementCount(shape) * ITEM_SIZE[dtype]}`,
        8,
      );
    }
    if (dataStart + end > fileSize) throw new FileFormatError(`Tensor "${name}" runs past the end of the file`, fileSize);
    entries.push({ name, layout: { dtype, shape, strides: cStrides(shape), byteOffset: dataStart + begin, littleEndian: true } });
  }
  return entries;
}
