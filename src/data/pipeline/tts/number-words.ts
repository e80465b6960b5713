/**
 * Numbers as words, English and Dutch: what text normalisation feeds to any TTS vendor so a
 * price or a time is read the way a person says it, whatever the vendor's own rules.
 */

/** The language family a normaliser speaks; anything that is not Dutch is read as English. */
export type SpeechLanguage = 'en' | 'nl';

export function speechLanguageOf(bcp47: string): SpeechLanguage {
  return bcp47.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

const englishBelow20 = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const englishTens = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];

// Dutch writes numbers below a million as one word; "één" (stressed) only when it stands alone,
// "een" inside a compound ("eenentwintig", "honderdeen").
const dutchBelow20 = [
  'nul',
  'een',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
  'elf',
  'twaalf',
  'dertien',
  'veertien',
  'vijftien',
  'zestien',
  'zeventien',
  'achttien',
  'negentien',
] as const;
const dutchTens = [
  '',
  '',
  'twintig',
  'dertig',
  'veertig',
  'vijftig',
  'zestig',
  'zeventig',
  'tachtig',
  'negentig',
];

const scales = [
  { value: 1_000_000_000, en: 'billion', nl: 'miljard' },
  { value: 1_000_000, en: 'million', nl: 'miljoen' },
] as const;

/** A non-negative integer as words, e.g. 1250 → "one thousand two hundred fifty". */
export function cardinalWords(value: number, language: SpeechLanguage): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`cardinalWords takes a non-negative safe integer, got ${value}`);
  }
  if (language === 'nl') return value === 1 ? 'één' : dutchCardinal(value);
  return englishCardinal(value);
}

function englishCardinal(value: number): string {
  if (value < 20) return englishBelow20[value]!;
  if (value < 100) {
    const unit = value % 10;
    const tens = englishTens[Math.floor(value / 10)]!;
    return unit === 0 ? tens : `${tens}-${englishBelow20[unit]}`;
  }
  if (value < 1000) {
    const rest = value % 100;
    const hundreds = `${englishBelow20[Math.floor(value / 100)]} hundred`;
    return rest === 0 ? hundreds : `${hundreds} ${englishCardinal(rest)}`;
  }
  for (const scale of scales) {
    if (value >= scale.value) return englishScaled(value, scale.value, scale.en);
  }
  return englishScaled(value, 1000, 'thousand');
}

function englishScaled(value: number, scale: number, word: string): string {
  const rest = value % scale;
  const head = `${englishCardinal(Math.floor(value / scale))} ${word}`;
  return rest === 0 ? head : `${head} ${englishCardinal(rest)}`;
}

function dutchCardinal(value: number): string {
  if (value < 20) return dutchBelow20[value]!;
  if (value < 100) {
    const unit = value % 10;
    const tens = dutchTens[Math.floor(value / 10)]!;
    if (unit === 0) return tens;
    const unitWord = dutchBelow20[unit]!;
    // "tweeëntwintig": a trema keeps the vowels apart when the unit ends in e.
    return `${unitWord}${unitWord.endsWith('e') ? 'ën' : 'en'}${tens}`;
  }
  if (value < 1000) {
    const hundreds = Math.floor(value / 100);
    const rest = value % 100;
    const head = hundreds === 1 ? 'honderd' : `${dutchBelow20[hundreds]}honderd`;
    return rest === 0 ? head : `${head}${dutchCardinal(rest)}`;
  }
  for (const scale of scales) {
    if (value >= scale.value) {
      const rest = value % scale.value;
      const head = `${cardinalWords(Math.floor(value / scale.value), 'nl')} ${scale.nl}`;
      return rest === 0 ? head : `${head} ${dutchCardinal(rest)}`;
    }
  }
  const thousands = Math.floor(value / 1000);
  const rest = value % 1000;
  const head = thousands === 1 ? 'duizend' : `${dutchCardinal(thousands)}duizend`;
  return rest === 0 ? head : `${head} ${dutchCardinal(rest)}`;
}

const englishOrdinalExceptions: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

/** A positive integer as an ordinal, e.g. 21 → "twenty-first", 8 → "achtste". */
export function ordinalWords(value: number, language: SpeechLanguage): string {
  if (language === 'nl') return dutchOrdinal(value);
  const cardinal = englishCardinal(value);
  const match = /^(.*?)([a-z]+)$/.exec(cardinal)!;
  const [, head, last] = match as unknown as [string, string, string];
  const ordinal =
    englishOrdinalExceptions[last] ??
    (last.endsWith('y') ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return `${head}${ordinal}`;
}

function dutchOrdinal(value: number): string {
  const small = value % 100;
  if (small >= 1 && small < 20) {
    const head = value - small === 0 ? '' : dutchCardinal(value - small);
    const tail =
      small === 1
        ? 'eerste'
        : small === 3
          ? 'derde'
          : small === 8
            ? 'achtste'
            : `${dutchBelow20[small]}de`;
    return `${head}${tail}`;
  }
  return `${dutchCardinal(value)}ste`;
}

/** One digit as a word, for reading phone numbers digit by digit. */
export function digitWord(digit: string, language: SpeechLanguage): string {
  const value = Number(digit);
  return language === 'nl' ? (value === 1 ? 'één' : dutchBelow20[value]!) : englishBelow20[value]!;
}

/** A decimal read as "twelve point five" / "twaalf komma vijf"; the fraction digit by digit. */
export function decimalWords(
  integerPart: string,
  fractionPart: string,
  language: SpeechLanguage,
): string {
  const whole = cardinalWords(Number(integerPart), language);
  if (fractionPart === '') return whole;
  const digits = [...fractionPart].map((digit) => digitWord(digit, language)).join(' ');
  return `${whole} ${language === 'nl' ? 'komma' : 'point'} ${digits}`;
}
