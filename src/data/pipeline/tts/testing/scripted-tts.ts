/**
 * A TTS provider with scripted behaviour for tests of the pipeline (barge-in, failover, latency):
 * a deterministic tone whose duration is proportional to the text, in fixed-size chunks, with
 * injectable delays and scripted failures. It records every request so tests can see what was
 * said, and counts live syntheses so tests can check that aborts release them.
 */
import { AbortedError, UnavailableError } from '../../../../platform/errors.ts';
import { delay as platformDelay } from '../../../../platform/clock.ts';
import type { SampleRateHz } from '../../audio/audio-format.ts';
import type { TtsChunk, TtsProvider, TtsRequest } from '../tts-provider.ts';

export const ScriptedTtsFailMode = {
  /** Throws an UnavailableError (retryable) before yielding anything. */
  errorBeforeFirstChunk: 'error-before-first-chunk',
  /** Yields nothing and never ends until aborted: tests first-chunk timeouts and failover. */
  stall: 'stall',
  /** Yields half of the audio, then throws an UnavailableError. */
  errorMidStream: 'error-mid-stream',
} as const;
export type ScriptedTtsFailMode = (typeof ScriptedTtsFailMode)[keyof typeof ScriptedTtsFailMode];

export interface ScriptedTtsFailure {
  mode: ScriptedTtsFailMode;
  /** Fail only the Nth request (1-based); every request when absent. */
  onRequest?: number;
}

export interface ScriptedTtsOptions {
  /** @default 'scripted-tts' */
  name?: string;
  /** @default ['en-US', 'en-GB', 'nl-NL'] */
  languages?: readonly string[];
  /** Audio length per character of text. @default 60 (about 16 characters a second, as speech) */
  msPerChar?: number;
  /** Audio per chunk. @default 100 */
  chunkMs?: number;
  /** Wait before the first chunk (the vendor's first-chunk latency). @default 0 */
  firstChunkDelayMs?: number;
  /** Wait before each later chunk. @default 0 */
  chunkDelayMs?: number;
  /** How waits happen; inject one driven by a ManualClock for deterministic tests. */
  delay?: (durationMs: number, signal?: AbortSignal) => Promise<void>;
  /** @default 440 */
  toneHz?: number;
  fail?: ScriptedTtsFailMode | ScriptedTtsFailure | readonly ScriptedTtsFailure[];
}

const toneAmplitude = 8000;

export class ScriptedTts implements TtsProvider {
  readonly name: string;
  readonly languages: readonly string[];
  /** Every request in arrival order (text, language, rate), for assertions. */
  readonly requests: TtsRequest[] = [];
  private live = 0;
  private readonly options: ScriptedTtsOptions;
  private readonly failures: readonly ScriptedTtsFailure[];

  constructor(options: ScriptedTtsOptions = {}) {
    this.options = options;
    this.name = options.name ?? 'scripted-tts';
    this.languages = options.languages ?? ['en-US', 'en-GB', 'nl-NL'];
    const fail = options.fail;
    this.failures =
      fail === undefined
        ? []
        : typeof fail === 'string'
          ? [{ mode: fail }]
          : 'mode' in fail
            ? [fail]
            : fail;
  }

  /** Syntheses started and not yet ended, aborted or abandoned. */
  get activeSyntheses(): number {
    return this.live;
  }

  /** Audio length the text gets, in milliseconds. */
  durationMsFor(text: string): number {
    return text.trim().length * (this.options.msPerChar ?? 60);
  }

  synthesize(request: TtsRequest): AsyncIterable<TtsChunk> {
    this.requests.push({ ...request });
    const requestNumber = this.requests.length;
    const failure = this.failures.find(
      (f) => f.onRequest === undefined || f.onRequest === requestNumber,
    );
    return this.run(request, failure?.mode);
  }

  private async *run(
    request: TtsRequest,
    failMode: ScriptedTtsFailMode | undefined,
  ): AsyncGenerator<TtsChunk> {
    const { signal, sampleRateHz } = request;
    const wait = this.options.delay ?? platformDelay;
    this.live += 1;
    try {
      throwAborted(signal);
      if (request.text.trim() === '') return;
      await waitOrAbort(wait, this.options.firstChunkDelayMs ?? 0, signal);
      if (failMode === 'error-before-first-chunk') {
        throw new UnavailableError(`${this.name}: scripted failure before the first chunk`);
      }
      if (failMode === 'stall') {
        await waitForAbort(signal);
        throwAborted(signal);
      }
      const totalSamples = Math.round((this.durationMsFor(request.text) * sampleRateHz) / 1000);
      const chunkSamples = Math.max(
        1,
        Math.round(((this.options.chunkMs ?? 100) * sampleRateHz) / 1000),
      );
      for (let start = 0; start < totalSamples; start += chunkSamples) {
        if (start > 0) await waitOrAbort(wait, this.options.chunkDelayMs ?? 0, signal);
        if (failMode === 'error-mid-stream' && start >= totalSamples / 2) {
          throw new UnavailableError(`${this.name}: scripted failure in mid-stream`);
        }
        yield {
          pcm16: tone(
            start,
            Math.min(chunkSamples, totalSamples - start),
            sampleRateHz,
            this.options.toneHz ?? 440,
          ),
          sampleRateHz,
        };
        throwAborted(signal);
      }
    } finally {
      this.live -= 1;
    }
  }
}

/** Samples [start, start + length) of a continuous sine tone, so chunks join without clicks. */
function tone(
  start: number,
  length: number,
  sampleRateHz: SampleRateHz,
  toneHz: number,
): Int16Array {
  const samples = new Int16Array(length);
  for (let i = 0; i < length; i += 1) {
    samples[i] = Math.round(
      toneAmplitude * Math.sin((2 * Math.PI * toneHz * (start + i)) / sampleRateHz),
    );
  }
  return samples;
}

function throwAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new AbortedError('speech synthesis was cancelled', { cause: signal.reason });
}

/** Waits with the injected delay, ending at once on abort even if that delay ignores signals. */
async function waitOrAbort(
  wait: (durationMs: number, signal?: AbortSignal) => Promise<void>,
  durationMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (durationMs > 0) {
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve;
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([wait(durationMs, signal).catch(() => undefined), aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort!);
    }
  }
  throwAborted(signal);
}

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return; // A stall without a signal never ends, as a hung vendor.
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
