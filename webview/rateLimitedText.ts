// Text for a polite live region that may change many times a second (a slider
// drag redraws the mask every frame): a screen reader would queue every
// version. The first change is written at once; during a burst at most one
// write per interval, and the latest text always arrives at the end. Pure
// apart from the timer it is given, so the unit tests drive the clock.

export interface Timer {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

export class RateLimitedText {
  private written: string | undefined;
  private writtenAt = -Infinity;
  private pending: string | undefined;
  private scheduled = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly intervalMs: number,
    private readonly timer: Timer,
  ) {}

  /** Says `text`, now or once the interval since the last write has passed; the same words are never said twice in a row. */
  say(text: string): void {
    this.pending = text;
    if (this.scheduled) return;
    const wait = this.writtenAt + this.intervalMs - this.timer.now();
    if (wait <= 0) this.flush();
    else {
      this.scheduled = true;
      this.timer.setTimeout(() => {
        this.scheduled = false;
        this.flush();
      }, wait);
    }
  }

  private flush(): void {
    const text = this.pending;
    this.pending = undefined;
    if (text === undefined || text === this.written) return;
    this.written = text;
    this.writtenAt = this.timer.now();
    this.write(text);
  }
}
