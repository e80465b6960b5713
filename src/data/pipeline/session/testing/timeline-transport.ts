/**
 * A transport for tests and benches of the voice session that runs on its own frame timeline:
 * it plays a scripted caller (tone bursts as speech, silence, DTMF, hang-up) one 20 ms frame at a
 * time, and "plays" the agent's queued audio 20 ms per frame, echoing marks as playback passes
 * them. Between frames it yields to the event loop (`tick`), so the session's asynchronous work
 * lands between frames as it would in real time, without depending on the wall clock.
 */
import type { SampleRateHz } from '../../audio/audio-format.ts';
import { frameDurationMs, samplesPerFrame } from '../../audio/audio-format.ts';
import type { AudioTransport, TransportEvent } from '../../transport/audio-transport.ts';

export type CallerStep =
  /** A tone burst the energy VAD hears as speech. */
  | { speechMs: number }
  | { silenceMs: number }
  /** Recorded caller audio at the transport rate. */
  | { pcm16: Int16Array }
  | { dtmf: string }
  /**
   * Waits in silence until the agent has said something (after this step began) and then been
   * quiet for `untilAgentQuietMs`; at most `maxMs`.
   */
  | { untilAgentQuietMs: number; maxMs?: number }
  | { hangUp: true };

export interface TimelineTransportOptions {
  sampleRateHz?: SampleRateHz;
  script: readonly CallerStep[];
  /** After the script: silence until the session hangs up or this much call time passed. @default 120000 */
  maxCallMs?: number;
  /** What runs between two frames. @default one setImmediate turn */
  tick?: () => Promise<void>;
  /** Keep the agent's audio for `agentAudio()`. @default true */
  record?: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class TimelineTransport implements AudioTransport {
  readonly sampleRateHz: SampleRateHz;
  /** Call time in ms: frames delivered × 20. */
  timelineMs = 0;
  /** Every event delivered and every command received, for assertions. */
  readonly log: ({ atMs: number } & (
    TransportEvent | { type: 'play' | 'clear'; samples: number }
  ))[] = [];
  closeReason: string | undefined;
  private queue: Int16Array[] = [];
  private queuedSamples = 0;
  /** Samples written to the outbound stream so far and samples played so far. */
  private writtenSamples = 0;
  private marks: { name: string; atSample: number }[] = [];
  /** Marks dropped by `clear()`, echoed unplayed before the next frame. */
  private pendingUnplayed: string[] = [];
  private readonly agentRecording: Int16Array[] = [];
  private lastAgentAudioMs = 0;
  private closed = false;

  constructor(private readonly options: TimelineTransportOptions) {
    this.sampleRateHz = options.sampleRateHz ?? 8000;
  }

  get bufferedMs(): number {
    return (this.queuedSamples * 1000) / this.sampleRateHz;
  }

  /** The agent's audio as the caller heard it, aligned to the call timeline. */
  agentAudio(): Int16Array {
    const total = this.agentRecording.reduce((sum, frame) => sum + frame.length, 0);
    const out = new Int16Array(total);
    let offset = 0;
    for (const frame of this.agentRecording) {
      out.set(frame, offset);
      offset += frame.length;
    }
    return out;
  }

  play(pcm16: Int16Array): void {
    if (this.closed) return;
    this.queue.push(pcm16);
    this.queuedSamples += pcm16.length;
    this.writtenSamples += pcm16.length;
    this.log.push({ atMs: this.timelineMs, type: 'play', samples: pcm16.length });
  }

  mark(name: string): void {
    if (this.closed) return;
    this.marks.push({ name, atSample: this.writtenSamples });
  }

  clear(): void {
    this.log.push({ atMs: this.timelineMs, type: 'clear', samples: this.queuedSamples });
    this.writtenSamples -= this.queuedSamples;
    this.queue = [];
    this.queuedSamples = 0;
    this.pendingUnplayed.push(...this.marks.map((mark) => mark.name));
    this.marks = [];
  }

