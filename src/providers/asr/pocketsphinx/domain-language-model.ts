/**
 * Per-tenant domain language models: from a menu vocabulary, a caller corpus
 * (caller-corpus.ts) → a Witten-Bell trigram ARPA model (arpa-language-model.ts) → a dictionary of
 * exactly its words (pronunciation-dictionary.ts). Built once per vocabulary and cached on disk
 * under `<dataDir>/asr-models/<sha256 of the vocabulary>/`, so a call never waits for a rebuild
 * after the first, and a menu change gets a new model.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { throwIfAborted } from '../../../platform/errors.ts';
import { buildArpaTrigramModel } from './arpa-language-model.ts';
import { callerCorpus, type CorpusOptions } from './caller-corpus.ts';
import { defaultDictionaryPath } from './decoder-config.ts';
import type { DomainModelSource } from './pocketsphinx-asr.ts';
import { buildPronunciationDictionary, loadCmudict } from './pronunciation-dictionary.ts';

/** Bump when the corpus, the estimator or the dictionary rules change: old caches are ignored. */
const builderVersion = 3;

export interface DomainModelReport {
  words: number;
  ngrams: [number, number, number];
  sentences: number;
  /** Words cmudict lacks, pronounced from espeak-ng. */
  fromEspeak: string[];
  /** Words nobody could pronounce; sentences using them were dropped. */
  dropped: string[];
}

export interface BuiltDomainModel {
  arpa: string;
  dictionary: string;
  report: DomainModelReport;
}

export async function buildDomainModel(
  vocabulary: readonly string[],
  options: { cmudictPath?: string; corpus?: CorpusOptions; signal?: AbortSignal } = {},
): Promise<BuiltDomainModel> {
  const cmudict = await loadCmudict(options.cmudictPath ?? defaultDictionaryPath);
  const corpus = callerCorpus(vocabulary, {
    ...options.corpus,
    isKnownWord: (word) => cmudict.has(word),
  });
  const words = [...new Set(corpus.flat())];
  const dictionary = await buildPronunciationDictionary(words, cmudict, options.signal);
  const dropped = new Set(dictionary.unpronounceable);
  const kept = corpus.filter((sentence) => !sentence.some((word) => dropped.has(word)));
  const model = buildArpaTrigramModel(kept);
  return {
    arpa: model.text,
    dictionary: dictionary.text,
    report: {
      words: model.words.length,
      ngrams: model.ngramCounts,
      sentences: kept.length,
      fromEspeak: dictionary.fromEspeak,
      dropped: [...dropped],
    },
  };
}

export interface DomainLanguageModelsOptions {
  /** Cache root, e.g. the platform's data dir (`.voxeron`). */
  dataDir: string;
  cmudictPath?: string;
  corpus?: CorpusOptions;
}

export interface CachedDomainModel {
  languageModelPath: string;
  dictionaryPath: string;
}

export class DomainLanguageModels implements DomainModelSource {
  private readonly building = new Map<string, Promise<CachedDomainModel>>();

  constructor(private readonly options: DomainLanguageModelsOptions) {}

  /** The cache key of a vocabulary: order and case do not matter. */
  static keyOf(vocabulary: readonly string[]): string {
    const normalised = [...new Set(vocabulary.map((phrase) => phrase.trim().toLowerCase()))];
    return createHash('sha256')
      .update(`v${builderVersion}\n${normalised.sort().join('\n')}`)
      .digest('hex')
      .slice(0, 32);
  }

  modelFor(vocabulary: readonly string[], signal?: AbortSignal): Promise<CachedDomainModel> {
    throwIfAborted(signal);
    const key = DomainLanguageModels.keyOf(vocabulary);
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
    const paths = {
      languageModelPath: path.join(dir, 'domain.lm'),
      dictionaryPath: path.join(dir, 'domain.dict'),
    };
    if (existsSync(path.join(dir, 'report.json'))) return paths;
    const built = await buildDomainModel(vocabulary, {
      ...(this.options.cmudictPath ? { cmudictPath: this.options.cmudictPath } : {}),
      ...(this.options.corpus ? { corpus: this.options.corpus } : {}),
    });
    // Written beside and renamed into place: another process never sees half a model.
    const temporary = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(temporary, { recursive: true });
    try {
      await writeFile(path.join(temporary, 'domain.lm'), built.arpa);
      await writeFile(path.join(temporary, 'domain.dict'), built.dictionary);
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
