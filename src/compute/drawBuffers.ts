// The buffers the engine draws into for the loaded input, kept from one run to
// the next: a typed array's first touch of each page costs more than the draw
// itself on a large input, so a change of p, seed, mode, convention or variant
// draws into memory already touched. Two sets, used in turn: a draw goes into
// the set the shown result does not use, so the result that window and
// maskRegion requests read is never half written.
//
// Memory, for n values of float32 (4n bytes): the input, plus per set a mask
// (n bytes) and an output (4n bytes): 4n + 2 * 5n = 14n bytes, 3.5x the input.
// A Monte Carlo job takes the spare set for its trials instead of making its
// own; a run during the job makes a new spare set (19n bytes until the job ends).
//
// A new input of the same size and dtype (a followed selection edited, a
// paused program's tensor at the next step, a re-saved file) takes the sets
// over, so its first draw does not pay for fresh pages either. Nor does the
// first draw of an input announced while its bytes are still being read
// (expect): one set is made and touched then, while this thread is idle.
import { buffersFit } from '../engine';
import type { DropoutBuffers, DType, Tensor } from '../engine/types';

export class DrawBuffers {
  /** The input the sets were drawn for; another input drops them. */
  private owner: Tensor | undefined;
  private sets: [DropoutBuffers, DropoutBuffers] = [{}, {}];
  /** The set holding the shown result. */
  private shown = 0;
  /** A set made ahead for an input on its way (see expect), taken by adopt when it fits. */
  private expected: DropoutBuffers | undefined;

  /**
   * An input of n values of `dtype` is on its way: makes the set its first draw
   * goes into and touches every page of it now, unless the sets held already
   * fit such an input (a new input of the same size and dtype takes them over).
   */
  expect(n: number, dtype: DType): void {
    const fits = (values: Float32Array | Float64Array | undefined) =>
      values?.length === n && values instanceof (dtype === 'float64' ? Float64Array : Float32Array);
    if (fits(this.owner?.data) || fits(this.expected?.output)) return;
    const mask = new Uint8Array(n);
    const output = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
    // New typed arrays are zeroed lazily by the system: writing them is what makes their pages.
    mask.fill(0);
    output.fill(0);
    this.expected = { mask, output };
  }

  /** The set to draw the next result of `x` into (empty at first: the engine allocates it). */
  spare(x: Tensor): DropoutBuffers {
    this.own(x);
    return this.sets[1 - this.shown];
  }

  /** The draw into the spare set succeeded and is now shown: keeps its buffers, and the other set becomes the spare. */
  show(x: Tensor, drawn: Required<DropoutBuffers>): void {
    this.own(x);
    this.sets[1 - this.shown] = { mask: drawn.mask, output: drawn.output };
    this.shown = 1 - this.shown;
  }

  /** Hands the spare set over for good (a Monte Carlo job's trials); the next draw makes a new one. */
  lend(x: Tensor): DropoutBuffers {
    const set = this.spare(x);
    this.sets[1 - this.shown] = {};
    return set;
  }

  /** A new input was read: the sets are kept for it when they fit it, dropped otherwise; the set expected for it is taken. */
  adopt(x: Tensor): void {
    const expected = this.expected;
    this.expected = undefined;
    if (!this.sets.every((set) => buffersFit(x, set))) this.clear();
    if (expected && !this.sets[1].output && buffersFit(x, expected)) this.sets[1] = expected;
    this.owner = x;
    this.shown = 0;
  }

  /** Drops the sets (the input could not be read), so their memory can be freed. */
  clear(): void {
    this.owner = undefined;
    this.sets = [{}, {}];
    this.shown = 0;
  }

  private own(x: Tensor): void {
    if (this.owner === x) return;
    this.clear();
    this.owner = x;
  }
}
