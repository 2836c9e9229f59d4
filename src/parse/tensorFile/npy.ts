// NumPy's .npy format: the magic "\x93NUMPY", a version, a header length, then a Python dict literal
// ({'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }) padded with spaces, then the data.
// Only that literal is read, as text: nothing in it is evaluated.
import { cStrides, elementCount, type ElementLayout, fStrides, ITEM_SIZE } from './elements';
import { FileFormatError } from './error';
import { NPY_MAGIC, NPY_TYPE_CODES } from './npyFormat';

/** Bytes that hold the magic, the version and the header's length: enough for npyHeaderEnd. */
export const NPY_PREAMBLE = 12;

/** Where the header ends and the data begins, from the file's first bytes (at least NPY_PREAMBLE of them, or the whole file). */
export function npyHeaderEnd(prefix: Uint8Array, fileOffset: (position: number) => number = (position) => position): number {
  if (prefix.length < 10 || NPY_MAGIC.some((b, i) => prefix[i] !== b))
    throw new FileFormatError('Not a .npy file: it does not start with \\x93NUMPY', fileOffset(0));
  const major = prefix[6];
  if (major < 1 || major > 3) throw new FileFormatError(`Unknown .npy format version ${major}.${prefix[7]}`, fileOffset(6));
  const headerLengthSize = major === 1 ? 2 : 4;
  if (prefix.length < 8 + headerLengthSize) throw new FileFormatError('The .npy header is cut off', fileOffset(prefix.length));
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  return 8 + headerLengthSize + (major === 1 ? view.getUint16(8, true) : view.getUint32(8, true));
}

/**
 * The layout of the .npy file in `bytes`. `fileOffset` maps a position in `bytes` to one in the whole
 * file, for the offsets of errors (a .npz member that was deflated maps every position to its start).
 * `length` is the whole .npy's length when `bytes` holds only its header (a file read in ranges).
 */
export function npyLayout(
  bytes: Uint8Array,
  fileOffset: (position: number) => number = (position) => position,
  length = bytes.length,
): ElementLayout {
  const dataStart = npyHeaderEnd(bytes, fileOffset);
  const major = bytes[6];
  const headerStart = major === 1 ? 10 : 12;
  const headerLength = dataStart - headerStart;
  if (dataStart > Math.min(bytes.length, length))
    throw new FileFormatError(`The .npy header says it is ${headerLength} bytes long, past the end of the file`, fileOffset(8));
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const at = fileOffset(headerStart);

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header);
  if (!descr) {
    const structured = /'descr'\s*:\s*\[/.test(header);
    throw new FileFormatError(
      structured ? 'The .npy file holds a structured array (named fields), not numbers' : 'The .npy header has no descr',
      at,
    );
  }
  const code = descr[1];
  const order = code[0];
  const dtype = NPY_TYPE_CODES[code.slice(1)];
  if (!'<>|='.includes(order) || dtype === undefined) {
    const what =
      code.slice(1) === 'O' ? 'Python objects (dtype=object), which are never read' : `dtype ${code}, which the playground does not read`;
    throw new FileFormatError(`The .npy file holds ${what}`, at);
  }
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  if (!fortran) throw new FileFormatError('The .npy header has no fortran_order', at);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!shapeText) throw new FileFormatError('The .npy header has no shape', at);
  const shape = shapeText[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      if (!/^\d+L?$/.test(s)) throw new FileFormatError(`The .npy shape has a dimension "${s}"`, at);
      return Number.parseInt(s, 10);
    });
  const needed = elementCount(shape) * ITEM_SIZE[dtype];
  if (dataStart + needed > length) {
    throw new FileFormatError(
      `The .npy file is cut off: its ${elementCount(shape)} values need ${needed} bytes, ${length - dataStart} are there`,
      fileOffset(length),
    );
  }
  return {
    dtype,
    shape,
    strides: fortran[1] === 'True' ? fStrides(shape) : cStrides(shape),
    byteOffset: dataStart,
    littleEndian: order !== '>',
  };
}
