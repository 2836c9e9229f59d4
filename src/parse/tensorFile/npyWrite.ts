// Arrays -> the bytes NumPy reads: a .npy file (format version 1.0, C order) and a .npz archive of
// several, as np.save and np.savez write them. The counterpart of the reader in npy.ts, with the
// same magic and type codes (npyFormat.ts). Pure, from typed arrays to bytes.
import { zipSync } from 'fflate';
import { elementCount, HOST_LITTLE_ENDIAN } from './elements';
import { NPY_HEADER_ALIGNMENT, NPY_MAGIC, npyTypeCode } from './npyFormat';

/** One array to write: float32 or float64 values, or a boolean mask (one byte per element, 0 or 1). */
export type NpyArray =
  | { dtype: 'float32'; shape: readonly number[]; data: Float32Array }
  | { dtype: 'float64'; shape: readonly number[]; data: Float64Array }
  | { dtype: 'bool'; shape: readonly number[]; data: Uint8Array };

/** The header's dict, as NumPy writes it: "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }". */
function headerDict(array: NpyArray): string {
  const code = npyTypeCode(array.dtype)!;
  // Typed arrays hold their elements in the platform's byte order: the descr says which it is.
  // One byte per element has no byte order: NumPy writes '|'.
  const order = array.dtype === 'bool' ? '|' : HOST_LITTLE_ENDIAN ? '<' : '>';
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  return `{'descr': '${order}${code}', 'fortran_order': False, 'shape': ${shape}, }`;
}

/** The .npy file of `array`: magic, version 1.0, the header padded with spaces to a 64-byte boundary and ended by "\n", then the data. */
export function npyBytes(array: NpyArray): Uint8Array {
  if (array.data.length !== elementCount(array.shape))
    throw new RangeError(`${array.data.length} values do not fill the shape (${array.shape.join(', ')})`);
  const dict = headerDict(array);
  const fixed = NPY_MAGIC.length + 2 + 2; // magic, version, header length
  const headerLength = Math.ceil((fixed + dict.length + 1) / NPY_HEADER_ALIGNMENT) * NPY_HEADER_ALIGNMENT - fixed;
  const values = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const bytes = new Uint8Array(fixed + headerLength + values.length);
  bytes.set(NPY_MAGIC, 0);
  bytes.set([1, 0], NPY_MAGIC.length);
  new DataView(bytes.buffer).setUint16(NPY_MAGIC.length + 2, headerLength, true);
  const header = dict.padEnd(headerLength - 1, ' ') + '\n';
  for (let i = 0; i < header.length; i++) bytes[fixed + i] = header.charCodeAt(i); // ASCII only
  bytes.set(values, fixed + headerLength);
  return bytes;
}

/** A .npz archive holding each array as "<name>.npy", stored uncompressed as np.savez does. */
export function npzBytes(arrays: Readonly<Record<string, NpyArray>>): Uint8Array {
  const members: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, array] of Object.entries(arrays)) members[`${name}.npy`] = [npyBytes(array), { level: 0 }];
  return zipSync(members);
}
