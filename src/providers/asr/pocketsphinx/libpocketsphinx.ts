/**
 * The slice of the pocketsphinx 0.8 (Debian `libpocketsphinx3`, 5prealpha) and sphinxbase C API
 * the recogniser needs, bound with koffi. Named searches (5prealpha): `ps_set_lm_file` adds an
 * n-gram search over the decoder's dictionary, `ps_set_search` makes one active between
 * utterances (the `-lm` model is the search named `_default`). Loaded lazily so that importing this module on a
 * machine without the libraries fails only when a decoder is actually created, with a clear error.
 *
 * The decoding calls (`ps_init`, `ps_process_raw`) are CPU-heavy; they are run with koffi's async
 * calls on a thread of libuv's pool so the event loop that paces 20 ms audio frames stays free.
 */
import koffi, { type LibraryHandle } from 'koffi';
import { ConfigError } from '../../../platform/errors.ts';

type Pointer = unknown;
type AsyncCallback<T> = (error: unknown, result: T) => void;

interface KoffiAsyncFunction<Args extends unknown[], Result> {
  (...args: Args): Result;
  async(...args: [...Args, AsyncCallback<Result>]): void;
}

export interface PocketsphinxLibrary {
  /** Parses `argv` (argv[0] is a program name, skipped) into a config; null on a bad option. */
  parseConfig(argv: readonly string[]): Pointer;
  freeConfig(config: Pointer): void;
  /** Loads models; slow (100 ms – seconds), so async. Resolves null when a model fails to load. */
  initDecoder(config: Pointer): Promise<Pointer>;
  freeDecoder(decoder: Pointer): void;
  startUtterance(decoder: Pointer): number;
  /** Searches `pcm16`; async because it is the expensive part. Resolves frames searched or < 0. */
  processRaw(decoder: Pointer, pcm16: Int16Array): Promise<number>;
  endUtterance(decoder: Pointer): number;
  /** The current best hypothesis (mid-utterance: a partial) or null. */
  hypothesis(decoder: Pointer): string | null;
  /**
   * The words of the current best hypothesis with their frames (from the utterance start, at
   * {@link framesPerSecond}), fillers and silences included; empty without a hypothesis.
   */
  segments(decoder: Pointer): HypothesisSegment[];
  /** Feature frames per second of audio (`-frate`, 100 unless configured). */
  framesPerSecond(decoder: Pointer): number;
  /**
   * Loads an ARPA/binary LM as the search `name` (replacing one of that name); async because it
   * reads and indexes the file. Resolves < 0 on failure. Not while another call runs on `decoder`.
   * `weights` (language weight, word insertion penalty) apply to this search only: the model is
   * read with them set in the decoder's config, which is restored after.
   */
  addLanguageModel(
    decoder: Pointer,
    name: string,
    path: string,
    weights?: SearchWeights,
  ): Promise<number>;
  /** Makes the search `name` active; only between utterances. < 0 when unknown or mid-utterance. */
  setSearch(decoder: Pointer, name: string): number;
  /** Posterior probability of the last final hypothesis, in log-math units; 0 when unknown. */
  probability(decoder: Pointer): number;
  /** Converts a log-math value to a linear probability. */
  logToLinear(decoder: Pointer, logValue: number): number;
}

/** One word of a hypothesis and the frames it spans (inclusive). */
export interface HypothesisSegment {
  word: string;
  startFrame: number;
  endFrame: number;
}

/** A search's own `-lw` / `-wip` (the decoder's are the default). */
export interface SearchWeights {
  languageWeight?: number;
  wordInsertionPenalty?: number;
}

let loaded: PocketsphinxLibrary | undefined;

/** The bound library; throws a {@link ConfigError} when the shared objects are missing. */
export function pocketsphinxLibrary(): PocketsphinxLibrary {
  loaded ??= bind();
  return loaded;
}

