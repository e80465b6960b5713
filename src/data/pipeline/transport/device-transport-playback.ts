/**
 * The outbound side of a {@link DeviceAudioTransport}: a queue of agent audio and marks that is
 * written to the player only a little ahead of the clock (`leadMs`), so that what `clear()` drops
 * is really unheard, `bufferedMs` is what is left to hear, and a mark comes back when the audio
 * before it has been written and its duration has elapsed.
 *
 * The model of the player: it plays what it is given as soon as it gets it and is silent when it
 * has nothing. A device adds its own output latency (tens of ms), so marks run that much early.
 */
import type { Clock } from '../../../platform/clock.ts';
import { frameDurationMs } from '../audio/audio-format.ts';

export interface PacedPlaybackOptions {
  sampleRateHz: number;
  /** How far ahead of the clock audio is written to the player. */
  leadMs: number;
  clock: Clock;
  /** Hands samples to the player. */
  write: (pcm16: Int16Array) => void;
  /** A mark passed (`played`), or was dropped by `clear()` / `stop()` (not `played`). */
  onMark: (name: string, played: boolean) => void;
}

type QueuedOutput =
  { kind: 'audio'; pcm16: Int16Array; offset: number } | { kind: 'mark'; name: string };

/** How often the queue is looked at while something is queued or playing: half a frame. */
const pumpIntervalMs = frameDurationMs / 2;

export class PacedPlayback {
  private readonly queue: QueuedOutput[] = [];
  private queuedSamples = 0;
  /** Monotonic time at which the audio written so far has been played. */
  private writtenUntilMs = Number.NEGATIVE_INFINITY;
  /** Marks whose audio has been written, with the time that audio has been played. */
  private readonly markDue: { name: string; atMs: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: PacedPlaybackOptions) {}

  /** Milliseconds queued plus written and not yet played. */
  get bufferedMs(): number {
    const aheadMs = Math.max(0, this.writtenUntilMs - this.options.clock.monotonicMs());
    return (this.queuedSamples * 1000) / this.options.sampleRateHz + aheadMs;
  }

  play(pcm16: Int16Array): void {
    if (this.stopped || pcm16.length === 0) return;
    this.queue.push({ kind: 'audio', pcm16, offset: 0 });
    this.queuedSamples += pcm16.length;
    this.pump();
  }

  mark(name: string): void {
    if (this.stopped) return;
    this.queue.push({ kind: 'mark', name });
    this.pump();
  }

  /**
   * Drops the audio not yet written; its marks come back unplayed. What is already with the
   * player (at most `leadMs`) still plays, and the marks after it still come back played.
   */
  clear(): void {
    for (const item of this.queue.splice(0)) {
      if (item.kind === 'mark') this.options.onMark(item.name, false);
    }
    this.queuedSamples = 0;
  }

  /** Stops for good: every mark not yet passed comes back unplayed. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const due of this.markDue.splice(0)) this.options.onMark(due.name, false);
    this.clear();
    this.writtenUntilMs = Number.NEGATIVE_INFINITY; // the player is ended: nothing left to hear
  }

  private pump(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const { clock, sampleRateHz, leadMs } = this.options;
    const nowMs = clock.monotonicMs();
    // The player ran dry (or never started): new audio starts playing now.
    if (this.writtenUntilMs < nowMs) this.writtenUntilMs = nowMs;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.kind === 'mark') {
        this.queue.shift();
        this.markDue.push({ name: head.name, atMs: this.writtenUntilMs });
        continue;
      }
      const room = Math.floor(((nowMs + leadMs - this.writtenUntilMs) * sampleRateHz) / 1000);
      if (room <= 0) break;
      const take = Math.min(room, head.pcm16.length - head.offset);
      this.options.write(head.pcm16.subarray(head.offset, head.offset + take));
      head.offset += take;
      this.queuedSamples -= take;
      this.writtenUntilMs += (take * 1000) / sampleRateHz;
      if (head.offset === head.pcm16.length) this.queue.shift();
    }
    while (this.markDue.length > 0 && this.markDue[0]!.atMs <= nowMs) {
      this.options.onMark(this.markDue.shift()!.name, true);
    }
    if (this.stopped) return; // onMark may have closed the transport
    if (this.queue.length > 0 || this.markDue.length > 0) {
      this.timer = setTimeout(() => this.pump(), pumpIntervalMs);
    }
  }
}
