/**
 * Streaming speech recognition, one interface for every vendor (local pocketsphinx, Deepgram,
 * the scripted fake). A provider opens one stream per caller turn or per call; audio goes in as
 * PCM16 at the stream's rate, partial and final hypotheses come out as they are known.
 */
import type { SampleRateHz } from '../audio/audio-format.ts';

export interface AsrStreamOptions {
  /** Rate of the PCM16 audio that will be written. */
  sampleRateHz: SampleRateHz;
  /** BCP 47, e.g. 'en-US', 'nl-NL'. */
  language: string;
  /**
   * Words and phrases the caller is likely to say (menu item names, aliases, options). A local
   * recogniser builds its language model from them; a cloud one sends them as keyword boosts.
   */
  vocabulary?: readonly string[];
  /** Aborting it closes the stream and releases every handle; no further events are emitted. */
  signal?: AbortSignal;
}

export type AsrEvent =
  | { type: 'partial'; text: string; atMs: number }
  | { type: 'final'; text: string; confidence: number | undefined; atMs: number }
  /** The stream failed; `retryable` says whether a new stream (or another vendor) may work. */
  | { type: 'error'; message: string; retryable: boolean; atMs: number };

export interface AsrStream {
  /** Queues audio. Returns false when the caller should wait for `drained` (backpressure). */
  write(pcm16: Int16Array): boolean;
  /** Resolves when buffered audio has been consumed enough to write again. */
  drained(): Promise<void>;
  /**
   * Marks the end of the current utterance: the provider finalises what it has heard and emits
   * one `final` (possibly with empty text). The stream stays open for the next utterance.
   */
  flush(): void;
  /** Events in order; the iterator ends when the stream is closed. */
  events(): AsyncIterable<AsrEvent>;
  /** Ends the stream and releases its resources. Idempotent. */
  close(): Promise<void>;
}

export interface AsrProvider {
  /** Stable vendor/model name recorded in session metadata, e.g. 'pocketsphinx/hub4wsj_sc_8k'. */
  readonly name: string;
  /** Sample rates this provider accepts natively (others are resampled before `write`). */
  readonly sampleRatesHz: readonly SampleRateHz[];
  open(options: AsrStreamOptions): Promise<AsrStream>;
}
