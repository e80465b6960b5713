import type {
  AsrProvider,
  AsrStream,
  AsrStreamOptions,
} from '../../../data/pipeline/asr/asr-provider.ts';
import type { SampleRateHz } from '../../../data/pipeline/audio/audio-format.ts';
import { UnsupportedSampleRateError } from '../../../data/pipeline/asr/asr-errors.ts';
import { systemClock, type Clock } from '../../../platform/clock.ts';
import { DeepgramAsrStream } from './deepgram-asr-stream.ts';
import { connectDeepgram } from './deepgram-connection.ts';
import {
  parseDeepgramAsrOptions,
  type DeepgramAsrOptions,
  type DeepgramAsrSettings,
} from './deepgram-options.ts';
import { deepgramListenUrl } from './deepgram-url.ts';

/**
 * Deepgram live streaming (`wss://api.deepgram.com/v1/listen`) as an {@link AsrProvider}.
 * `open` resolves once Deepgram accepted the stream and rejects with a typed error when it did
 * not (401/402/400 → ConfigError, never retried; 429/5xx/network/timeout → UnavailableError), so
 * the router can fail over before the caller speaks. Failures after that are `error` events.
 */
export class DeepgramAsrProvider implements AsrProvider {
  readonly name: string;
  /** `linear16` takes any rate, so every pipeline rate goes through without resampling. */
  readonly sampleRatesHz: readonly SampleRateHz[] = [8000, 16000, 22050, 24000, 48000];
  private readonly settings: DeepgramAsrSettings;
  private openSockets = 0;

  /** Throws {@link ConfigError} when the key is missing or an option is invalid. */
  constructor(
    options: DeepgramAsrOptions,
    private readonly clock: Clock = systemClock,
  ) {
    this.settings = parseDeepgramAsrOptions(options);
    this.name = `deepgram/${this.settings.model}`;
  }

  /** Sockets open now (connected and not yet closed): the leak check of tests and metrics. */
  get liveStreams(): number {
    return this.openSockets;
  }

  async open(options: AsrStreamOptions): Promise<AsrStream> {
    if (!this.sampleRatesHz.includes(options.sampleRateHz)) {
      throw new UnsupportedSampleRateError(this.name, options.sampleRateHz, this.sampleRatesHz);
    }
    const url = deepgramListenUrl(this.settings, options);
    const ws = await connectDeepgram(
      url,
      this.settings.apiKey,
      this.settings.connectTimeoutMs,
      options.signal,
    );
    this.openSockets += 1;
    ws.once('close', () => (this.openSockets -= 1));
    return new DeepgramAsrStream(
      ws,
      this.settings,
      this.clock,
      options.signal,
      this.name,
      options.sampleRateHz,
    );
  }
}
