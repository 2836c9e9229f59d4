// Numbers too large for the dtype they are stored in: 1e308 read as float32
// silently becomes Infinity. The scanner notes the first such number for each
// dtype (only its slow paths can overflow: Clinger's fast path stays below
// 9.1e37, under float32's largest 3.4e38), so the panel can warn where it is.

export class OverflowLog {
  /** Text offsets [start, end) of the first number past float32's range; start −1 while there is none. */
  float32Start = -1;
  float32End = -1;
  /** The same for float64 (a number past it also overflows float32). */
  float64Start = -1;
  float64End = -1;

  /** Called with every value a slow path read from digits, and where its text is. */
  note(value: number, start: number, end: number): void {
    if (this.float32Start < 0 && !Number.isFinite(Math.fround(value))) {
      this.float32Start = start;
      this.float32End = end;
    }
    if (this.float64Start < 0 && !Number.isFinite(value)) {
      this.float64Start = start;
      this.float64End = end;
    }
  }

  /** The first overflowing number's text offsets for a dtype, or undefined. */
  first(dtype: 'float32' | 'float64'): { start: number; end: number } | undefined {
    const start = dtype === 'float32' ? this.float32Start : this.float64Start;
    const end = dtype === 'float32' ? this.float32End : this.float64End;
    return start < 0 ? undefined : { start, end };
  }
}
