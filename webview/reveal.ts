// A section a command asked to bring into view. The request may come before
// the panel shows any result (the input is still being read, the sections are
// hidden): it is held until a result is on screen, then carried out once.
// Pure: main.ts does the scrolling.

export class PendingReveal<S extends string> {
  private pending: S | undefined;

  request(section: S): void {
    this.pending = section;
  }

  /** The section to scroll to now, when results are on screen (then forgotten); otherwise undefined, and it waits. */
  take(resultsShown: boolean): S | undefined {
    if (!resultsShown) return undefined;
    const section = this.pending;
    this.pending = undefined;
    return section;
  }
}
