/**
 * What the voice session needs from a voice activity detector (implemented by data/pipeline/vad).
 * Declared here structurally so the session depends on the behaviour, not on one VAD.
 */
import type { SampleRateHz } from '../audio/audio-format.ts';

export type SpeechEvent =
  | { type: 'speech_start'; atMs: number }
  /** `atMs`: speech actually stopped; `emittedAtMs`: when the VAD was sure (after its hangover). */
  | { type: 'speech_end'; atMs: number; emittedAtMs: number };

export interface SpeechSegmenterLike {
  push(frame: Int16Array, atMs: number): SpeechEvent[];
  readonly speaking: boolean;
  close(): void;
}

/** Makes one segmenter per call for audio at `sampleRateHz`. */
export type SpeechSegmenterFactory = (sampleRateHz: SampleRateHz) => Promise<SpeechSegmenterLike>;
