// What the values table's first column says for a unit: its flat (C order)
// index, and where that sits in the tensor when it has more than one axis.
// Pure (no DOM), unit-tested in Node.

/** The N-D index of a flat C-order index: the last axis varies fastest. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis];
    index[axis] = size > 0 ? rest % size : 0;
    rest = size > 0 ? Math.floor(rest / size) : 0;
  }
  return index;
}

/**
 * "51234", "7 (1, 3)" for a 2-D input, "51234 (3, 17, 2, 9)" for 4-D. With CSV
 * column names, the row (from 1, as a spreadsheet counts) and the column's name.
 */
export function rowLabel(flat: number, shape: readonly number[] | undefined, columnLabels?: readonly string[]): string {
  if (shape && shape.length === 2 && columnLabels && columnLabels.length === shape[1]) {
    const cols = shape[1];
    return `${flat} (row ${Math.floor(flat / cols) + 1}, ${columnLabels[flat % cols]})`;
  }
  if (!shape || shape.length < 2) return String(flat);
  return `${flat} (${unravelIndex(flat, shape).join(', ')})`;
}