  close(reason = 'closed'): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.closeReason = reason;
    }
    return Promise.resolve();
  }

  async *events(): AsyncIterable<TransportEvent> {
    const frameSamples = samplesPerFrame(this.sampleRateHz);
    const tick = this.options.tick ?? nextTurn;
    const maxCallMs = this.options.maxCallMs ?? 120_000;
    const emit = (event: TransportEvent) => {
      this.log.push({ atMs: this.timelineMs, ...event });
      return event;
    };
    for (const frame of this.callerFrames(frameSamples, maxCallMs)) {
      await tick();
      for (const name of this.pendingUnplayed.splice(0))
        yield emit({ type: 'mark', name, played: false });
      if (this.closed) break;
      if (frame === 'hangUp') break;
      if (typeof frame === 'string') {
        yield emit({ type: 'dtmf', digit: frame });
        continue;
      }
      this.playFrame(frameSamples);
      this.timelineMs += frameDurationMs;
      yield emit({ type: 'audio', pcm16: frame });
      for (const name of this.passedMarks()) yield emit({ type: 'mark', name, played: true });
    }
    this.closed = true;
    this.closeReason ??= 'caller hung up';
    yield emit({ type: 'closed', reason: this.closeReason });
  }

  private *callerFrames(frameSamples: number, maxCallMs: number): Generator<Int16Array | string> {
    const tone = (index: number) => {
      const frame = new Int16Array(frameSamples);
      for (let k = 0; k < frameSamples; k++)
        frame[k] = Math.round(
          4000 * Math.sin((2 * Math.PI * 300 * (index * frameSamples + k)) / this.sampleRateHz),
        );
      return frame;
    };
    const silence = () => new Int16Array(frameSamples);
    let index = 0;
    for (const step of this.options.script) {
      if ('speechMs' in step)
        for (let ms = 0; ms < step.speechMs; ms += frameDurationMs) yield tone(index++);
      else if ('silenceMs' in step)
        for (let ms = 0; ms < step.silenceMs; ms += frameDurationMs) {
          index++;
          yield silence();
        }
      else if ('pcm16' in step)
        for (let start = 0; start < step.pcm16.length; start += frameSamples) {
          const frame = new Int16Array(frameSamples);
          frame.set(step.pcm16.subarray(start, start + frameSamples));
          index++;
          yield frame;
        }
      else if ('dtmf' in step) yield step.dtmf;
      else if ('untilAgentQuietMs' in step) {
        const startMs = this.timelineMs;
        const writtenAtStart = this.writtenSamples;
        while (
          this.timelineMs - startMs < (step.maxMs ?? 60_000) &&
          (this.writtenSamples === writtenAtStart ||
            this.queuedSamples > 0 ||
            this.timelineMs - this.lastAgentAudioMs < step.untilAgentQuietMs)
        ) {
          index++;
          yield silence();
        }
      } else {
        yield 'hangUp';
        return;
      }
    }
    while (this.timelineMs < maxCallMs) yield silence();
  }

  /** Plays one frame's worth of queued agent audio. */
  private playFrame(frameSamples: number): void {
    const out = new Int16Array(frameSamples);
    let filled = 0;
    while (filled < frameSamples && this.queue.length > 0) {
      const head = this.queue[0]!;
      const take = Math.min(head.length, frameSamples - filled);
      out.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(take);
    }
    this.queuedSamples -= filled;
    if (filled > 0) this.lastAgentAudioMs = this.timelineMs + frameDurationMs;
    if (this.options.record ?? true) this.agentRecording.push(out);
  }

  private passedMarks(): string[] {
    const passed: string[] = [];
    // A mark right after audio still queued waits; written position minus queue = played.
    const playedPosition = this.writtenSamples - this.queuedSamples;
    while (this.marks.length > 0 && this.marks[0]!.atSample <= playedPosition)
      passed.push(this.marks.shift()!.name);
    return passed;
  }
}
