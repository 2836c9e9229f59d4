// The element types tensor files store, and how their bytes become the playground's float32 or
// float64 values: float64 stays float64, every other type becomes float32 (exactly, except integers
// beyond 2^24). Strided and Fortran-ordered layouts are gathered into C order.
import type { DType, Tensor } from '../../engine/types';
import { FileFormatError } from './error';

export type FileDType =
  'float16' | 'bfloat16' | 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool';

export const ITEM_SIZE: Record<FileDType, number> = {
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
};

/** Where a tensor's elements are in the file: element (i0, i1, …) is at `offset + Σ ik·strides[k]` items. */
export interface ElementLayout {
  dtype: FileDType;
  shape: number[];
  /** In elements, per axis. */
  strides: number[];
  /** Byte offset of element (0, …, 0) in `bytes`. */
  byteOffset: number;
  littleEndian: boolean;
}

/** True on a little-endian machine (every one JavaScript runs on in practice), whose typed arrays read little-endian bytes. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** C-order strides (in elements) of `shape`. */
export function cStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = step;
    step *= shape[k];
  }
  return strides;
}

/** Fortran-order strides (in elements) of `shape`. */
export function fStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let k = 0; k < shape.length; k++) {
    strides[k] = step;
    step *= shape[k];
  }
  return strides;
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

const bfloatScratch = new DataView(new ArrayBuffer(4));

/** Reads one element at `byte` as a number. */
function readerFor(view: DataView, dtype: FileDType, little: boolean): (byte: number) => number {
  switch (dtype) {
    case 'float16':
      return (b) => halfToFloat(view.getUint16(b, little));
    case 'bfloat16':
      return (b) => {
        bfloatScratch.setUint32(0, view.getUint16(b, little) << 16);
        return bfloatScratch.getFloat32(0);
      };
    case 'float32':
      return (b) => view.getFloat32(b, little);
    case 'float64':
      return (b) => view.getFloat64(b, little);
    case 'int8':
      return (b) => view.getInt8(b);
    case 'uint8':
      return (b) => view.getUint8(b);
    case 'bool':
      return (b) => (view.getUint8(b) === 0 ? 0 : 1);
    case 'int16':
      return (b) => view.getInt16(b, little);
    case 'uint16':
      return (b) => view.getUint16(b, little);
    case 'int32':
      return (b) => view.getInt32(b, little);
    case 'uint32':
      return (b) => view.getUint32(b, little);
    case 'int64':
      return (b) => Number(view.getBigInt64(b, little));
    case 'uint64':
      return (b) => Number(view.getBigUint64(b, little));
  }
}

/** The bytes a non-empty layout's elements lie in: from `firstByte` up to (not including) `endByte`. */
export function byteSpan(layout: ElementLayout): { firstByte: number; endByte: number } {
  let first = 0;
  let last = 0;
  layout.shape.forEach((d, k) => (layout.strides[k] < 0 ? (first += (d - 1) * layout.strides[k]) : (last += (d - 1) * layout.strides[k])));
  const size = ITEM_SIZE[layout.dtype];
  return { firstByte: layout.byteOffset + first * size, endByte: layout.byteOffset + (last + 1) * size };
}

/** True when the elements follow each other in C order, little-endian: their bytes are the tensor as it is. */
export function isPackedLittleEndian(layout: ElementLayout): boolean {
  const c = cStrides(layout.shape);
  return (layout.littleEndian || ITEM_SIZE[layout.dtype] === 1) && layout.strides.every((s, k) => s === c[k] || layout.shape[k] === 1);
}

/**
 * The layout's elements as raw bytes in C order, little-endian, of the same dtype (nothing converted):
 * a transposed or big-endian tensor made packed, for a file that holds it alone. `bytes` must hold the span;
 * `out`, when given, is written and returned (it must hold the elements).
 */
