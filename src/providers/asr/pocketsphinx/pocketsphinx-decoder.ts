/**
 * One native pocketsphinx decoder. Native calls on one decoder must never overlap (the C state
 * is not thread-safe and the async calls run on a pool thread), so every operation is queued on
 * one promise chain; `free` waits for the call in flight before releasing the native memory.
 *
 * An utterance starts with its first audio (not at the previous one's end), so the search to use
 * — the `-lm` model or one added with {@link PocketsphinxDecoder.useLanguageModel} — can still be
 * chosen between utterances.
 */
import { ConfigError, UnavailableError } from '../../../platform/errors.ts';
import { checkModelPaths, decoderArgv, type DecoderSettings } from './decoder-config.ts';
import {
  pocketsphinxLibrary,
  type PocketsphinxLibrary,
  type SearchWeights,
} from './libpocketsphinx.ts';
import { cleanHypothesis, isSpeechToken } from './hypothesis-text.ts';

let liveDecoders = 0;

/** Native decoders allocated and not yet freed in this process (for leak tests and metrics). */
export function liveDecoderCount(): number {
  return liveDecoders;
}

export interface FinalHypothesis {
  text: string;
  /** Posterior probability of the hypothesis, 0..1; undefined when the decoder gives none. */
  confidence: number | undefined;
  /**
   * Where each word of `text` ends, in ms of the decoder's audio from its first sample (the
   * alignment; pocketsphinx counts frames over the whole stream, not per utterance); one per word.
   */
  wordEndsMs: number[];
}

/**
 * Turns the stream's audio into what the model takes (e.g. 8 kHz telephone audio upsampled for
 * the 16 kHz model); called in order, once per `process`, before the native search.
 */
export interface DecoderInput {
  push(pcm16: Int16Array): Int16Array;
}

/** The search pocketsphinx makes of the `-lm` model. */
export const defaultSearchName = '_default';

export class PocketsphinxDecoder {
  private queue: Promise<unknown> = Promise.resolve();
  private freed = false;
  private inUtterance = false;
  /** Searches loaded, and being loaded (a failed load is forgotten: the next use retries). */
  private readonly loadedSearches = new Set([defaultSearchName]);
  private readonly loadingSearches = new Set<string>();
  private activeSearch = defaultSearchName;
  private wantedSearch = defaultSearchName;

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
    return new PocketsphinxDecoder(library, config, native, input);
  }

  /**
   * Loads the LM at `languageModelPath` (ARPA or binary, words from the decoder's dictionary) as
   * search `name`, once per decoder: queued at once and run off the event loop, so it is usually
   * done long before the caller's answer arrives. A failed load is forgotten (tried again on the
   * next call); utterances then keep the `-lm` model.
   */
  loadLanguageModel(name: string, languageModelPath: string, weights?: SearchWeights): void {
    if (this.freed || this.loadedSearches.has(name) || this.loadingSearches.has(name)) return;
    this.loadingSearches.add(name);
    void this.enqueue(async () => {
      const status = await this.library.addLanguageModel(
        this.decoder,
        name,
        languageModelPath,
        weights,
      );
      if (status >= 0) this.loadedSearches.add(name);
    })
      .catch(() => undefined)
      .finally(() => this.loadingSearches.delete(name));
  }

  /**
   * Utterances that start from now on are searched with the search `name` (loaded with
   * {@link loadLanguageModel}); `undefined` goes back to the `-lm` model.
   */
  useLanguageModel(name: string | undefined): void {
    this.wantedSearch = name ?? defaultSearchName;
  }

  /**
   * Searches more audio of the current utterance; resolves with the partial hypothesis. A pool
   * thread reads `pcm16` until this resolves: the caller must not change it meanwhile.
   */
  process(pcm16: Int16Array): Promise<string> {
    return this.enqueue(async () => {
      if (!this.inUtterance) this.startUtterance();
      const audio = this.input ? this.input.push(pcm16) : pcm16;
      this.check(await this.library.processRaw(this.decoder, audio), 'ps_process_raw');
      return cleanHypothesis(this.library.hypothesis(this.decoder));
    });
  }

  /** Whether an utterance is open (audio searched since the last `finish`). */
  get utteranceOpen(): boolean {
    return this.inUtterance;
  }

  /** Where each word of the final hypothesis ends, in ms of all audio this decoder searched. */
  private wordEndsMs(): number[] {
    const framesPerSecond = this.library.framesPerSecond(this.decoder);
    return (
      this.library
        .segments(this.decoder)
        .filter((segment) => isSpeechToken(segment.word))
        // Frame f covers the audio up to (f + 1) / frate seconds.
        .map((segment) => ((segment.endFrame + 1) * 1000) / framesPerSecond)
    );
  }

  /** Ends the current utterance and returns its final hypothesis; the next starts with its audio. */
  finish(): Promise<FinalHypothesis> {
    return this.enqueue(() => {
      // A flush with no audio since the last one: nothing was said.
      if (!this.inUtterance)
        return Promise.resolve({ text: '', confidence: undefined, wordEndsMs: [] });
      this.inUtterance = false;
      this.check(this.library.endUtterance(this.decoder), 'ps_end_utt');
      const text = cleanHypothesis(this.library.hypothesis(this.decoder));
      const logProbability = this.library.probability(this.decoder);
      const confidence =
        text === '' || logProbability === 0
          ? undefined
          : this.library.logToLinear(this.decoder, logProbability);
      const wordEndsMs = text === '' ? [] : this.wordEndsMs();
      return Promise.resolve({ text, confidence, wordEndsMs });
    });
  }

  /**
   * Runs inside the queue: switches to the wanted search and starts an utterance. A search whose
   * load is still queued behind this call (audio came first) is not waited for: the utterance
   * uses the `-lm` model.
   */
  private startUtterance(): void {
    const wanted = this.loadedSearches.has(this.wantedSearch)
      ? this.wantedSearch
      : defaultSearchName;
    if (wanted !== this.activeSearch) {
      this.check(this.library.setSearch(this.decoder, wanted), 'ps_set_search');
      this.activeSearch = wanted;
    }
    this.check(this.library.startUtterance(this.decoder), 'ps_start_utt');
    this.inUtterance = true;
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
