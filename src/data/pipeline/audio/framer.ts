/**
 * Cuts a PCM16 stream arriving in arbitrary chunks (network packets, file reads, TTS chunks)
 * into frames of exactly `samplesPerFrame` samples — the 20 ms frames the VAD and transports
 * work in. Keeps the remainder between pushes.
 */
export class Framer {
  private pending: Int16Array;
  private pendingLength = 0;

  constructor(readonly samplesPerFrame: number) {
    if (!Number.isInteger(samplesPerFrame) || samplesPerFrame <= 0) {
      throw new RangeError(`samplesPerFrame must be a positive integer, got ${samplesPerFrame}`);
    }
    this.pending = new Int16Array(samplesPerFrame);
  }

  /** Samples held back, waiting for a whole frame. */
  get bufferedSamples(): number {
    return this.pendingLength;
  }

  /** Every whole frame completed by `chunk`, in order; each frame is a fresh array. */
  push(chunk: Int16Array): Int16Array[] {
    const frames: Int16Array[] = [];
    let offset = 0;
    if (this.pendingLength > 0) {
      const needed = this.samplesPerFrame - this.pendingLength;
      const taken = Math.min(needed, chunk.length);
      this.pending.set(chunk.subarray(0, taken), this.pendingLength);
      this.pendingLength += taken;
      offset = taken;
      if (this.pendingLength < this.samplesPerFrame) return frames;
      frames.push(this.pending.slice());
      this.pendingLength = 0;
    }
    while (chunk.length - offset >= this.samplesPerFrame) {
      frames.push(chunk.slice(offset, offset + this.samplesPerFrame));
      offset += this.samplesPerFrame;
    }
    this.pending.set(chunk.subarray(offset), 0);
    this.pendingLength = chunk.length - offset;
    return frames;
  }

  /** The last partial frame, zero-padded to a whole frame; `undefined` when nothing is held. */
  flush(): Int16Array | undefined {
    if (this.pendingLength === 0) return undefined;
    const frame = new Int16Array(this.samplesPerFrame);
    frame.set(this.pending.subarray(0, this.pendingLength));
    this.pendingLength = 0;
    return frame;
  }
}
