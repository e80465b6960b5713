/**
 * The last few hundred milliseconds of caller audio, kept while nobody is speaking. The VAD
 * reports speech a little after it began (it needs several frames to be sure); writing the
 * pre-roll to the recogniser first keeps word onsets ("two pizzas" instead of "o pizzas").
 */
export class PreRollBuffer {
  private readonly frames: Int16Array[] = [];
  private durationMs = 0;

  /** @param capacityMs how much audio to keep; 300 ms covers a VAD's start delay. */
  constructor(private readonly capacityMs = 300) {}

  push(frame: Int16Array, frameMs: number): void {
    this.frames.push(frame);
    this.durationMs += frameMs;
    while (this.frames.length > 1 && this.durationMs - frameMs >= this.capacityMs) {
      this.frames.shift();
      this.durationMs -= frameMs;
    }
  }

  /** Returns the buffered frames, oldest first, and empties the buffer. */
  drain(): Int16Array[] {
    const frames = this.frames.splice(0);
    this.durationMs = 0;
    return frames;
  }
}
