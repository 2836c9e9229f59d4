// The values the panel sent to the host and drew itself ahead of its answer. The host answers each
// in turn (or only the newest, when it is busy), so an update for an older value can arrive after
// the panel drew a newer one: drawing that update would step the panel back, then forward again.

export class SentValues<T> {
  private sent: T[] = [];

  /** The panel sent `value` and drew it. */
  send(value: T): void {
    this.sent.push(value);
  }

  get waiting(): boolean {
    return this.sent.length > 0;
  }

  /**
   * The host shows `value`: the newest value sent after it, which the panel should keep drawing,
   * or undefined when the host has caught up. Answers come in the order sent, so `value` answers
   * its oldest sending. A value the panel never sent means the host moved on its own (a command,
   * another input): nothing sent before is waiting any more.
   */
  answer(value: T): T | undefined {
    const i = this.sent.indexOf(value);
    this.sent = i < 0 ? [] : this.sent.slice(i + 1);
    return this.sent.at(-1);
  }
}
