// The facts of NumPy's .npy format that its reader (npy.ts) and its writer (npyWrite.ts) share: the
// magic bytes and the type codes of the header's descr ('<f4', '|b1', …). Defined once, so what the
// playground writes is what it reads.
import type { FileDType } from './elements';

/** Every .npy file starts with "\x93NUMPY". */
export const NPY_MAGIC: readonly number[] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** NumPy's type codes (the descr without its byte-order mark) for the element types the playground reads. */
export const NPY_TYPE_CODES: Readonly<Record<string, FileDType>> = {
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  b1: 'bool',
};

/** The type code of `dtype` ('float32' → 'f4'); undefined for a type .npy files do not have (bfloat16). */
export function npyTypeCode(dtype: FileDType): string | undefined {
  return Object.keys(NPY_TYPE_CODES).find((code) => NPY_TYPE_CODES[code] === dtype);
}

/** NumPy pads the header so the data starts at a multiple of this many bytes (format version 1.0 and later). */
export const NPY_HEADER_ALIGNMENT = 64;
