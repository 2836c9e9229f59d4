// A value the panel sent to the host and has not seen come back. A quick run of
// key presses on the p slider sends 0.51, 0.52, 0.53…; the host answers each in
// turn, so a state drawn for 0.51 may arrive after the slider shows 0.53. Moving
// the slider back to 0.51 then would make the next press step from there, and a
// step would be lost. Until the newest sent value comes back, the host's older
// states leave the control alone.

export class UnconfirmedValue<T> {
  private sent: T | undefined;

  /** The panel sent `value` to the host. */
  send(value: T): void {
    this.sent = value;
  }

  /** The host shows `value`: whether a control in use may show it too (it is not an older answer). */
  mayShow(value: T): boolean {
    if (this.sent === undefined) return true;
    if (value !== this.sent) return false;
    this.sent = undefined;
    return true;
  }

  /** Forgets the sent value: the host may have refused it, and the user has left the control. */
  forget(): void {
    this.sent = undefined;
  }
}
