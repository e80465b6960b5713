/**
 * Local streaming speech recognition with pocketsphinx (CMU Sphinx, Debian packages) through
 * its C library. One native decoder per stream; with a `vocabulary` the stream decodes with a
 * domain language model generated from it (see domain-language-model.ts), otherwise with the
 * configured (by default the generic en-us) model. With a domain model, `stream.expect(hint)`
 * switches the following utterances to the answer model of that kind (digits after "what's your
 * number?"), loaded into the decoder as a named search the first time it is wanted.
 */
import path from 'node:path';
import type {
  AsrAnswerKind,
  AsrExpectation,
  AsrProvider,
  AsrStream,
  AsrStreamOptions,
} from '../../../data/pipeline/asr/asr-provider.ts';
import { UnsupportedSampleRateError } from '../../../data/pipeline/asr/asr-errors.ts';
import { systemClock, type Clock } from '../../../platform/clock.ts';
import { throwIfAborted } from '../../../platform/errors.ts';
import {
  defaultAcousticModelDirs,
  defaultDictionaryPath,
  defaultLanguageModelPath,
  pocketsphinxRatesHz,
  type DecoderModelPaths,
  type PocketsphinxRateHz,
} from './decoder-config.ts';
import { hasAnswerModel } from './answer-corpus.ts';
import { PocketsphinxDecoder } from './pocketsphinx-decoder.ts';
import { PocketsphinxStream, type AnswerLanguageModel } from './pocketsphinx-stream.ts';
import { TelephoneUpsampler } from './telephone-upsampler.ts';

/** Makes (or finds cached) a language model and dictionary for a caller vocabulary. */
export interface DomainModelSource {
  modelFor(
    vocabulary: readonly string[],
    signal?: AbortSignal,
  ): Promise<{
    languageModelPath: string;
    dictionaryPath: string;
    /** ARPA files of answer models (same dictionary), per `AsrAnswerKind`; optional. */
    answerModelPaths?: Readonly<Partial<Record<string, string>>>;
  }>;
}

export interface PocketsphinxAsrOptions {
  /** Acoustic model folder per rate. @default hub4wsj_sc_8k (shared models) and Debian en-us */
  acousticModelDirs?: Partial<Record<PocketsphinxRateHz, string>>;
  /** @default the Debian cmudict-en-us.dict */
  dictionaryPath?: string;
  /** ARPA or binary LM used when a stream has no vocabulary. @default Debian en-us.lm.bin */
  languageModelPath?: string;
  /** Builds domain LMs from `AsrStreamOptions.vocabulary`; without it vocabulary is ignored. */
  domainModels?: DomainModelSource;
  /**
   * How much audio is searched between partial checks: a word's end waits for its slice to fill
   * (up to a slice less one 20 ms frame). 40 ms against 80 ms, 8 kHz model, paced, side by side
   * (bench/asr-accuracy.ts --variants, 30 utterances): word emission lag median 82 → 44 ms, p95
   * 381 → 322 ms, process CPU 3.7 → 4.1 % of the audio's duration, WER unchanged. 20 ms (with
   * `-pl_window 1`, 45 utterances) gains p95 330 → 320 ms for CPU 4.9 → 5.6 %. @default 40
   */
  partialIntervalMs?: number;
  /** Queued, unsearched audio above which `write` returns false. @default 3000 */
  maxQueuedAudioMs?: number;
  /**
   * How 8 kHz (telephone) audio is recognised: `'upsample'` — upsampled to 16 kHz with the empty
   * band above 4 kHz filled with noise (telephone-upsampler.ts) and searched with the 16 kHz
   * model; `'8k-model'` — searched as is with the 8 kHz model. @default '8k-model': nearly as
   * accurate on the dev calls (48.6 vs 45.4 % WER, see README) and it does not depend on the
   * line's loudness — the upsampler's fixed noise level is tuned to espeak-ng's level, and a
   * quieter caller (or another voice) loses most of its advantage.
   */
  telephoneAudio?: 'upsample' | '8k-model';
  /** RMS (PCM16 units) of the noise put above 4 kHz in `'upsample'` mode. @default 4300 */
  upperBandNoiseRms?: number;
  /** Extra decoder arguments (see decoder-config.ts). */
  extraArgs?: Readonly<Record<string, string>>;
  /**
   * Whether `stream.expect` switches to the domain source's answer models (see README).
   * @default true
   */
  answerModels?: boolean;
  clock?: Clock;
}

/**
 * Language weight with a domain model, per acoustic model rate (the generic model's default is
 * 6.5): measured on the dev calls in bench/asr-accuracy.ts.
 */
const domainLanguageWeight: Record<PocketsphinxRateHz, string> = { 8000: '8', 16000: '10' };

