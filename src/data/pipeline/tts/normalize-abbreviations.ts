/**
 * Abbreviations, units and symbols a voice would spell or skip: "Main St." → "Main Street",
 * "St. Mary's" → "Saint Mary's", "20 min" → "20 minutes", "&" → "and", "t/m" → "tot en met".
 */
import type { SpeechLanguage } from './number-words.ts';
import { replaceKeepingPeriod } from './replace-keeping-period.ts';

interface Expansion {
  pattern: RegExp;
  words: (match: RegExpExecArray) => string;
  /** False for titles: the period of "Dr. Smith" never ends the sentence. */
  restorePeriod?: boolean;
}

const fixed = (pattern: RegExp, words: string): Expansion => ({ pattern, words: () => words });

// After a number: the singular when the number is 1. Group 1 is the number, kept as digits.
const unit = (abbreviations: string, singular: string, plural: string): Expansion => ({
  pattern: new RegExp(
    String.raw`(?<![\w.,])(\d+(?:[.,]\d+)?)\s?(?:${abbreviations})(?![\p{L}\d])\.?`,
    'gu',
  ),
  words: (match) => `${match[1]} ${match[1] === '1' ? singular : plural}`,
});

// A title before a name: at the start of a sentence or after a lower-case word ("near St. Mary's").
const beforeName = String.raw`(?<=^|[.!?:;,(]\s+|\b\p{Ll}[\p{L}']*\s+|^\p{Lu}[\p{L}']*\s+|[.!?]\s+\p{Lu}[\p{L}']*\s+)`;
const title = (abbreviation: string, words: string): Expansion => ({
  pattern: new RegExp(String.raw`${beforeName}${abbreviation}\.?(?=\s+\p{Lu})`, 'gu'),
  words: () => words,
  restorePeriod: false,
});
// A street type after the street's name ("Main St.", "Mulholland Dr").
const streetType = (abbreviation: string, words: string): Expansion =>
  fixed(
    new RegExp(
      String.raw`(?<=(?:\b\p{Lu}[\p{L}'-]*|\b\d+(?:st|nd|rd|th))\s)${abbreviation}\b\.?`,
      'gu',
    ),
    words,
  );

const english = (spelling: 'us' | 'gb'): Expansion[] => [
  title('St', 'Saint'),
  title('Dr', 'Doctor'),
  ...(
    [
      ['St', 'Street'],
      ['Ave', 'Avenue'],
      ['Rd', 'Road'],
      ['Blvd', 'Boulevard'],
      ['Ln', 'Lane'],
      ['Dr', 'Drive'],
      ['Sq', 'Square'],
    ] as const
  ).map(([abbreviation, words]) => streetType(abbreviation, words)),
  { ...fixed(/\bMr\.?(?=\s)/g, 'Mister'), restorePeriod: false },
  { ...fixed(/\bMrs\.?(?=\s)/g, 'Missus'), restorePeriod: false },
  { ...fixed(/\bMs\.?(?=\s)/g, 'Miz'), restorePeriod: false },
  fixed(/\be\.g\.(?=\W|$)/gi, 'for example'),
  fixed(/\bi\.e\.(?=\W|$)/gi, 'that is'),
  fixed(/\betc\./gi, 'et cetera'),
  fixed(/\bapprox\./gi, 'approximately'),
  fixed(/\bincl\./gi, 'including'),
  fixed(/\bexcl\./gi, 'excluding'),
  fixed(/\bvs\.?(?=\s)/gi, 'versus'),
  { ...fixed(/\b[Nn]o\.\s?(?=\d)/g, 'number '), restorePeriod: false },
  fixed(/#\s?(?=\d)/g, 'number '),
  unit('mins?|minutes?', 'minute', 'minutes'),
  unit('hrs?|h', 'hour', 'hours'),
  unit('secs?', 'second', 'seconds'),
  unit(
    'km',
    spelling === 'gb' ? 'kilometre' : 'kilometer',
    spelling === 'gb' ? 'kilometres' : 'kilometers',
  ),
  unit('mi', 'mile', 'miles'),
  unit('kg', 'kilogram', 'kilograms'),
  unit('g', 'gram', 'grams'),
  unit(
    'ml',
    spelling === 'gb' ? 'millilitre' : 'milliliter',
    spelling === 'gb' ? 'millilitres' : 'milliliters',
  ),
  unit(
    'cl',
    spelling === 'gb' ? 'centilitre' : 'centiliter',
    spelling === 'gb' ? 'centilitres' : 'centiliters',
  ),
  fixed(/\s*&\s*/g, ' and '),
];

const dutch: Expansion[] = [
  fixed(/\bt\/m\b/gi, 'tot en met'),
  fixed(/\bi\.p\.v\./gi, 'in plaats van'),
  fixed(/\bo\.a\./gi, 'onder andere'),
  fixed(/\bz\.s\.m\./gi, 'zo snel mogelijk'),
  fixed(/\bbijv\./gi, 'bijvoorbeeld'),
  fixed(/\bca\./gi, 'circa'),
  fixed(/\bincl\./gi, 'inclusief'),
  fixed(/\bexcl\./gi, 'exclusief'),
  { ...fixed(/\b[Nn]r\.\s?(?=\d)/g, 'nummer '), restorePeriod: false },
  fixed(/#\s?(?=\d)/g, 'nummer '),
  fixed(/(?<=\p{L})str\.(?=\s)/gu, 'straat'),
  unit('min|minuten', 'minuut', 'minuten'),
  unit('u|uur', 'uur', 'uur'),
  unit('km', 'kilometer', 'kilometer'),
  unit('kg', 'kilo', 'kilo'),
  unit('g', 'gram', 'gram'),
  unit('ml', 'milliliter', 'milliliter'),
  unit('cl', 'centiliter', 'centiliter'),
  fixed(/\s*&\s*/g, ' en '),
];

const englishUs = english('us');
const englishGb = english('gb');

export function normalizeAbbreviations(
  text: string,
  language: SpeechLanguage,
  bcp47: string,
): string {
  const expansions =
    language === 'nl' ? dutch : /^en-(gb|ie|au|nz)/i.test(bcp47) ? englishGb : englishUs;
  return expansions.reduce(
    (result, expansion) =>
      replaceKeepingPeriod(result, expansion.pattern, expansion.words, {
        restorePeriod: expansion.restorePeriod ?? true,
      }),
    text,
  );
}
