/**
 * Turns per-frame speech probabilities into speech segments: `speech_start` once speech has
 * lasted `minSpeechMs` (so a click or a cough does not start a turn), `speech_end` once silence
 * has lasted `hangoverMs` (so a short pause inside an utterance does not end it). Hysteresis as
 * in Silero's own iterator: a frame counts as speech at `threshold`, as silence only below
 * `threshold - 0.15`, and frames in between continue whatever is going on.
 */
import { SileroVadModel, type SileroSampleRateHz } from './silero-vad-model.ts';

export type VadEvent =
  /** `atMs`: start of the first frame of the speech (not when it was confirmed). */
  | { type: 'speech_start'; atMs: number }
  /**
   * `atMs`: when speech actually stopped (the start of the first silent frame, hangover
   * excluded) — ARCHITECTURE §4's `user_stopped_speaking`; `emittedAtMs`: when it was decided.
   */
  | { type: 'speech_end'; atMs: number; emittedAtMs: number };

export interface SpeechSegmenter {
  /** Classifies one frame starting at `atMs` (monotonic ms); returns what it decided. */
  push(frame: Int16Array, atMs: number): VadEvent[];
  readonly speaking: boolean;
  close(): void;
}

/** Something that tells how likely the audio so far ends in speech (0..1). */
export interface SpeechProbabilityClassifier {
  push(frame: Int16Array): number;
}

export interface SpeechSegmenterOptions {
  sampleRateHz: SileroSampleRateHz;
  /**
   * Speech shorter than this never starts a segment. Short enough for a quick "no" (~150 ms of
   * voice at 300 words a minute), long enough to skip clicks. @default 120
   */
  minSpeechMs?: number;
  /** Silence that ends a segment. @default 300 (the turn detector waits longer on top) */
  hangoverMs?: number;
  /** Speech probability at which a frame counts as speech. @default 0.5 */
  threshold?: number;
  /** Replaces the Silero model (tests, or another VAD). */
  classifier?: SpeechProbabilityClassifier;
}

export const defaultMinSpeechMs = 120;
export const defaultVadHangoverMs = 300;
export const defaultSpeechThreshold = 0.5;
/** Silero's hysteresis gap between the speech and the silence thresholds. */
const hysteresis = 0.15;

export async function createSpeechSegmenter(
  options: SpeechSegmenterOptions,
): Promise<SpeechSegmenter> {
  const classifier =
    options.classifier ?? (await SileroVadModel.load()).createStream(options.sampleRateHz);
  return new ProbabilitySegmenter(classifier, options);
}

export class ProbabilitySegmenter implements SpeechSegmenter {
  private readonly minSpeechMs: number;
  private readonly hangoverMs: number;
  private readonly speechThreshold: number;
  private readonly silenceThreshold: number;
  private isSpeaking = false;
  /** Start of the speech run not yet confirmed (while not speaking). */
  private candidateStartMs: number | undefined;
  /** Start of the silence run inside a segment (while speaking). */
  private silenceStartMs: number | undefined;
  private closed = false;

  constructor(
    private readonly classifier: SpeechProbabilityClassifier,
    private readonly options: SpeechSegmenterOptions,
  ) {
    this.minSpeechMs = options.minSpeechMs ?? defaultMinSpeechMs;
    this.hangoverMs = options.hangoverMs ?? defaultVadHangoverMs;
    this.speechThreshold = options.threshold ?? defaultSpeechThreshold;
    this.silenceThreshold = Math.max(0.01, this.speechThreshold - hysteresis);
  }

  get speaking(): boolean {
    return this.isSpeaking;
  }

  push(frame: Int16Array, atMs: number): VadEvent[] {
    if (this.closed) throw new Error('SpeechSegmenter.push after close');
    const probability = this.classifier.push(frame);
    const endMs = atMs + (frame.length * 1000) / this.options.sampleRateHz;
    const isSpeech = probability >= this.speechThreshold;
    const isSilence = probability < this.silenceThreshold;
    if (!this.isSpeaking) {
      if (isSpeech) this.candidateStartMs ??= atMs;
      else if (isSilence) this.candidateStartMs = undefined;
      if (
        this.candidateStartMs !== undefined &&
        endMs - this.candidateStartMs >= this.minSpeechMs
      ) {
        this.isSpeaking = true;
        this.silenceStartMs = undefined;
        const startMs = this.candidateStartMs;
        this.candidateStartMs = undefined;
        return [{ type: 'speech_start', atMs: startMs }];
      }
      return [];
    }
    if (isSpeech) this.silenceStartMs = undefined;
    else if (isSilence) this.silenceStartMs ??= atMs;
    if (this.silenceStartMs !== undefined && endMs - this.silenceStartMs >= this.hangoverMs) {
      this.isSpeaking = false;
      const stoppedMs = this.silenceStartMs;
      this.silenceStartMs = undefined;
      return [{ type: 'speech_end', atMs: stoppedMs, emittedAtMs: endMs }];
    }
    return [];
  }

  close(): void {
    this.closed = true;
  }
}
