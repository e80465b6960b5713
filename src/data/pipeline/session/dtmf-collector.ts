/**
 * Collects keypad digits into one caller turn: the digits so far are handed on when the caller
 * presses '#' or pauses (media time). Digits wait while the agent is still thinking.
 */
export class DtmfCollector {
  private digits = '';
  private lastAtMs = 0;
  private terminated = false;

  /** @param commitAfterMs pause after the last digit that ends the entry. @default 2000 */
  constructor(private readonly commitAfterMs = 2000) {}

  get pending(): boolean {
    return this.digits !== '';
  }

  push(digit: string, atMs: number): void {
    this.lastAtMs = atMs;
    if (digit === '#') this.terminated = this.digits !== '';
    else this.digits += digit;
  }

  /** The digits as one turn once '#' was pressed or the caller paused; empties the entry. */
  take(nowMs: number): string | undefined {
    if (this.digits === '') return undefined;
    if (!this.terminated && nowMs - this.lastAtMs < this.commitAfterMs) return undefined;
    const digits = this.digits;
    this.digits = '';
    this.terminated = false;
    return digits;
  }
}
