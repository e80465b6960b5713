import type { AsrStreamOptions } from '../../../data/pipeline/asr/asr-provider.ts';
import type { DeepgramAsrSettings } from './deepgram-options.ts';

/**
 * The `/v1/listen` URL for one stream: raw PCM16 (linear16) mono at the stream's rate, interim
 * results on (partials), and the tenant's menu vocabulary as boosts — `keyterm` for Nova-3 and
 * Flux, `keywords` (single words) for older models, each repeated once per term.
 */
export function deepgramListenUrl(settings: DeepgramAsrSettings, stream: AsrStreamOptions): URL {
  const base = settings.baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  const url = new URL(`${base}/v1/listen`);
  const params = url.searchParams;
  params.set('model', settings.model);
  params.set('language', deepgramLanguage(stream.language, settings.languageCodes));
  params.set('encoding', 'linear16');
  params.set('sample_rate', String(stream.sampleRateHz));
  params.set('channels', '1');
  params.set('interim_results', 'true');
  params.set('endpointing', String(settings.endpointingMs));
  params.set('smart_format', String(settings.smartFormat));
  if (settings.vadEvents) params.set('vad_events', 'true');
  if (settings.utteranceEndMs !== undefined) {
    params.set('utterance_end_ms', String(settings.utteranceEndMs));
  }
  const usesKeyterms = /^(nova-3|flux)/.test(settings.model);
  for (const term of vocabularyTerms(stream.vocabulary ?? [], usesKeyterms).slice(
    0,
    settings.maxVocabularyTerms,
  )) {
    params.append(usesKeyterms ? 'keyterm' : 'keywords', term);
  }
  return url;
}

export function deepgramLanguage(bcp47: string, overrides: Record<string, string>): string {
  const override = overrides[bcp47];
  if (override) return override;
  const primary = bcp47.split('-')[0] ?? bcp47;
  return primary.toLowerCase() === 'en' ? bcp47 : primary.toLowerCase();
}

/** Distinct terms in first-seen order; keywords must be single words, keyterms may be phrases. */
function vocabularyTerms(vocabulary: readonly string[], phrasesAllowed: boolean): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const entry of vocabulary) {
    const candidates = phrasesAllowed ? [entry] : entry.split(/\s+/);
    for (const candidate of candidates) {
      const term = candidate.trim().replace(/\s+/g, ' ');
      const key = term.toLowerCase();
      if (term.length === 0 || seen.has(key)) continue;
      seen.add(key);
      terms.push(term);
    }
  }
  return terms;
}
