// Shapes and broadcast masks. With broadcastDims, one mask element is shared
// by every element that differs only along those dims (torch's feature dropout
// on (N, C, 1, ...), Flax's broadcast_dims). The mask is drawn in C order over
// the reduced shape, then expanded.

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Validates broadcastDims against the rank: distinct integers in [0, rank). */
export function checkBroadcastDims(dims: readonly number[] | undefined, rank: number): number[] {
  if (dims === undefined) return [];
  if (!Array.isArray(dims)) throw new Error('broadcastDims must be an array of dimension indices.');
  const seen = new Set<number>();
  for (const d of dims) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d >= rank) {
      throw new Error(`broadcastDims entries must be integers in [0, ${rank}) for a tensor of rank ${rank}, got ${String(d)}.`);
    }
    if (seen.has(d)) throw new Error(`broadcastDims must not repeat a dimension, got ${d} twice.`);
    seen.add(d);
  }
  return [...seen].sort((a, b) => a - b);
}

/** The shape the mask is drawn on: the broadcast dims set to 1. */
export function reducedShape(shape: readonly number[], dims: readonly number[]): number[] {
  const r = shape.slice();
  for (const d of dims) r[d] = 1;
  return r;
}

/**
 * For every element of `shape` in C order, the C-order index of its mask
 * element in the reduced shape.
 */
export function groupIndex(shape: readonly number[], dims: readonly number[]): Int32Array {
  const rank = shape.length;
  const n = elementCount(shape);
  const out = new Int32Array(n);
  if (n === 0) return out;
  // Stride of each dim in the reduced shape; 0 along broadcast dims.
  const stride = new Array<number>(rank).fill(0);
  let s = 1;
  for (let d = rank - 1; d >= 0; d--) {
    const broadcast = dims.includes(d);
    stride[d] = broadcast ? 0 : s;
    s *= broadcast ? 1 : shape[d];
  }
  const idx = new Array<number>(rank).fill(0);
  let g = 0;
  for (let i = 0; i < n; i++) {
    out[i] = g;
    // Odometer step over the multi-index, updating the reduced offset.
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]++;
      g += stride[d];
      if (idx[d] < shape[d]) break;
      g -= stride[d] * idx[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** mask[i] = reduced[group[i]]. */
export function expandMask(reduced: Uint8Array, group: Int32Array, out: Uint8Array): void {
  for (let i = 0; i < group.length; i++) out[i] = reduced[group[i]];
}
