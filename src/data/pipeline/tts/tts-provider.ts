/**
 * Streaming speech synthesis, one interface for every vendor (local espeak-ng, ElevenLabs or
 * Cartesia, the scripted fake). Text goes in (already normalised for speech), PCM16 chunks come
 * out as soon as the vendor produces them so playback can start before synthesis ends.
 */
import type { SampleRateHz } from '../audio/audio-format.ts';

export interface TtsRequest {
  text: string;
  /** BCP 47, e.g. 'en-US', 'nl-NL'. */
  language: string;
  /** Vendor voice id; the provider's default for the language when absent. */
  voice?: string;
  /** Rate of the PCM16 chunks wanted; providers resample when their native rate differs. */
  sampleRateHz: SampleRateHz;
  /** Aborting it stops synthesis at once (barge-in) and releases every handle. */
  signal?: AbortSignal;
}

export interface TtsChunk {
  pcm16: Int16Array;
  sampleRateHz: SampleRateHz;
}

export interface TtsProvider {
  /** Stable vendor/voice name recorded in session metadata, e.g. 'espeak-ng'. */
  readonly name: string;
  readonly languages: readonly string[];
  /**
   * Synthesises `text`. The iterable yields chunks in order and ends when synthesis is done;
   * it throws an error that carries retry semantics (platform/errors) when the vendor fails.
   */
  synthesize(request: TtsRequest): AsyncIterable<TtsChunk>;
}
