/**
 * A synthesiser for tests and benches of the voice session: a tone whose length is proportional
 * to the text, in chunks, after a fixed first-chunk latency. Every call is recorded, and a
 * failure can be scripted per call.
 */
import { delay } from '../../../../platform/clock.ts';
import { UnavailableError } from '../../../../platform/errors.ts';
import type { TtsChunk, TtsProvider, TtsRequest } from '../../tts/tts-provider.ts';

export interface ToneTtsOptions {
  /** Audio per character of text. @default 20 */
  msPerChar?: number;
  /** @default 100 */
  chunkMs?: number;
  /** Wait before the first chunk (0: none, no timer). @default 0 */
  firstChunkDelayMs?: number;
  /** Which calls (0-based) fail, and how. */
  failOn?: (callIndex: number, text: string) => 'error' | undefined;
  /** Peak amplitude. @default 3000 */
  amplitude?: number;
}

export class ToneTts implements TtsProvider {
  readonly name = 'tone';
  readonly languages = ['en-US', 'en-GB', 'nl-NL'];
  /** Every request's text, in order; and syntheses still running (to check nothing leaks). */
  readonly texts: string[] = [];
  running = 0;
  aborted = 0;

  constructor(private readonly options: ToneTtsOptions = {}) {}

  async *synthesize(request: TtsRequest): AsyncIterable<TtsChunk> {
    const callIndex = this.texts.length;
    this.texts.push(request.text);
    this.running++;
    try {
      const firstChunkDelayMs = this.options.firstChunkDelayMs ?? 0;
      if (firstChunkDelayMs > 0) await delay(firstChunkDelayMs, request.signal);
      if (this.options.failOn?.(callIndex, request.text) === 'error')
        throw new UnavailableError('scripted TTS failure');
      const totalSamples = Math.round(
        (request.text.length * (this.options.msPerChar ?? 20) * request.sampleRateHz) / 1000,
      );
      const chunkSamples = Math.round(
        ((this.options.chunkMs ?? 100) * request.sampleRateHz) / 1000,
      );
      const amplitude = this.options.amplitude ?? 3000;
      for (let start = 0; start < totalSamples; start += chunkSamples) {
        if (request.signal?.aborted) {
          this.aborted++;
          return;
        }
        const pcm16 = new Int16Array(Math.min(chunkSamples, totalSamples - start));
        for (let k = 0; k < pcm16.length; k++)
          pcm16[k] = Math.round(
            amplitude * Math.sin((2 * Math.PI * 440 * (start + k)) / request.sampleRateHz),
          );
        yield { pcm16, sampleRateHz: request.sampleRateHz };
      }
    } finally {
      this.running--;
    }
  }
}