function bind(): PocketsphinxLibrary {
  let sphinxbase: LibraryHandle;
  let pocketsphinx: LibraryHandle;
  try {
    sphinxbase = koffi.load('libsphinxbase.so.3');
    pocketsphinx = koffi.load('libpocketsphinx.so.3');
  } catch (cause) {
    throw new ConfigError(
      'libpocketsphinx.so.3 / libsphinxbase.so.3 not found: install the Debian packages ' +
        'libpocketsphinx3 and libsphinxbase3 (apt-get install pocketsphinx pocketsphinx-en-us)',
      { cause },
    );
  }
  const errSetLogFp = sphinxbase.func('void err_set_logfp(void *stream)');
  const cmdLnParse = sphinxbase.func(
    'void *cmd_ln_parse_r(void *inout, void *defn, int argc, const char **argv, int strict)',
  );
  const cmdLnFree = sphinxbase.func('int cmd_ln_free_r(void *config)');
  const logmathExp = sphinxbase.func('double logmath_exp(void *logmath, int logb_p)');
  const cmdLnFloat = sphinxbase.func('double cmd_ln_float_r(void *config, const char *name)');
  const cmdLnInt = sphinxbase.func('long cmd_ln_int_r(void *config, const char *name)');
  const cmdLnSetFloat = sphinxbase.func(
    'void cmd_ln_set_float_r(void *config, const char *name, double value)',
  );
  const psArgs = pocketsphinx.func('void *ps_args()');
  const psInit = pocketsphinx.func('void *ps_init(void *config)') as KoffiAsyncFunction<
    [Pointer],
    Pointer
  >;
  const psFree = pocketsphinx.func('int ps_free(void *decoder)');
  const psStartUtt = pocketsphinx.func('int ps_start_utt(void *decoder)');
  const psProcessRaw = pocketsphinx.func(
    'int ps_process_raw(void *decoder, const int16_t *data, size_t n_samples, int no_search, int full_utt)',
  ) as KoffiAsyncFunction<[Pointer, Int16Array, number, number, number], number>;
  const psEndUtt = pocketsphinx.func('int ps_end_utt(void *decoder)');
  const psGetHyp = pocketsphinx.func(
    'const char *ps_get_hyp(void *decoder, _Out_ int32_t *out_best_score)',
  );
  const psSegIter = pocketsphinx.func('void *ps_seg_iter(void *decoder)');
  const psSegNext = pocketsphinx.func('void *ps_seg_next(void *seg)');
  const psSegWord = pocketsphinx.func('const char *ps_seg_word(void *seg)');
  const psSegFrames = pocketsphinx.func(
    'void ps_seg_frames(void *seg, _Out_ int *out_sf, _Out_ int *out_ef)',
  );
  const psGetProb = pocketsphinx.func('int32_t ps_get_prob(void *decoder)');
  const psSetLmFile = pocketsphinx.func(
    'int ps_set_lm_file(void *decoder, const char *name, const char *path)',
  ) as KoffiAsyncFunction<[Pointer, string, string], number>;
  const psSetSearch = pocketsphinx.func('int ps_set_search(void *decoder, const char *name)');
  const psGetConfig = pocketsphinx.func('void *ps_get_config(void *decoder)');
  const psGetLogmath = pocketsphinx.func('void *ps_get_logmath(void *decoder)');

  // The library logs every model parameter to stderr before `-logfn` takes effect.
  errSetLogFp(null);

  function promisify<Args extends unknown[], Result>(
    fn: KoffiAsyncFunction<Args, Result>,
    ...args: Args
  ): Promise<Result> {
    return new Promise((resolve, reject) => {
      fn.async(...args, (error: unknown, result: Result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      });
    });
  }

  return {
    parseConfig: (argv) => cmdLnParse(null, psArgs(), argv.length, [...argv], 1) as Pointer,
    freeConfig: (config) => void cmdLnFree(config),
    initDecoder: (config) => promisify(psInit, config),
    freeDecoder: (decoder) => void psFree(decoder),
    startUtterance: (decoder) => psStartUtt(decoder) as number,
    processRaw: (decoder, pcm16) => promisify(psProcessRaw, decoder, pcm16, pcm16.length, 0, 0),
    endUtterance: (decoder) => psEndUtt(decoder) as number,
    hypothesis: (decoder) => psGetHyp(decoder, [0]) as string | null,
    segments: (decoder) => {
      const segments: HypothesisSegment[] = [];
      // ps_seg_next frees the iterator when it returns null, so walking to the end frees it.
      for (let seg = psSegIter(decoder) as Pointer; seg; seg = psSegNext(seg) as Pointer) {
        const startFrame = [0];
        const endFrame = [0];
        psSegFrames(seg, startFrame, endFrame);
        segments.push({
          word: psSegWord(seg) as string,
          startFrame: startFrame[0] as number,
          endFrame: endFrame[0] as number,
        });
      }
      return segments;
    },
    framesPerSecond: (decoder) => Number(cmdLnInt(psGetConfig(decoder), '-frate')) || 100,
    addLanguageModel: async (decoder, name, path, weights = {}) => {
      // ngram_model_read applies the config's -lw/-wip to the model it reads, and the search
      // made from it takes its penalties from the same values: set them for this load only.
      const config = psGetConfig(decoder);
      const overrides = Object.entries({
        '-lw': weights.languageWeight,
        '-wip': weights.wordInsertionPenalty,
      }).filter((entry): entry is [string, number] => entry[1] !== undefined);
      const saved = overrides.map(([option]) => [option, cmdLnFloat(config, option) as number]);
      for (const [option, value] of overrides) cmdLnSetFloat(config, option, value);
      try {
        return await promisify(psSetLmFile, decoder, name, path);
      } finally {
        for (const [option, value] of saved) cmdLnSetFloat(config, option, value);
      }
    },
    setSearch: (decoder, name) => psSetSearch(decoder, name) as number,
    probability: (decoder) => psGetProb(decoder) as number,
    logToLinear: (decoder, logValue) => logmathExp(psGetLogmath(decoder), logValue) as number,
  };
}
