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
 * 1 = kept, 0 = dropped): result[axis][index]. Each row of the last axis is
 * counted once (rowCounts) and the row's count credited to each leading axis's
 * current index, so the work is one add per value plus one per axis per row.
 */
export function keptPerIndex(mask: Uint8Array, shape: readonly number[]): Float64Array[] {
  const rank = shape.length;
  const counts = shape.map((length) => new Float64Array(length));
  if (rank === 0 || mask.length === 0) return counts;
  const width = shape[rank - 1];
  const rows = rowCounts(mask, width, counts[rank - 1]);
  const leading = rank - 1;
  const index = new Array<number>(leading).fill(0);
  for (let row = 0; row < rows.length; row++) {
    for (let axis = 0; axis < leading; axis++) counts[axis][index[axis]] += rows[row];
    // Next row: advance the leading axes' odometer, last of them fastest.
    for (let axis = leading - 1; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return counts;
}

/** Rows added in a packed word's byte lanes before they are emptied: a lane holds up to 255. */
const LANE_ROWS = 255;

/** Whether a Uint32 read of four bytes puts the first byte in its lowest 8 bits (true on every platform Node and browsers run on). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Adds the kept units of each column (index along the last axis, `width` of
 * them) into `columns` and returns the kept units of each row. When the rows
 * fall on 4-byte boundaries, four mask values are read as one 32-bit word:
 * its bytes, each 0 or 1, are added into four byte lanes of a column counter
 * at once, and summed for the row by one multiplication, so ten million
 * values take a quarter of the loop's turns.
 */
function rowCounts(mask: Uint8Array, width: number, columns: Float64Array): Float64Array {
  const rows = new Float64Array(mask.length / width);
  if (!LITTLE_ENDIAN || width % 4 !== 0 || mask.byteOffset % 4 !== 0) {
    for (let row = 0, start = 0; row < rows.length; row++, start += width) {
      let kept = 0;
      for (let j = 0; j < width; j++) {
        const m = mask[start + j];
        kept += m;
        columns[j] += m;
      }
      rows[row] = kept;
    }
    return rows;
  }
  const perRow = width / 4;
  const words = new Uint32Array(mask.buffer, mask.byteOffset, mask.length / 4);
  const lanes = new Uint32Array(perRow);
  for (let row = 0, start = 0; row < rows.length; row++, start += perRow) {
    let kept = 0;
    for (let k = 0; k < perRow; k++) {
      const word = words[start + k];
      lanes[k] += word;
      // The top byte of word × 0x01010101 is the sum of its four bytes (at most 4: no carries).
      kept += Math.imul(word, 0x01010101) >>> 24;
    }
    rows[row] = kept;
    if ((row + 1) % LANE_ROWS === 0 || row === rows.length - 1) {
      for (let k = 0; k < perRow; k++) {
        const lane = lanes[k];
        columns[4 * k] += lane & 0xff;
        columns[4 * k + 1] += (lane >>> 8) & 0xff;
        columns[4 * k + 2] += (lane >>> 16) & 0xff;
        columns[4 * k + 3] += lane >>> 24;
      }
      lanes.fill(0);
    }
  }
  return rows;
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
