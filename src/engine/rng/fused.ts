// A mask source that can also run the whole multiplicative dropout in one
// fused pass (draw, apply, sum), for the conventions whose streams the engine
// owns (torch, fast). The generic route, one fillKeepMask per draw then the
// output rule, gives the same numbers; this one just never re-reads the mask.
import type { MaskSource } from '../types';

export interface FusedMaskSource extends MaskSource {
  /**
   * Draws mask[0..n) for keep probability `keep`, continuing the stream
   * exactly as fillKeepMask would; writes out[i] = x[i] * table[mask[i]]
   * rounded to out's type (table = [0, scale]); adds to the compensated
   * accumulators in `acc` (see Slot in kernels.ts) the sum of out to
   * Slot.Out, of x * mask to Slot.Unscaled, of x to Slot.X and of x^2 to
   * Slot.X2. Returns the number kept.
   */
  dropoutMultiply(
    x: Float32Array | Float64Array,
    out: Float32Array | Float64Array,
    mask: Uint8Array,
    keep: number,
    table: Float64Array,
    acc: Float64Array,
  ): number;
}
