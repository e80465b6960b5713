/**
 * When each stretch of a stream's audio reached the recogniser, so a provider can say how long
 * after the caller finished a word it reported that word: the word's end (an offset in the
 * stream's audio, from the recogniser's alignment) maps back to the monotonic time the audio
 * holding it was written. That delay is the ASR partial latency of blueprint §16, as streaming
 * vendors define it (ADR 0017); the time the caller spends saying the word is not part of it.
 */
export class AudioArrivalLog {
  /** Cumulative sample count at the end of each write, with its time; ascending. */
  private readonly writes: { endSample: number; atMs: number }[] = [];
  private writtenSamples = 0;
  /** Offsets up to this one were forgotten. */
  private forgottenUpToSample = 0;

  /** `samples` more audio was written at `atMs` (monotonic). */
  wrote(samples: number, atMs: number): void {
    if (samples <= 0) return;
    this.writtenSamples += samples;
    this.writes.push({ endSample: this.writtenSamples, atMs });
  }

  /** Samples written so far: the offset the next write starts at. */
  get totalSamples(): number {
    return this.writtenSamples;
  }

  /**
   * When the audio up to `sampleOffset` (exclusive) had all been written; undefined for an offset
   * not written yet or already forgotten.
   */
  arrivedAtMs(sampleOffset: number): number | undefined {
    if (sampleOffset > this.writtenSamples || sampleOffset <= this.forgottenUpToSample)
      return undefined;
    // Writes are few per second and old ones are forgotten: a linear scan is enough.
    for (const write of this.writes) if (write.endSample >= sampleOffset) return write.atMs;
    return undefined;
  }

  /** Drops what is wholly before `sampleOffset` (audio of utterances already finished). */
  forgetBefore(sampleOffset: number): void {
    let drop = 0;
    while (drop < this.writes.length && (this.writes[drop]?.endSample ?? 0) < sampleOffset) drop++;
    if (drop === 0) return;
    this.forgottenUpToSample = this.writes[drop - 1]?.endSample ?? this.forgottenUpToSample;
    this.writes.splice(0, drop);
  }
}
