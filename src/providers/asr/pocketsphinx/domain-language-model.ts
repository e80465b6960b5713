/**
 * Per-tenant domain language models: from a menu vocabulary, a caller corpus
 * (caller-corpus.ts) → a Witten-Bell trigram ARPA model (arpa-language-model.ts) → a dictionary of
 * exactly its words (pronunciation-dictionary.ts). Beside this menu model, one answer model per
 * answer kind with a corpus of its own (answer-corpus.ts): that corpus weighted to `answerShares`
 * of the sentence mass, mixed with the menu corpus. All models share the one dictionary (a
 * decoder switches between them). Built once per vocabulary and cached on disk under
 * `<dataDir>/asr-models/<sha256 of the vocabulary>/`, so a call never waits for a rebuild after
 * the first, and a menu change gets new models.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { throwIfAborted } from '../../../platform/errors.ts';
import {
  answerCorpus,
  answerModelKinds,
  type AnswerCorpusOptions,
  type AnswerModelKind,
} from './answer-corpus.ts';
import { buildArpaTrigramModel } from './arpa-language-model.ts';
import { callerCorpus, type CorpusOptions } from './caller-corpus.ts';
import { defaultDictionaryPath } from './decoder-config.ts';
import type { DomainModelSource } from './pocketsphinx-asr.ts';
import { nameWords } from './name-corpus.ts';
import { buildPronunciationDictionary, loadCmudict } from './pronunciation-dictionary.ts';
import { dutchStreetNames } from './street-corpus.ts';

/** Bump when the corpus, the estimator or the dictionary rules change: old caches are ignored. */
const builderVersion = 17;

/**
 * Share of each answer model's sentence mass given to its answer corpus; the rest is the menu
 * corpus. After "Anything else?" a caller often orders more, and at the read-back a change is
 * common: those kinds keep more of the menu. A phone number has nearly no menu words, and a weak
 * digit must not lose to a strong menu word ("seven" heard as "ham and").
 */
export const defaultAnswerShares: Readonly<Record<AnswerModelKind, number>> = {
  more_or_done: 0.7,
  fulfilment: 0.8,
  name: 0.8,
  phone: 0.95,
  address: 0.8,
  yes_no: 0.7,
};

export interface AnswerModelOptions extends AnswerCorpusOptions {
  /** Per kind, the answer corpus's share of the sentence mass (0..1). @default defaultAnswerShares */
  answerShares?: Partial<Record<AnswerModelKind, number>>;
  /** Generated answer sentences (names, numbers, addresses) per kind. @default 600 */
  answerSentences?: number;
}

export interface DomainModelReport {
  words: number;
  ngrams: [number, number, number];
  sentences: number;
  /** Per answer model: its answer sentences and n-gram counts. */
  answerModels: Partial<
    Record<AnswerModelKind, { sentences: number; ngrams: [number, number, number] }>
  >;
  /** Words cmudict lacks, pronounced from espeak-ng. */
  fromEspeak: string[];
  /** Words nobody could pronounce; sentences using them were dropped. */
  dropped: string[];
}

export interface BuiltDomainModel {
  /** The menu model (ARPA text): orders and the rest of a call. */
  arpa: string;
  /** One ARPA model per answer kind, on the same words' dictionary. */
  answerArpas: Record<AnswerModelKind, string>;
  dictionary: string;
  report: DomainModelReport;
}

export async function buildDomainModel(
  vocabulary: readonly string[],
  options: {
    cmudictPath?: string;
    corpus?: CorpusOptions;
    answers?: AnswerModelOptions;
    signal?: AbortSignal;
  } = {},
): Promise<BuiltDomainModel> {
  const cmudict = await loadCmudict(options.cmudictPath ?? defaultDictionaryPath);
  const corpus = callerCorpus(vocabulary, {
    ...options.corpus,
    isKnownWord: (word) => cmudict.has(word),
  });
  const answers = answerModelKinds.map((kind) => ({
    kind,
    corpus: answerCorpus(kind, options.answers?.answerSentences, options.answers),
  }));
  const words = [...new Set([...corpus, ...answers.flatMap((answer) => answer.corpus)].flat())];
  const dictionary = await buildPronunciationDictionary(words, cmudict, options.signal, {
    accentedWords: new Set([...nameWords(), ...dutchStreetNames()]),
  });
  const dropped = new Set(dictionary.unpronounceable);
  const pronounceable = (sentence: readonly string[]) =>
    !sentence.some((word) => dropped.has(word));
  const kept = corpus.filter(pronounceable);
  const model = buildArpaTrigramModel(kept);
  const answerArpas = {} as Record<AnswerModelKind, string>;
  const answerReport: DomainModelReport['answerModels'] = {};
  for (const answer of answers) {
    throwIfAborted(options.signal);
    const answerKept = answer.corpus.filter(pronounceable);
    const share = options.answers?.answerShares?.[answer.kind] ?? defaultAnswerShares[answer.kind];
    const answerModel = buildArpaTrigramModel(
      [...kept, ...answerKept],
      mixWeights(kept.length, answerKept.length, share),
    );
    answerArpas[answer.kind] = answerModel.text;
    answerReport[answer.kind] = {
      sentences: answerKept.length,
      ngrams: answerModel.ngramCounts,
    };
  }
  return {
    arpa: model.text,
    answerArpas,
    dictionary: dictionary.text,
    report: {
      words: model.words.length,
      ngrams: model.ngramCounts,
      sentences: kept.length,
      answerModels: answerReport,
      fromEspeak: dictionary.fromEspeak,
      dropped: [...dropped],
    },
  };
}

