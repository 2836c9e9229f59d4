// A part of a tensor too large to read whole: an index per leading axis (x[3] of a 64×512×512
// tensor is one 512×512 slice), then the first rows of the next axis (x[3, :100]). In any layout
// (C, Fortran, a transposed torch view) the part is the same layout with an offset and fewer axes,
// so reading it touches only its own elements.
import { type ElementLayout, ITEM_SIZE } from './elements';
import { FileFormatError } from './error';

/** Which part of a tensor to read: `index` fixes the leading axes, `rows` keeps the first rows of the next one. */
export interface TensorSlice {
  index?: number[];
  rows?: number;
}

/** Why `slice` is not a part of a tensor of `shape` (an index out of range, no axis left…), or undefined when it is. */
export function sliceProblem(shape: readonly number[], slice: TensorSlice): string | undefined {
  const index = slice.index ?? [];
  if (!Array.isArray(index)) return 'The index must be a list of whole numbers, one per leading axis';
  if (index.length > 0 && index.length >= shape.length) {
    return `An index for ${index.length} axes leaves nothing of a tensor with ${shape.length}: give at most ${Math.max(0, shape.length - 1)}`;
  }
  for (let axis = 0; axis < index.length; axis++) {
    const i = index[axis];
    if (!Number.isSafeInteger(i) || i < 0 || i >= shape[axis])
      return `Index ${String(i)} is not in axis ${axis}, which runs from 0 to ${shape[axis] - 1}`;
  }
  const { rows } = slice;
  if (rows !== undefined && !(Number.isSafeInteger(rows) && rows >= 1)) return `A slice needs a whole number of rows from 1, not ${rows}`;
  return undefined;
}

/** The shape of the part: the axes after the index, the first of them cut to `rows` (a larger count keeps it all). */
export function slicedShape(shape: readonly number[], slice: TensorSlice): number[] {
  const rest = shape.slice(slice.index?.length ?? 0);
  if (slice.rows !== undefined && rest.length > 0) rest[0] = Math.min(rest[0], slice.rows);
  return rest;
}

/** True when the slice leaves the whole tensor. */
export function isWhole(shape: readonly number[], slice: TensorSlice): boolean {
  return !slice.index?.length && (slice.rows === undefined || shape.length === 0 || slice.rows >= shape[0]);
}

/** The layout of the part: the same strides past the index, starting at the indexed element. */
export function sliceLayout(layout: ElementLayout, slice: TensorSlice): ElementLayout {
  const problem = sliceProblem(layout.shape, slice);
  if (problem) throw new FileFormatError(problem, 0);
  const index = slice.index ?? [];
  const elements = index.reduce((sum, i, axis) => sum + i * layout.strides[axis], 0);
  return {
    ...layout,
    shape: slicedShape(layout.shape, slice),
    strides: layout.strides.slice(index.length),
    byteOffset: layout.byteOffset + elements * ITEM_SIZE[layout.dtype],
  };
}
