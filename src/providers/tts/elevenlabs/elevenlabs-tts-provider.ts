import type { SampleRateHz } from '../../../data/pipeline/audio/audio-format.ts';
import type { TtsChunk, TtsProvider, TtsRequest } from '../../../data/pipeline/tts/tts-provider.ts';
import {
  AbortedError,
  UnavailableError,
  VoxeronError,
  throwIfAborted,
} from '../../../platform/errors.ts';
import { statusError } from './elevenlabs-errors.ts';
import {
  parseElevenLabsTtsOptions,
  type ElevenLabsTtsOptions,
  type ElevenLabsTtsSettings,
} from './elevenlabs-options.ts';
import { vendorFormatFor } from './output-format.ts';
import { VendorAudioDecoder } from './vendor-audio-decoder.ts';

/**
 * ElevenLabs streaming TTS over HTTP (`POST /v1/text-to-speech/{voice_id}/stream`) as a
 * {@link TtsProvider}. Audio chunks are yielded as the response body delivers them. Errors:
 * 401/403/404 → ConfigError, 400/422 → ValidationError (never retried); 429 (with Retry-After),
 * 5xx, network failures, a connection cut mid-stream and no audio within `firstChunkTimeoutMs`
 * → UnavailableError (retryable); the caller's abort → AbortedError, and the request is
 * cancelled at once in every case, including a consumer that stops iterating early.
 */
export class ElevenLabsTtsProvider implements TtsProvider {
  readonly name: string;
  readonly languages: readonly string[];
  /** Rates `synthesize` delivers (8/16/22.05/24 kHz natively, 48 kHz resampled from 24 kHz). */
  readonly sampleRatesHz: readonly SampleRateHz[] = [8000, 16000, 22050, 24000, 48000];
  private readonly settings: ElevenLabsTtsSettings;
  private inFlight = 0;

  /** Throws {@link ConfigError} when the key is missing or an option is invalid. */
  constructor(options: ElevenLabsTtsOptions) {
    this.settings = parseElevenLabsTtsOptions(options);
    this.name = `elevenlabs/${this.settings.modelId}`;
    this.languages = this.settings.languages;
  }

  /** HTTP requests not yet finished or cancelled: the leak check of tests and metrics. */
  get activeRequests(): number {
    return this.inFlight;
  }

  async *synthesize(request: TtsRequest): AsyncGenerator<TtsChunk> {
    throwIfAborted(request.signal);
    const text = request.text.trim();
    if (text.length === 0) return;
    const format = vendorFormatFor(request.sampleRateHz);
    const deadline = new AbortController();
    const signal = request.signal
      ? AbortSignal.any([request.signal, deadline.signal])
      : deadline.signal;
    let stalled = false;
    const firstChunkTimer = setTimeout(() => {
      stalled = true;
      deadline.abort();
    }, this.settings.firstChunkTimeoutMs);
    const failure = (error: unknown, phase: string): VoxeronError => {
      if (error instanceof VoxeronError) return error;
      if (request.signal?.aborted) {
        return new AbortedError('the synthesis was cancelled', { cause: request.signal.reason });
      }
      if (stalled) {
        return new UnavailableError(
          `ElevenLabs sent no audio within ${this.settings.firstChunkTimeoutMs} ms`,
        );
      }
      const reason = error instanceof Error ? errorChain(error) : String(error);
      return new UnavailableError(`ElevenLabs failed ${phase}: ${reason}`, { cause: error });
    };

    this.inFlight += 1;
    try {
      let response: Response;
      try {
        response = await fetch(this.url(request, format.outputFormat), {
          method: 'POST',
          headers: {
            'xi-api-key': this.settings.apiKey,
            'content-type': 'application/json',
            accept: 'audio/*',
          },
          body: JSON.stringify(this.body(text, request.language)),
          signal,
        });
      } catch (error) {
        throw failure(error, 'before answering');
      }
      let sawAudio = false;
      try {
        if (!response.ok) throw await statusError(response);
        const contentType = response.headers.get('content-type') ?? '';
        if (contentType.includes('json') || !response.body) {
          const body = (await response.text()).slice(0, 120);
          throw new UnavailableError(
            `ElevenLabs answered ${response.status} without audio: ${body}`,
          );
        }
        const decoder = new VendorAudioDecoder(format, request.sampleRateHz);
        for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
          if (bytes.length === 0) continue;
          if (!sawAudio) {
            sawAudio = true;
            clearTimeout(firstChunkTimer);
          }
          const pcm16 = decoder.push(bytes);
          if (pcm16.length > 0) yield { pcm16, sampleRateHz: request.sampleRateHz };
        }
        const tail = decoder.flush();
        if (tail.length > 0) yield { pcm16: tail, sampleRateHz: request.sampleRateHz };
      } catch (error) {
        throw failure(error, sawAudio ? 'mid-stream' : 'before the first chunk');
      }
      if (!sawAudio) throw new UnavailableError('ElevenLabs answered with no audio');
    } finally {
      clearTimeout(firstChunkTimer);
      // A consumer that stops reading already cancels the body through its iterator; this also
      // covers every other early exit, so no path leaves a request running.
      deadline.abort();
      this.inFlight -= 1;
    }
  }

  private url(request: TtsRequest, outputFormat: string): string {
    const voiceId =
      request.voice ??
      this.settings.voices[request.language] ??
      this.settings.voices[primaryLanguage(request.language)] ??
      this.settings.defaultVoiceId;
    const base = this.settings.baseUrl.replace(/\/+$/, '');
    return `${base}/v1/text-to-speech/${encodeURIComponent(voiceId)}/stream?output_format=${outputFormat}`;
  }

  private body(text: string, language: string): Record<string, unknown> {
    const acceptsLanguage = /_v2_5$/.test(this.settings.modelId);
    return {
      text,
      model_id: this.settings.modelId,
      ...(this.settings.enforceLanguage && acceptsLanguage
        ? { language_code: primaryLanguage(language) }
        : {}),
      ...(this.settings.voiceSettings ? { voice_settings: this.settings.voiceSettings } : {}),
    };
  }
}

/** ISO 639-1 from BCP 47: 'nl-NL' → 'nl'. */
function primaryLanguage(bcp47: string): string {
  return (bcp47.split('-')[0] ?? bcp47).toLowerCase();
}

/** undici reports a reset as `TypeError: terminated` with the socket error as its cause. */
function errorChain(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
