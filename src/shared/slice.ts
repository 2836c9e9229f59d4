// One H×W slice of an N-D input: an index for every leading axis (all but the
// last two), as tensor[i, j, :, :] picks it. In C order the slice is one
// contiguous run of H·W values, so showing it is a matter of an offset. Pure.

/** How many leading axes a slice fixes: rank − 2, or 0 when the input has fewer than 3 axes (nothing to pick). */
export function sliceRank(shape: readonly number[]): number {
  return shape.length >= 3 ? shape.length - 2 : 0;
}

/** True when `slice` names an existing slice of `shape`: one whole, in-range index per leading axis. */
export function isSliceOf(slice: unknown, shape: readonly number[]): slice is number[] {
  const rank = sliceRank(shape);
  return (
    rank > 0 &&
    Array.isArray(slice) &&
    slice.length === rank &&
    slice.every((index, axis) => typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 && index < shape[axis])
  );
}

/** Values in one slice: the product of the last two axes. */
export function sliceSize(shape: readonly number[]): number {
  return shape.length >= 2 ? shape[shape.length - 2] * shape[shape.length - 1] : 0;
}

/** The flat (C order) index of the slice's first value. The slice must satisfy isSliceOf. */
export function sliceOffset(shape: readonly number[], slice: readonly number[]): number {
  let offset = 0;
  for (let axis = 0; axis < slice.length; axis++) offset = offset * shape[axis] + slice[axis];
  return offset * sliceSize(shape);
}