/**
 * Language weight added for an answer model's search: a phone number's digits are equally likely
 * each, so the model must be trusted more for a weak digit to beat a strong menu word. Evidence
 * is thin (synthesised digit strings at 8 kHz: 47.5 % WER at +0, 42.6 % at +2 on one set; 45.0
 * vs 45.8 % on random ones); +2 heard a leading "zero" that +0 heard as "three four".
 */
const answerLanguageWeightBoost: Partial<Record<AsrAnswerKind, number>> = { phone: 2 };

export class PocketsphinxAsr implements AsrProvider {
  readonly name: string;
  readonly sampleRatesHz = pocketsphinxRatesHz;
  private readonly acousticModelDirs: Record<PocketsphinxRateHz, string>;

  constructor(private readonly options: PocketsphinxAsrOptions = {}) {
    this.acousticModelDirs = { ...defaultAcousticModelDirs, ...options.acousticModelDirs };
    // Named after the 8 kHz model as routing policies and summaries know it ("hub4wsj_sc_8k"),
    // whichever model the telephone audio is searched with.
    this.name = `pocketsphinx/${path.basename(this.acousticModelDirs[8000])}`;
  }

  /** The rate of the acoustic model that searches audio arriving at `sampleRateHz`. */
  private modelRateFor(sampleRateHz: PocketsphinxRateHz): PocketsphinxRateHz {
    const upsample = (this.options.telephoneAudio ?? '8k-model') === 'upsample';
    return sampleRateHz === 8000 && upsample ? 16000 : sampleRateHz;
  }

  async open(streamOptions: AsrStreamOptions): Promise<AsrStream> {
    const { sampleRateHz, signal } = streamOptions;
    if (!isPocketsphinxRate(sampleRateHz)) {
      throw new UnsupportedSampleRateError(this.name, sampleRateHz, this.sampleRatesHz);
    }
    throwIfAborted(signal);
    const modelRateHz = this.modelRateFor(sampleRateHz);
    const models = await this.modelPaths(modelRateHz, streamOptions.vocabulary, signal);
    const decoder = await PocketsphinxDecoder.create(
      {
        ...models,
        sampleRateHz: modelRateHz,
        extraArgs: {
          // A small domain model deserves more trust than the generic one.
          ...(models.domain ? { '-lw': domainLanguageWeight[modelRateHz] } : {}),
          ...this.options.extraArgs,
        },
      },
      modelRateHz === sampleRateHz
        ? undefined
        : new TelephoneUpsampler({ upperBandNoiseRms: this.options.upperBandNoiseRms ?? 4300 }),
    );
    if (signal?.aborted) {
      await decoder.free();
      throwIfAborted(signal);
    }
    return new PocketsphinxStream(decoder, {
      providerName: this.name,
      sampleRateHz,
      partialIntervalMs: this.options.partialIntervalMs ?? 40,
      maxQueuedAudioMs: this.options.maxQueuedAudioMs ?? 3000,
      clock: this.options.clock ?? systemClock,
      ...(models.answerModelPaths && this.options.answerModels !== false
        ? {
            answerModelFor: answerModelLookup(
              models.answerModelPaths,
              Number(this.options.extraArgs?.['-lw'] ?? domainLanguageWeight[modelRateHz]),
            ),
          }
        : {}),
      ...(signal ? { signal } : {}),
    });
  }

  private async modelPaths(
    sampleRateHz: PocketsphinxRateHz,
    vocabulary: readonly string[] | undefined,
    signal: AbortSignal | undefined,
  ): Promise<
    DecoderModelPaths & {
      domain: boolean;
      answerModelPaths?: Readonly<Partial<Record<string, string>>>;
    }
  > {
    const acousticModelDir = this.acousticModelDirs[sampleRateHz];
    if (vocabulary && vocabulary.length > 0 && this.options.domainModels) {
      const domain = await this.options.domainModels.modelFor(vocabulary, signal);
      return { acousticModelDir, ...domain, domain: true };
    }
    return {
      acousticModelDir,
      domain: false,
      dictionaryPath: this.options.dictionaryPath ?? defaultDictionaryPath,
      languageModelPath: this.options.languageModelPath ?? defaultLanguageModelPath,
    };
  }
}

function answerModelLookup(
  paths: Readonly<Partial<Record<string, string>>>,
  languageWeight: number,
): (expectation: AsrExpectation) => AnswerLanguageModel | undefined {
  return ({ kind }) => {
    const languageModelPath = hasAnswerModel(kind) ? paths[kind] : undefined;
    if (!languageModelPath) return undefined;
    const boost = answerLanguageWeightBoost[kind];
    return {
      name: `answer-${kind}`,
      languageModelPath,
      ...(boost ? { weights: { languageWeight: languageWeight + boost } } : {}),
    };
  };
}

function isPocketsphinxRate(rate: number): rate is PocketsphinxRateHz {
  return (pocketsphinxRatesHz as readonly number[]).includes(rate);
}
