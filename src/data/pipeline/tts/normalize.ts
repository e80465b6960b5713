/**
 * Text normalisation for speech: what the agent wrote ("€12.50", "18:30", "+31 6 1234 5678")
 * turned into what it should say, before any TTS vendor sees it. Vendors each have their own
 * (and differing) rules; normalising here makes every voice say prices and times the same way.
 * English is complete; Dutch covers prices, times, numbers, postcodes and common abbreviations.
 * Plain numbers ("at 9", "2 pizzas") are left for the vendor: they are already speakable.
 */
import { normalizeAbbreviations } from './normalize-abbreviations.ts';
import {
  normalizeOrdinals,
  normalizePercentages,
  normalizePhoneNumbers,
  normalizePostcodes,
  normalizeQuantities,
} from './normalize-digits.ts';
import { normalizeMoney } from './normalize-money.ts';
import { normalizeTimes } from './normalize-time.ts';
import { speechLanguageOf } from './number-words.ts';

export interface NormalizeOptions {
  /** BCP 47, e.g. 'en-US', 'nl-NL'; anything not Dutch is read as English. */
  language: string;
  /**
   * ISO 4217 code of the restaurant's currency (EUR, USD, GBP). When set, a bare amount with
   * two decimals ("that's 12.50 in total") is read as a price in it; otherwise it is left alone.
   */
  currency?: string;
}

export function normalizeForSpeech(text: string, options: NormalizeOptions): string {
  const language = speechLanguageOf(options.language);
  // Order matters: prices and times first (they own their dots and colons), postcodes before
  // phone numbers ("Prinsengracht 263 1016 GV" is not a seven-digit number).
  let result = normalizeMoney(text, language, options.currency);
  result = normalizePercentages(result, language);
  result = normalizeTimes(result, language);
  result = normalizePostcodes(result, language);
  result = normalizePhoneNumbers(result, language);
  result = normalizeQuantities(result, language);
  // Abbreviations before ordinals: "3rd Ave." is a street only while "3rd" is still digits.
  result = normalizeAbbreviations(result, language, options.language);
  result = normalizeOrdinals(result, language);
  return result
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?;:])/g, '$1')
    .trim();
}
