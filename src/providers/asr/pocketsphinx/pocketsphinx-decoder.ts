/**
 * One native pocketsphinx decoder. Native calls on one decoder must never overlap (the C state
 * is not thread-safe and the async calls run on a pool thread), so every operation is queued on
 * one promise chain; `free` waits for the call in flight before releasing the native memory.
 */
import { ConfigError, UnavailableError } from '../../../platform/errors.ts';
import { checkModelPaths, decoderArgv, type DecoderSettings } from './decoder-config.ts';
import { pocketsphinxLibrary, type PocketsphinxLibrary } from './libpocketsphinx.ts';
import { cleanHypothesis } from './hypothesis-text.ts';

let liveDecoders = 0;

/** Native decoders allocated and not yet freed in this process (for leak tests and metrics). */
export function liveDecoderCount(): number {
  return liveDecoders;
}

export interface FinalHypothesis {
  text: string;
  /** Posterior probability of the hypothesis, 0..1; undefined when the decoder gives none. */
  confidence: number | undefined;
}

/**
 * Turns the stream's audio into what the model takes (e.g. 8 kHz telephone audio upsampled for
 * the 16 kHz model); called in order, once per `process`, before the native search.
 */
export interface DecoderInput {
  push(pcm16: Int16Array): Int16Array;
}

export class PocketsphinxDecoder {
  private queue: Promise<unknown> = Promise.resolve();
  private freed = false;

  private constructor(
    private readonly library: PocketsphinxLibrary,
    private readonly config: unknown,
    private readonly decoder: unknown,
    private readonly input: DecoderInput | undefined,
  ) {
    liveDecoders += 1;
  }

  /** Loads the models (off the event loop) and starts the first utterance. */
  static async create(
    settings: DecoderSettings,
    input?: DecoderInput,
  ): Promise<PocketsphinxDecoder> {
    checkModelPaths(settings);
    const library = pocketsphinxLibrary();
    const config = library.parseConfig(decoderArgv(settings));
    if (!config) {
      throw new ConfigError('pocketsphinx rejected the decoder arguments', {
        details: { extraArgs: settings.extraArgs ?? {} },
      });
    }
    const native = await library.initDecoder(config);
    if (!native) {
      library.freeConfig(config);
      throw new ConfigError(
        `pocketsphinx could not load its models (acoustic ${settings.acousticModelDir}, ` +
          `dictionary ${settings.dictionaryPath}, language model ${settings.languageModelPath}) ` +
          `at ${settings.sampleRateHz} Hz`,
      );
    }
    const decoder = new PocketsphinxDecoder(library, config, native, input);
    decoder.check(library.startUtterance(native), 'ps_start_utt');
    return decoder;
  }

  /**
   * Searches more audio of the current utterance; resolves with the partial hypothesis. A pool
   * thread reads `pcm16` until this resolves: the caller must not change it meanwhile.
   */
  process(pcm16: Int16Array): Promise<string> {
    return this.enqueue(async () => {
      const audio = this.input ? this.input.push(pcm16) : pcm16;
      this.check(await this.library.processRaw(this.decoder, audio), 'ps_process_raw');
      return cleanHypothesis(this.library.hypothesis(this.decoder));
    });
  }

  /** Ends the current utterance, returns its final hypothesis and starts the next one. */
  finish(): Promise<FinalHypothesis> {
    return this.enqueue(() => {
      this.check(this.library.endUtterance(this.decoder), 'ps_end_utt');
      const text = cleanHypothesis(this.library.hypothesis(this.decoder));
      const logProbability = this.library.probability(this.decoder);
      const confidence =
        text === '' || logProbability === 0
          ? undefined
          : this.library.logToLinear(this.decoder, logProbability);
      this.check(this.library.startUtterance(this.decoder), 'ps_start_utt');
      return Promise.resolve({ text, confidence });
    });
  }

  /** Releases the native decoder after the call in flight. Idempotent. */
  async free(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.freed) return;
    this.freed = true;
    this.library.freeDecoder(this.decoder);
    this.library.freeConfig(this.config);
    liveDecoders -= 1;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.freed) throw new UnavailableError('the pocketsphinx decoder was freed');
      return operation();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private check(status: number, call: string): void {
    if (status < 0) throw new UnavailableError(`pocketsphinx ${call} failed (${status})`);
  }
}
