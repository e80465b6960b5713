/**
 * An {@link AudioTransport} over an audio file, for tests, benchmarks and
 * `voxeron call --in caller.wav --out agent.wav`. The caller's side is the file, cut into 20 ms
 * frames at the transport rate (paced in real time, or as fast as the consumer pulls); the
 * agent's side is a playback queue whose cursor moves with the inbound timeline — one inbound
 * frame is 20 ms of playback — so marks, `clear()` and the recording behave as on a phone line
 * whose far end is the file. After the file ends the line stays open on silence until `close()`
 * or `trailingSilenceMs`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { systemClock, delay, type Clock } from '../../../platform/clock.ts';
import { frameDurationMs, samplesPerFrame } from '../audio/audio-format.ts';
import { Framer } from '../audio/framer.ts';
import { resamplePcm16 } from '../audio/resample.ts';
import { readWav, writeWav } from '../audio/wav.ts';
import type { AudioTransport, TransportEvent } from './audio-transport.ts';

export interface FileTransportOptions {
  /**
   * Rate of the frames the transport emits and of the audio it plays.
   * @default the file's rate if 8 or 16 kHz, else 16000
   */
  sampleRateHz?: 8000 | 16000;
  /**
   * Pace inbound frames in real time (one per 20 ms); false: as fast as the consumer pulls.
   * @default true
   */
  realtime?: boolean;
  /** Silence after the file's end before the line closes by itself. @default 10000 */
  trailingSilenceMs?: number;
  /** Time source for real-time pacing. @default systemClock */
  clock?: Clock;
  /**
   * How to wait for the next frame's time (tests pass one that advances a ManualClock).
   * @default platform/clock `delay`
   */
  sleep?: (durationMs: number, signal: AbortSignal) => Promise<void>;
}

type QueuedOutput =
  { kind: 'audio'; pcm16: Int16Array; offset: number } | { kind: 'mark'; name: string };

export const defaultTrailingSilenceMs = 10_000;

export class FileAudioTransport implements AudioTransport {
  readonly sampleRateHz: 8000 | 16000;
  private readonly frames: Int16Array[];
  private readonly samplesPerFrame: number;
  private readonly realtime: boolean;
  private readonly trailingFrames: number;
  private readonly clock: Clock;
  private readonly sleep: (durationMs: number, signal: AbortSignal) => Promise<void>;
  private readonly output: QueuedOutput[] = [];
  private queuedSamples = 0;
  /** Events waiting to be yielded before the next frame (marks from `clear`, `closed`). */
  private readonly pending: TransportEvent[] = [];
  /** The agent track, one frame per inbound frame emitted. */
  private readonly playedFrames: Int16Array[] = [];
  private readonly closing = new AbortController();
  private closeReason: string | undefined;
  private started = false;

  private constructor(
    frames: Int16Array[],
    sampleRateHz: 8000 | 16000,
    options: FileTransportOptions,
  ) {
    this.frames = frames;
    this.sampleRateHz = sampleRateHz;
    this.samplesPerFrame = samplesPerFrame(sampleRateHz);
    this.realtime = options.realtime ?? true;
    this.trailingFrames = Math.ceil(
      (options.trailingSilenceMs ?? defaultTrailingSilenceMs) / frameDurationMs,
    );
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? delay;
  }

  /** A transport that plays `data` (a WAV file: PCM16, μ-law or A-law, any rate) as the caller. */
  static fromWav(data: Uint8Array, options: FileTransportOptions = {}): FileAudioTransport {
    const wav = readWav(data);
    const fileRate = wav.sampleRateHz;
    const rate =
      options.sampleRateHz ?? (fileRate === 8000 || fileRate === 16000 ? fileRate : 16000);
    const pcm16 = fileRate === rate ? wav.pcm16 : resamplePcm16(wav.pcm16, fileRate, rate);
    const framer = new Framer(samplesPerFrame(rate));
    const frames = framer.push(pcm16);
    const tail = framer.flush();
    if (tail) frames.push(tail);
    return new FileAudioTransport(frames, rate, options);
  }

