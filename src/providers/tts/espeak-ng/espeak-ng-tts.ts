/**
 * Local streaming TTS with espeak-ng (Debian `espeak-ng`): one process per synthesis, its WAV
 * stream parsed as it arrives and resampled from espeak's 22050 Hz to the rate asked for.
 * A spare process per voice waits with the voice loaded, so a request does not pay espeak-ng's
 * start-up (see README.md for the figures that decided it).
 */
import { StreamingResampler } from '../../../data/pipeline/audio/resample.ts';
import type { TtsChunk, TtsProvider, TtsRequest } from '../../../data/pipeline/tts/tts-provider.ts';
import { AbortedError, ValidationError } from '../../../platform/errors.ts';
import { EspeakNgFailedError } from './espeak-ng-errors.ts';
import { EspeakNgStandby } from './espeak-ng-standby.ts';
import { espeakArguments, espeakVoiceFor } from './espeak-ng-voices.ts';
import { WavStreamParser } from './wav-stream-parser.ts';

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new AbortedError('speech synthesis was cancelled', { cause: signal.reason });
}

export interface EspeakNgTtsOptions {
  /** @default 'espeak-ng' (looked up on PATH) */
  binaryPath?: string;
  /** Speaking rate in words per minute. @default 165 (espeak's 175 is brisk on the phone) */
  wordsPerMinute?: number;
  /** Pitch, 0–99. @default 50 */
  pitch?: number;
  /** Time between SIGTERM and SIGKILL when a synthesis is aborted. @default 200 */
  killGraceMs?: number;
  /** Keep a spare process per voice waiting for its text. @default true */
  standby?: boolean;
  /**
   * Longest chunk yielded. espeak-ng writes faster than real time, often a second or more of
   * audio in one pipe read; slicing it lets the first chunk go out before the rest is resampled,
   * and lets barge-in stop between short chunks. @default 100
   */
  maxChunkMs?: number;
}

export class EspeakNgTts implements TtsProvider {
  readonly name = 'espeak-ng';
  readonly languages = ['en-US', 'en-GB', 'nl-NL'] as const;
  private readonly wordsPerMinute: number;
  private readonly pitch: number;
  private readonly processes: EspeakNgStandby;
  private speaking = 0;
  private readonly maxChunkMs: number;

  constructor(options: EspeakNgTtsOptions = {}) {
    this.wordsPerMinute = options.wordsPerMinute ?? 165;
    this.pitch = options.pitch ?? 50;
    this.maxChunkMs = options.maxChunkMs ?? 100;
    this.processes = new EspeakNgStandby(
      options.binaryPath ?? 'espeak-ng',
      options.killGraceMs ?? 200,
      options.standby ?? true,
    );
    if (!(this.wordsPerMinute >= 80 && this.wordsPerMinute <= 450)) {
      throw new RangeError(`wordsPerMinute must be 80–450, got ${this.wordsPerMinute}`);
    }
    if (!(Number.isInteger(this.pitch) && this.pitch >= 0 && this.pitch <= 99)) {
      throw new RangeError(`pitch must be an integer 0–99, got ${this.pitch}`);
    }
  }

  /** espeak-ng processes alive now, speaking or waiting as spares (started, not yet reaped). */
  get runningProcesses(): number {
    return this.processes.liveProcesses;
  }

  /** Syntheses in progress (their processes not yet reaped). */
  get activeSyntheses(): number {
    return this.speaking;
  }

  /** Starts the spare process for a language now, so even its first request is fast. */
  warmUp(language: string, voice?: string): void {
    this.processes.prepare(this.argumentsFor(language, voice));
  }

  /** Kills the spare processes. Syntheses still work afterwards, each starting its own. */
  close(): Promise<void> {
    return this.processes.close();
  }

  synthesize(request: TtsRequest): AsyncIterable<TtsChunk> {
    return this.run(request);
  }

  private async *run(request: TtsRequest): AsyncGenerator<TtsChunk> {
    const { signal, sampleRateHz } = request;
    throwIfAborted(signal);
    if (request.text.trim() === '') return;
    const args = this.argumentsFor(request.language, request.voice);
    const espeak = this.processes.take(args);
    this.speaking += 1;
    let failed = false;
    try {
      espeak.speak(request.text, signal);
      const parser = new WavStreamParser();
      let resampler: StreamingResampler | undefined;
      for (let bytes = await espeak.read(); bytes !== undefined; bytes = await espeak.read()) {
        const native = parser.push(bytes);
        if (native.length === 0) continue;
        const nativeHz = parser.format!.sampleRateHz;
        resampler ??= new StreamingResampler(nativeHz, sampleRateHz);
        const sliceSamples = Math.max(1, Math.round((nativeHz * this.maxChunkMs) / 1000));
        for (let start = 0; start < native.length; start += sliceSamples) {
          const pcm16 = resampler.push(native.subarray(start, start + sliceSamples));
          if (pcm16.length > 0) yield { pcm16, sampleRateHz };
          throwIfAborted(signal);
        }
      }
      if (parser.format === undefined) {
        throw new EspeakNgFailedError('espeak-ng ended without writing a WAV header');
      }
      throwIfAborted(signal);
      const tail = resampler?.flush();
      if (tail !== undefined && tail.length > 0) yield { pcm16: tail, sampleRateHz };
    } catch (error) {
      failed = !(error instanceof AbortedError);
      if (error instanceof ValidationError) {
        throw new EspeakNgFailedError(`espeak-ng wrote unreadable audio: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    } finally {
      await espeak.dispose();
      this.speaking -= 1;
      // A spare for a missing binary or a voice espeak-ng refused would only fail again.
      if (!failed) this.processes.replenish(args);
    }
  }

  private argumentsFor(language: string, voice: string | undefined): string[] {
    const settings = { wordsPerMinute: this.wordsPerMinute, pitch: this.pitch };
    return espeakArguments(espeakVoiceFor(language, voice), settings);
  }
}
