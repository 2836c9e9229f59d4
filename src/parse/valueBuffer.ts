// A growing Float64Array for the values as they are read. It doubles as it
// fills, so memory stays within twice the values actually present, and it
// refuses to grow past the caller's limit: a huge paste is turned away as soon
// as it is known to be too big, not after it has all been allocated.
import type { DType } from '../engine/types';
import { OverflowLog } from './overflow';

export class TooManyValues extends Error {}

export class ValueBuffer {
  data: Float64Array;
  length = 0;
  /** The first values too large for float32 and for float64, noted by the scanners that fill this buffer. */
  readonly overflows = new OverflowLog();

  constructor(
    readonly maxValues: number,
    initialCapacity = 1024,
  ) {
    this.data = new Float64Array(Math.max(1, Math.min(initialCapacity, maxValues)));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  private grow(): void {
    if (this.length >= this.maxValues) throw new TooManyValues();
    const bigger = new Float64Array(Math.min(this.data.length * 2, this.maxValues));
    bigger.set(this.data);
    this.data = bigger;
  }

  /** The values in the requested precision; float32 rounds each double to nearest, as Float32Array does. */
  toTypedArray(dtype: DType): Float32Array | Float64Array {
    const filled = this.data.subarray(0, this.length);
    if (dtype === 'float32') return new Float32Array(filled);
    return this.length === this.data.length ? this.data : filled.slice();
  }
}