/**
 * Sentence weights for `base` menu sentences followed by `answers` answer sentences such that the
 * answers hold `share` of the total weight (menu sentences weigh 1).
 */
export function mixWeights(
  base: number,
  answers: number,
  share: number,
): (index: number) => number {
  if (answers === 0 || base === 0) return () => 1;
  const clamped = Math.min(Math.max(share, 0.01), 0.99);
  const answerWeight = (clamped / (1 - clamped)) * (base / answers);
  return (index) => (index < base ? 1 : answerWeight);
}

export interface DomainLanguageModelsOptions {
  /** Cache root, e.g. the platform's data dir (`.voxeron`). */
  dataDir: string;
  cmudictPath?: string;
  corpus?: CorpusOptions;
  answers?: AnswerModelOptions;
}

export interface CachedDomainModel {
  languageModelPath: string;
  dictionaryPath: string;
  /** Per answer kind with a model of its own: its ARPA file (same dictionary). */
  answerModelPaths: Record<AnswerModelKind, string>;
}

export class DomainLanguageModels implements DomainModelSource {
  private readonly building = new Map<string, Promise<CachedDomainModel>>();

  constructor(private readonly options: DomainLanguageModelsOptions) {}

  /** The cache key of a vocabulary: order and case do not matter. */
  static keyOf(vocabulary: readonly string[], settings: unknown = {}): string {
    const normalised = [...new Set(vocabulary.map((phrase) => phrase.trim().toLowerCase()))];
    return createHash('sha256')
      .update(`v${builderVersion}\n${JSON.stringify(settings)}\n${normalised.sort().join('\n')}`)
      .digest('hex')
      .slice(0, 32);
  }

  modelFor(vocabulary: readonly string[], signal?: AbortSignal): Promise<CachedDomainModel> {
    throwIfAborted(signal);
    // Corpus settings are part of the key: a bench sweep must not reuse another setting's model.
    const key = DomainLanguageModels.keyOf(vocabulary, {
      corpus: this.options.corpus ?? {},
      answers: this.options.answers ?? {},
    });
    let pending = this.building.get(key);
    if (!pending) {
      // Built without the caller's signal: one hang-up must not cancel a build others await.
      pending = this.load(key, vocabulary);
      this.building.set(key, pending);
      pending.catch(() => this.building.delete(key));
    }
    return pending;
  }

  /** What the build of this vocabulary found (words from espeak-ng, dropped words). */
  async report(vocabulary: readonly string[]): Promise<DomainModelReport> {
    const paths = await this.modelFor(vocabulary);
    const file = path.join(path.dirname(paths.languageModelPath), 'report.json');
    return JSON.parse(await readFile(file, 'utf8')) as DomainModelReport;
  }

  private async load(key: string, vocabulary: readonly string[]): Promise<CachedDomainModel> {
    const dir = path.join(this.options.dataDir, 'asr-models', key);
    const answerFile = (kind: AnswerModelKind) => `answer-${kind}.lm`;
    const paths: CachedDomainModel = {
      languageModelPath: path.join(dir, 'domain.lm'),
      dictionaryPath: path.join(dir, 'domain.dict'),
      answerModelPaths: Object.fromEntries(
        answerModelKinds.map((kind) => [kind, path.join(dir, answerFile(kind))]),
      ) as Record<AnswerModelKind, string>,
    };
    if (existsSync(path.join(dir, 'report.json'))) return paths;
    const built = await buildDomainModel(vocabulary, {
      ...(this.options.cmudictPath ? { cmudictPath: this.options.cmudictPath } : {}),
      ...(this.options.corpus ? { corpus: this.options.corpus } : {}),
      ...(this.options.answers ? { answers: this.options.answers } : {}),
    });
    // Written beside and renamed into place: another process never sees half a model.
    const temporary = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(temporary, { recursive: true });
    try {
      await writeFile(path.join(temporary, 'domain.lm'), built.arpa);
      await writeFile(path.join(temporary, 'domain.dict'), built.dictionary);
      for (const kind of answerModelKinds) {
        await writeFile(path.join(temporary, answerFile(kind)), built.answerArpas[kind]);
      }
      await writeFile(path.join(temporary, 'report.json'), JSON.stringify(built.report, null, 2));
      await rename(temporary, dir).catch((error: unknown) => {
        if (!existsSync(path.join(dir, 'report.json'))) throw error;
      });
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
    return paths;
  }
}