  /** {@link fromWav} on the WAV file at `path`. */
  static async open(
    path: string,
    options: FileTransportOptions = {},
    signal?: AbortSignal,
  ): Promise<FileAudioTransport> {
    return FileAudioTransport.fromWav(new Uint8Array(await readFile(path, { signal })), options);
  }

  /** Length of the input file, in ms (whole frames). */
  get inputDurationMs(): number {
    return this.frames.length * frameDurationMs;
  }

  get bufferedMs(): number {
    return (this.queuedSamples * 1000) / this.sampleRateHz;
  }

  play(pcm16: Int16Array): void {
    if (this.closeReason !== undefined || pcm16.length === 0) return;
    this.output.push({ kind: 'audio', pcm16, offset: 0 });
    this.queuedSamples += pcm16.length;
  }

  mark(name: string): void {
    if (this.closeReason !== undefined) return;
    this.output.push({ kind: 'mark', name });
  }

  clear(): void {
    this.dropQueuedOutput();
  }

  async close(reason = 'closed by the agent'): Promise<void> {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    this.dropQueuedOutput();
    this.pending.push({ type: 'closed', reason });
    this.closing.abort();
  }

  /** The agent's audio as played, time-aligned with the input (silence where nothing played). */
  recording(): Int16Array {
    const out = new Int16Array(this.playedFrames.length * this.samplesPerFrame);
    this.playedFrames.forEach((frame, i) => out.set(frame, i * this.samplesPerFrame));
    return out;
  }

  /** The recording as a WAV file at the transport rate. */
  toWav(encoding: 'pcm16' | 'mulaw' | 'alaw' = 'pcm16'): Uint8Array {
    return writeWav(this.recording(), this.sampleRateHz, encoding);
  }

  async writeRecording(path: string, signal?: AbortSignal): Promise<void> {
    await writeFile(path, this.toWav(), { signal });
  }

  events(): AsyncIterable<TransportEvent> {
    if (this.started) throw new Error('FileAudioTransport.events() can be iterated once');
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<TransportEvent> {
    const startMs = this.clock.monotonicMs();
    const totalFrames = this.frames.length + this.trailingFrames;
    for (let index = 0; ; index++) {
      yield* this.drainPending();
      if (this.closeReason !== undefined) return;
      if (index >= totalFrames) {
        await this.close('input ended');
        continue;
      }
      if (this.realtime) {
        // Frame `index` covers [index × 20, (index + 1) × 20) ms: it exists once that has passed.
        const waitMs = startMs + (index + 1) * frameDurationMs - this.clock.monotonicMs();
        if (waitMs > 0) {
          try {
            await this.sleep(waitMs, this.closing.signal);
          } catch {
            continue; // closed while waiting: the loop yields `closed`
          }
        }
      }
      // The same 20 ms played whatever was queued before now; what the consumer queues in
      // answer to this frame plays from the next one on, as on a real line.
      this.advancePlayback();
      yield { type: 'audio', pcm16: this.frames[index] ?? new Int16Array(this.samplesPerFrame) };
    }
  }

  private *drainPending(): Generator<TransportEvent> {
    while (this.pending.length > 0) yield this.pending.shift() as TransportEvent;
  }

  /** Plays one frame's worth of queued audio; marks reached on the way are echoed as played. */
  private advancePlayback(): void {
    const played = new Int16Array(this.samplesPerFrame);
    let filled = 0;
    for (;;) {
      const head = this.output[0];
      if (!head) break;
      if (head.kind === 'mark') {
        this.output.shift();
        this.pending.push({ type: 'mark', name: head.name, played: true });
        continue;
      }
      if (filled === played.length) break;
      const take = Math.min(played.length - filled, head.pcm16.length - head.offset);
      played.set(head.pcm16.subarray(head.offset, head.offset + take), filled);
      filled += take;
      head.offset += take;
      this.queuedSamples -= take;
      if (head.offset === head.pcm16.length) this.output.shift();
    }
    this.playedFrames.push(played);
  }

  private dropQueuedOutput(): void {
    for (const item of this.output.splice(0)) {
      if (item.kind === 'mark') this.pending.push({ type: 'mark', name: item.name, played: false });
    }
    this.queuedSamples = 0;
  }
}
