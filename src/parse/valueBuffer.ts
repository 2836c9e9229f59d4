// The values as they are read, stored in the precision they are bound for:
// values bound for float32 go straight into a Float32Array (storing a double
// rounds it to nearest, as converting afterwards would), so a large input is
// never held twice. The buffer starts at the most values the text can hold
// (one digit and one separator each, at most maxValues); the pages a typed
// array never writes are never touched, so the guess costs address space,
// not memory, and the buffer never has to be copied to grow. Past a very
// large guess it doubles as it fills, and it refuses to grow past the caller's
// limit: a huge paste is turned away as soon as it is known to be too big.
import type { DType } from '../engine/types';
import { OverflowLog } from './overflow';
import type { ParseOptions } from './types';

export class TooManyValues extends Error {}

/** The largest buffer allocated up front; beyond it the buffer grows as values arrive. */
const MAX_INITIAL_CAPACITY = 1 << 27;

/** The most values a text of this length can hold: one character and one separator each. */
export function mostValuesIn(textLength: number, maxValues: number): number {
  return Math.max(1, Math.min(maxValues, Math.ceil((textLength + 1) / 2), MAX_INITIAL_CAPACITY));
}

/** The dtype the values are read to and the most there may be, from the caller's options. */
export function valueOptions(options: ParseOptions): { dtype: DType; maxValues: number } {
  return {
    dtype: options.dtype === 'float64' ? 'float64' : 'float32',
    maxValues: options.maxValues !== undefined && options.maxValues >= 0 ? Math.floor(options.maxValues) : Infinity,
  };
}

export class ValueBuffer {
  data: Float32Array | Float64Array;
  length = 0;
  /** The first values too large for float32 and for float64, noted by the scanners that fill this buffer. */
  readonly overflows = new OverflowLog();

  /** @param precision the dtype the values are stored in until toTypedArray. */
  constructor(
    readonly maxValues: number,
    initialCapacity: number,
    readonly precision: DType,
  ) {
    const capacity = Math.max(1, Math.min(initialCapacity, maxValues));
    this.data = precision === 'float32' ? new Float32Array(capacity) : new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  private grow(): void {
    if (this.length >= this.maxValues) throw new TooManyValues();
    const capacity = Math.min(this.data.length * 2, this.maxValues);
    const bigger = this.precision === 'float32' ? new Float32Array(capacity) : new Float64Array(capacity);
    bigger.set(this.data);
    this.data = bigger;
  }

  /**
   * The values in the requested precision; float32 rounds each double to nearest, as Float32Array does.
   * A buffer the values fill exactly is returned as it is; otherwise they are copied out, so the array's
   * buffer holds the values alone.
   */
  toTypedArray(dtype: DType): Float32Array | Float64Array {
    const filled = this.data.subarray(0, this.length);
    if (dtype !== this.precision) return dtype === 'float32' ? new Float32Array(filled) : new Float64Array(filled);
    if (this.length === this.data.length) return this.data;
    return filled.slice();
  }
}