export function packElements(bytes: Uint8Array, layout: ElementLayout, out?: Uint8Array): Uint8Array {
  const size = ITEM_SIZE[layout.dtype];
  const n = elementCount(layout.shape);
  out ??= new Uint8Array(n * size);
  const rank = layout.shape.length;
  const index = new Array<number>(rank).fill(0);
  // A big-endian element's bytes are copied in reverse.
  const reverse = !layout.littleEndian && size > 1;
  let position = 0;
  for (let i = 0; i < n; i++) {
    const from = layout.byteOffset + position * size;
    for (let b = 0; b < size; b++) out[i * size + b] = bytes[reverse ? from + size - 1 - b : from + b];
    for (let k = rank - 1; k >= 0; k--) {
      if (++index[k] < layout.shape[k]) {
        position += layout.strides[k];
        break;
      }
      position -= (layout.shape[k] - 1) * layout.strides[k];
      index[k] = 0;
    }
  }
  return out;
}

/** More values than a typed array of float64 can hold in 8 GB: a shape past it is a damaged header. */
export const MAX_ELEMENTS = 2 ** 30;

/** The playground's dtype for a file's element type. */
export function playgroundDType(dtype: string): DType {
  return dtype === 'float64' ? 'float64' : 'float32';
}

/**
 * The tensor the layout describes, in C order. Checks first that every element lies inside `bytes`,
 * so a lying header is an error, never a read out of range. Contiguous float32 and float64 in the
 * machine's byte order need no conversion: when they fill most of `bytes`' buffer (a .npy, a member
 * read alone) and are aligned, the tensor is a view of that memory, so the caller must not change
 * those bytes while the tensor is used; otherwise they are copied in one go, so the rest of the file
 * can be freed.
 */
export function readElements(bytes: Uint8Array, layout: ElementLayout): Tensor {
  const { dtype, shape, strides, byteOffset, littleEndian } = layout;
  const n = elementCount(shape);
  const size = ITEM_SIZE[dtype];
  const empty = () => (playgroundDType(dtype) === 'float64' ? new Float64Array(0) : new Float32Array(0));
  if (n === 0) return { shape: [...shape], dtype: playgroundDType(dtype), data: empty() };
  // Strides of 0 can make a small storage look huge: refuse before allocating.
  if (n > MAX_ELEMENTS)
    throw new FileFormatError(`The tensor's shape ${shape.join('×')} holds ${n} values, more than one array can`, byteOffset);
  const { firstByte, endByte } = byteSpan(layout);
  if (firstByte < 0 || endByte > bytes.length) {
    throw new FileFormatError(
      `The tensor's ${n} values need bytes ${firstByte} to ${endByte}, but the file ends at ${bytes.length}`,
      bytes.length,
    );
  }
  const contiguous = strides.every((s, k) => s === cStrides(shape)[k]);
  if (contiguous && (dtype === 'float32' || dtype === 'float64') && littleEndian === HOST_LITTLE_ENDIAN) {
    return { shape: [...shape], dtype, data: nativeElements(bytes, bytes.byteOffset + byteOffset, n, dtype) };
  }
  const out = playgroundDType(dtype) === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = readerFor(view, dtype, littleEndian);
  if (contiguous) {
    for (let i = 0, b = byteOffset; i < n; i++, b += size) out[i] = read(b);
  } else {
    // Walk the C-order index, keeping the source position incrementally.
    const rank = shape.length;
    const index = new Array<number>(rank).fill(0);
    let position = 0;
    for (let i = 0; i < n; i++) {
      out[i] = read(byteOffset + position * size);
      for (let k = rank - 1; k >= 0; k--) {
        if (++index[k] < shape[k]) {
          position += strides[k];
          break;
        }
        position -= (shape[k] - 1) * strides[k];
        index[k] = 0;
      }
    }
  }
  return { shape: [...shape], dtype: playgroundDType(dtype), data: out };
}

/** n native float32/float64 values at `start` of `bytes`' buffer: a view when they fill most of it and are aligned, else a copy. */
function nativeElements(bytes: Uint8Array, start: number, n: number, dtype: 'float32' | 'float64'): Float32Array | Float64Array {
  const Values = dtype === 'float64' ? Float64Array : Float32Array;
  const length = n * Values.BYTES_PER_ELEMENT;
  const buffer = bytes.buffer as ArrayBuffer;
  if (start % Values.BYTES_PER_ELEMENT === 0 && 2 * length >= buffer.byteLength) return new Values(buffer, start, n);
  return new Values(buffer.slice(start, start + length));
}
