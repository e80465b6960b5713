/**
 * Digit patterns that a TTS vendor would read as one big number: phone numbers (digit by digit,
 * a pause between groups), Dutch postcodes ("1012 AB" → "ten twelve A-B"), percentages,
 * quantities ("2 × Margherita" → "two Margherita") and ordinals ("21st", "3e").
 */
import {
  cardinalWords,
  decimalWords,
  digitWord,
  ordinalWords,
  type SpeechLanguage,
} from './number-words.ts';
import { replaceKeepingPeriod } from './replace-keeping-period.ts';

const group = String.raw`(?:\(\d{1,5}\)|\d{1,15})`;
const phoneCandidate = new RegExp(
  String.raw`(?<![\w€$£+.,:/-])(?:\+\s?)?${group}(?:(?:\s?[-.]\s?|\s)${group}){0,7}(?![\w€%:]|[.,]\d)`,
  'g',
);
const minPhoneDigits = 7;
const maxPhoneDigits = 15;

export function normalizePhoneNumbers(text: string, language: SpeechLanguage): string {
  return text.replace(phoneCandidate, (written) => {
    const groups = written.match(/\d+/g) ?? [];
    const digitCount = groups.join('').length;
    if (digitCount < minPhoneDigits || digitCount > maxPhoneDigits) return written;
    if (isGroupedNumber(written) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(written)) return written;
    const spokenGroups = groups
      .flatMap(splitLongGroup)
      .map((digits) => [...digits].map((digit) => digitWord(digit, language)).join(' '));
    // Commas make every vendor pause between groups, as a person reading a number does.
    return `${written.startsWith('+') ? 'plus ' : ''}${spokenGroups.join(', ')}`;
  });
}

/** "1.250.000" or "1 250 000" is a number with thousands separators, not a phone number. */
function isGroupedNumber(written: string): boolean {
  if (/[+()]/.test(written)) return false;
  const groups = written.split(/[\s.-]/);
  const separators = new Set(written.match(/[\s.-]/g));
  return (
    groups.length > 1 &&
    separators.size === 1 &&
    groups.slice(1).every((g) => g.length === 3) &&
    groups[0]!.length <= 3
  );
}

/**
 * A run of more than five digits read as threes and a final four (061 234 5678), a lone
 * leftover digit joining the group before it, so no group is read as a single digit.
 */
function splitLongGroup(digits: string): string[] {
  if (digits.length <= 5) return [digits];
  const groups = digits.slice(0, -4).match(/\d{1,3}/g)!;
  const last = groups.at(-1)!;
  if (groups.length > 1 && last.length === 1) {
    groups.pop();
    groups.push(`${groups.pop()!}${last}`);
  }
  return [...groups, digits.slice(-4)];
}

const dutchPostcode = /(?<![\w.,])([1-9]\d)(\d{2})\s?([A-Z]{2})(?![\w])/g;

export function normalizePostcodes(text: string, language: SpeechLanguage): string {
  return text.replace(
    dutchPostcode,
    (written, firstPair: string, secondPair: string, letters: string) => {
      if (letters === 'AM' || letters === 'PM') return written;
      const second =
        secondPair === '00'
          ? language === 'nl'
            ? 'honderd'
            : 'hundred'
          : secondPair.startsWith('0')
            ? `${language === 'nl' ? 'nul' : 'oh'} ${digitWord(secondPair[1]!, language)}`
            : cardinalWords(Number(secondPair), language);
      // Hyphenated so the letters are spelled: espeak reads a lone "A" as the article.
      return `${cardinalWords(Number(firstPair), language)} ${second} ${[...letters].join('-')}`;
    },
  );
}

const percentage = /(?<![\w.,])(\d+)(?:[.,](\d+))?\s?%/g;

export function normalizePercentages(text: string, language: SpeechLanguage): string {
  return text.replace(percentage, (_written, whole: string, fraction: string | undefined) => {
    return `${decimalWords(whole, fraction ?? '', language)} ${language === 'nl' ? 'procent' : 'percent'}`;
  });
}

// "2x Margherita", "2 x Margherita", "2× Margherita": the count of an order line.
const orderLineCount = /(?<![\w.,])(\d{1,3})(?:\s?×\s?|x\s+|\s+x\s+)(?=\p{L})/giu;
const timesBetweenNumbers = /(?<=\d)\s?×\s?(?=\d)/g;

export function normalizeQuantities(text: string, language: SpeechLanguage): string {
  return text
    .replace(
      orderLineCount,
      (_written, count: string) => `${cardinalWords(Number(count), language)} `,
    )
    .replace(timesBetweenNumbers, language === 'nl' ? ' keer ' : ' times ');
}

const englishOrdinal = /(?<![\w.,])(\d+)(st|nd|rd|th)\b/gi;
const dutchOrdinal = /(?<![\w.,])(\d+)(e|ste|de)\b/g;

export function normalizeOrdinals(text: string, language: SpeechLanguage): string {
  const pattern = language === 'nl' ? dutchOrdinal : englishOrdinal;
  return replaceKeepingPeriod(text, pattern, (match) => {
    const value = Number(match[1]);
    return value > 0 ? ordinalWords(value, language) : undefined;
  });
}
