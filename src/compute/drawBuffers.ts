// The buffers the engine draws into for the loaded input, kept from one run to
// the next: a typed array's first touch of each page costs more than the draw
// itself on a large input, so a change of p, seed, mode, convention or variant
// draws into memory already touched. Two sets, used in turn: a draw goes into
// the set the shown result does not use, so the result that window and
// maskRegion requests read is never half written.
//
// A draw keeps its mask and makes the outputs the panel asks for on request
// (leanDropout), so a set is a mask of n bytes; only a draw whose output does
// not follow from its mask (gaussian dropout, p = 1) keeps an output in its set
// too (4n bytes for float32). Memory, for n values of float32: the input (4n
// bytes) and the two masks, 6n bytes; up to 14n with outputs kept. A Monte
// Carlo job takes the spare set for its trials (and makes the output they
// write, 4n bytes); a run during the job makes a new spare set.
//
// A new input of the same size (a followed selection edited, a paused
// program's tensor at the next step, a re-saved file) takes the sets over, so
// its first draw does not pay for fresh pages either. Nor does the first draw
// of an input announced while its bytes are still being read (expect): its
// mask is made and touched then, while this thread is idle.
import { buffersFit } from '../engine';
import type { DropoutBuffers, Tensor } from '../engine/types';

export class DrawBuffers {
  /** The input the sets were drawn for; another input drops them. */
  private owner: Tensor | undefined;
  private sets: [DropoutBuffers, DropoutBuffers] = [{}, {}];
  /** The set holding the shown result. */
  private shown = 0;
  /** A set made ahead for an input on its way (see expect), taken by adopt when it fits. */
  private expected: DropoutBuffers | undefined;

  /**
   * An input of n values is on its way: makes the mask its first draw goes into
   * and touches every page of it now, unless the sets held already fit such an
   * input (a new input of the same size takes them over).
   */
  expect(n: number): void {
    if (this.owner?.data.length === n || this.expected?.mask?.length === n) return;
    // A new typed array is zeroed lazily by the system: writing it is what makes its pages.
    this.expected = { mask: new Uint8Array(n).fill(0) };
  }

  /** The set to draw the next result of `x` into (empty at first: the engine allocates it). */
  spare(x: Tensor): DropoutBuffers {
    this.own(x);
    return this.sets[1 - this.shown];
  }

  /** The draw into the spare set succeeded and is now shown: keeps what it wrote, and the other set becomes the spare. */
  show(x: Tensor, drawn: DropoutBuffers): void {
    this.own(x);
    this.sets[1 - this.shown] = { ...drawn };
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
    if (expected && !this.sets[1].mask && buffersFit(x, expected)) this.sets[1] = expected;
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
