// A mask source whose consecutive draws form one continuous stream, so a
// caller may draw a long mask in blocks (interleaved with other work) and get
// exactly the mask one call would give. torch and fast are such streams; jax
// is not (each fillKeepMask call is a fresh fold_in), so it is never used in blocks.
import type { MaskSource } from '../types';

export interface StreamingMaskSource extends MaskSource {
  /** Fills mask[start..end), continuing the stream; the same draws as fillKeepMask in one go. */
  fillKeepMaskRange(mask: Uint8Array, start: number, end: number, keep: number): void;
}
