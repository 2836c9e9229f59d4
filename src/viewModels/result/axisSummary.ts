// The fraction of the mask kept per index along each axis of an N-D input: per
// channel, per sample, per row… It is where channel-wise dropout shows: when
// one mask value is shared along every axis but one, each index along that
// axis is wholly kept or wholly dropped (fractions exactly 0 or 1). Computed in
// one pass over the mask; long axes are cut down to at most MAX_AXIS_ENTRIES
// entries of neighbouring indices, so what reaches the webview stays small. Pure.
import type { AxisSummary } from '../../shared/viewModel';

/** Largest number of entries per axis sent to the webview. */
export const MAX_AXIS_ENTRIES = 256;

/**
 * Kept units per index along every axis, in one pass over `mask` (C order,
 * 1 = kept): result[axis][index]. Rows of the last axis are summed once and
 * the row's sum credited to each leading axis's current index, so the work is
 * one add per value plus one per axis per row.
 */
export function keptPerIndex(mask: Uint8Array, shape: readonly number[]): Float64Array[] {
  const rank = shape.length;
  const counts = shape.map((length) => new Float64Array(length));
  if (rank === 0 || mask.length === 0) return counts;
  const width = shape[rank - 1];
  const last = counts[rank - 1];
  const leading = rank - 1;
  const index = new Array<number>(leading).fill(0);
  for (let start = 0; start < mask.length; start += width) {
    let rowKept = 0;
    for (let j = 0; j < width; j++) {
      const m = mask[start + j];
      rowKept += m;
      last[j] += m;
    }
    for (let axis = 0; axis < leading; axis++) counts[axis][index[axis]] += rowKept;
    // Next row: advance the leading axes' odometer, last of them fastest.
    for (let axis = leading - 1; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return counts;
}

/**
 * One summary per axis for inputs of 2 or more axes (none for 1-D or empty
 * inputs: one axis has nothing to compare against). An axis longer than
 * `maxEntries` is cut into runs of `indicesPerEntry` neighbouring indices
 * (the last run may be shorter); each entry then holds the run's pooled
 * fraction and the smallest and largest per-index fraction in it.
 */
export function summariseAxes(mask: Uint8Array, shape: readonly number[], maxEntries = MAX_AXIS_ENTRIES): AxisSummary[] {
  const n = mask.length;
  if (shape.length < 2 || n === 0) return [];
  const perIndex = keptPerIndex(mask, shape);
  return shape.map((length, axis) => {
    const unitsPerIndex = n / length;
    const indicesPerEntry = Math.max(1, Math.ceil(length / Math.max(1, maxEntries)));
    const entries = Math.ceil(length / indicesPerEntry);
    const kept = new Float64Array(entries);
    const fraction = new Float64Array(entries);
    const min = new Float64Array(entries).fill(Infinity);
    const max = new Float64Array(entries).fill(-Infinity);
    const counts = perIndex[axis];
    for (let i = 0; i < length; i++) {
      const e = (i / indicesPerEntry) | 0;
      const f = counts[i] / unitsPerIndex;
      kept[e] += counts[i];
      if (f < min[e]) min[e] = f;
      if (f > max[e]) max[e] = f;
    }
    for (let e = 0; e < entries; e++) {
      const indices = Math.min(indicesPerEntry, length - e * indicesPerEntry);
      fraction[e] = kept[e] / (indices * unitsPerIndex);
    }
    return { axis, length, indicesPerEntry, unitsPerIndex, kept, fraction, min, max };
  });
}
