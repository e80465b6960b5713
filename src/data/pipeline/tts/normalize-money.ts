/**
 * Prices as a person says them: "€12.50" → "twelve euros fifty", "€0.50" → "fifty cents",
 * "€ 12,50" → "twaalf euro vijftig". Both decimal marks are accepted in both languages because
 * LLMs mix them; a group of exactly three digits after a mark is a thousands separator.
 */
import { cardinalWords, type SpeechLanguage } from './number-words.ts';
import { replaceKeepingPeriod } from './replace-keeping-period.ts';

interface CurrencyWords {
  major: { one: string; many: string };
  minor: { one: string; many: string };
}

const currencyWords: Record<string, Record<SpeechLanguage, CurrencyWords>> = {
  EUR: {
    en: { major: { one: 'euro', many: 'euros' }, minor: { one: 'cent', many: 'cents' } },
    nl: { major: { one: 'euro', many: 'euro' }, minor: { one: 'cent', many: 'cent' } },
  },
  USD: {
    en: { major: { one: 'dollar', many: 'dollars' }, minor: { one: 'cent', many: 'cents' } },
    nl: { major: { one: 'dollar', many: 'dollar' }, minor: { one: 'cent', many: 'cent' } },
  },
  GBP: {
    en: { major: { one: 'pound', many: 'pounds' }, minor: { one: 'penny', many: 'pence' } },
    nl: { major: { one: 'pond', many: 'pond' }, minor: { one: 'penny', many: 'pence' } },
  },
};

const symbolCurrency: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  "euro's": 'EUR',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  gbp: 'GBP',
};

// An amount: digits with optional thousands groups and decimals, or Dutch "12,-".
const amount = String.raw`(\d+(?:[.,]\d+)*)(?:[.,]-)?`;
const prefixed = new RegExp(
  String.raw`(?<![\w.,])(€|\$|£|\b(?:EUR|USD|GBP)\b)\s?${amount}(?![\d%]|[.,]\d)`,
  'gi',
);
const suffixed = new RegExp(
  String.raw`(?<![\w.,€$£])${amount}\s?(€|\b(?:EUR|USD|GBP|euros?|euro's|dollars?)\b)`,
  'gi',
);
const bare = /(?<![\w.,:€$£+-])(\d+[.,]\d{2})(?![\w%]|[.,:]\d|\s?uur\b)/g;

/** Whole units and cents, or undefined when the digits are not a plausible amount. */
export function parseAmount(raw: string): { units: number; cents: number } | undefined {
  const parts = raw.split(/[.,]/);
  let fraction = '';
  const last = parts.at(-1)!;
  if (parts.length > 1 && last.length <= 2) {
    fraction = last;
    parts.pop();
  }
  const [head, ...groups] = parts;
  if (head === undefined || groups.some((group) => group.length !== 3)) return undefined;
  const units = Number(head + groups.join(''));
  if (!Number.isSafeInteger(units)) return undefined;
  return { units, cents: fraction === '' ? 0 : Number(fraction.padEnd(2, '0')) };
}

/** "twelve euros fifty", "one dollar and five cents", "fifty cents", "zeven euro". */
export function amountWords(
  value: { units: number; cents: number },
  currency: string,
  language: SpeechLanguage,
): string | undefined {
  const words = currencyWords[currency.toUpperCase()]?.[language];
  if (words === undefined) return undefined;
  const { units, cents } = value;
  const major = `${cardinalWords(units, language)} ${units === 1 ? words.major.one : words.major.many}`;
  const minorWords = `${cardinalWords(cents, language)} ${cents === 1 ? words.minor.one : words.minor.many}`;
  if (cents === 0) return major;
  if (units === 0) return minorWords;
  // "twelve euros fifty" is how prices are said; "twelve euros five" would sound like fifty.
  if (cents >= 10) return `${major} ${cardinalWords(cents, language)}`;
  return `${major} ${language === 'nl' ? 'en' : 'and'} ${minorWords}`;
}

export function normalizeMoney(
  text: string,
  language: SpeechLanguage,
  defaultCurrency?: string,
): string {
  const read = (rawAmount: string, marker: string): string | undefined => {
    const value = parseAmount(rawAmount);
    const currency = symbolCurrency[marker.toLowerCase()];
    return value && currency ? amountWords(value, currency, language) : undefined;
  };
  let result = replaceKeepingPeriod(text, prefixed, (match) => read(match[2]!, match[1]!));
  result = replaceKeepingPeriod(result, suffixed, (match) => read(match[1]!, match[2]!));
  if (defaultCurrency !== undefined) {
    result = replaceKeepingPeriod(result, bare, (match) => {
      const value = parseAmount(match[1]!);
      return value ? amountWords(value, defaultCurrency, language) : undefined;
    });
  }
  return result;
}
