/**
 * Where a call's audio comes from and goes to: a Twilio media stream, an RTP session, a WebRTC
 * peer, or an audio file in tests. The transport converts its wire encoding (μ-law, A-law,
 * Opus…) to and from PCM16 at `sampleRateHz`, and paces outbound audio in real time.
 */
import type { SampleRateHz } from '../audio/audio-format.ts';

export type TransportEvent =
  /** One inbound frame of caller audio (20 ms), PCM16 at the transport's rate. */
  | { type: 'audio'; pcm16: Int16Array }
  | { type: 'dtmf'; digit: string }
  /**
   * Outbound playback passed a mark set with `mark()`. `played` is false when the mark was
   * dropped by `clear()` before the audio before it was played.
   */
  | { type: 'mark'; name: string; played: boolean }
  /** The far end hung up or the stream ended. Last event. */
  | { type: 'closed'; reason: string };

export interface AudioTransport {
  readonly sampleRateHz: SampleRateHz;
  /** Inbound events in order; ends after `closed`. */
  events(): AsyncIterable<TransportEvent>;
  /** Queues agent audio (PCM16 at `sampleRateHz`) for real-time playback. */
  play(pcm16: Int16Array): void;
  /** Echo `name` back as a mark event once every sample queued before it has been played. */
  mark(name: string): void;
  /** Drops every queued, not yet played sample (barge-in); pending marks come back unplayed. */
  clear(): void;
  /** Milliseconds of agent audio queued and not yet played. */
  readonly bufferedMs: number;
  /** Hangs up. Idempotent. */
  close(reason?: string): Promise<void>;
}
