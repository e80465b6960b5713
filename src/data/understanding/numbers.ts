/** Spoken quantities and ordinals in English (plus a few Dutch number words). */
import type { Token } from './text.ts';

/** English digits as spoken ("oh" is a zero in a phone number). */
export const englishDigitWords: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
export const englishTeenWords: Readonly<Record<string, number>> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
export const englishTensWords: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const UNITS: Record<string, number> = {
  ...englishDigitWords,
  ...englishTeenWords,
  ...englishTensWords,
  een: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
};

/** Words that mean "one" in front of a noun but are not digits when spoken in a phone number. */
const ARTICLES: Record<string, number> = { a: 1, an: 1, another: 1, single: 1 };

/** Multi-word quantity phrases, longest first. */
const QUANTITY_PHRASES: [string[], number][] = [
  [['a', 'half', 'dozen'], 6],
  [['half', 'a', 'dozen'], 6],
  [['half', 'dozen'], 6],
  [['a', 'couple', 'of'], 2],
  [['a', 'couple'], 2],
  [['couple', 'of'], 2],
  [['a', 'pair', 'of'], 2],
  [['a', 'few'], 3],
  [['a', 'dozen'], 12],
  [['dozen'], 12],
];

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
  '5th': 5,
};

/** A number found at a token position: its value and how many tokens it spans. */
export interface NumberMatch {
  value: number;
  length: number;
  /** `article` for "a"/"an": a quantity of one, weaker than a spoken number. */
  kind: 'count' | 'article';
}

/** Value of a single number word or digit string, if it is one. */
export function numberWordValue(word: string): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  return UNITS[word];
}

/** Parses a quantity starting at `start` ("two", "21", "twenty one", "a couple of", "a"). */
export function parseQuantityAt(tokens: readonly Token[], start: number): NumberMatch | undefined {
  for (const [words, value] of QUANTITY_PHRASES) {
    if (words.every((word, k) => tokens[start + k]?.text === word)) {
      return { value, length: words.length, kind: 'count' };
    }
  }
  const first = tokens[start]?.text;
  if (first === undefined) return undefined;
  const article = ARTICLES[first];
  if (article !== undefined) return { value: article, length: 1, kind: 'article' };
  if (first === 'oh') return undefined;
  const value = numberWordValue(first);
  if (value === undefined) return undefined;
  const next = tokens[start + 1]?.text;
  const nextValue = next === undefined || next === 'oh' ? undefined : UNITS[next];
  if (
    value >= 20 &&
    value % 10 === 0 &&
    nextValue !== undefined &&
    nextValue > 0 &&
    nextValue < 10
  ) {
    return { value: value + nextValue, length: 2, kind: 'count' };
  }
  return { value, length: 1, kind: 'count' };
}

const MULTIPLIER_WORDS: Record<string, number> = { twice: 2, thrice: 3 };

/**
 * A multiplier said after what it counts ("cod and chips twice", "… times two", "… three
 * times"), with how many tokens it spans.
 */
export function parseMultiplierAt(
  tokens: readonly Token[],
  start: number,
): { value: number; length: number } | undefined {
  const first = tokens[start]?.text;
  if (first === undefined) return undefined;
  const word = MULTIPLIER_WORDS[first];
  if (word !== undefined) return { value: word, length: 1 };
  const second = tokens[start + 1]?.text;
  if (second === undefined) return undefined;
  if (first === 'times' && numberWordValue(second) !== undefined && second !== 'oh')
    return { value: numberWordValue(second)!, length: 2 };
  if (second === 'times' && numberWordValue(first) !== undefined && first !== 'oh')
    return { value: numberWordValue(first)!, length: 2 };
  return undefined;
}

/** Parses an ordinal reference ("second", "2nd", "last") at `start`; `last` is -1. */
export function parseOrdinalAt(tokens: readonly Token[], start: number): number | undefined {
  const word = tokens[start]?.text;
  if (word === undefined) return undefined;
  if (word === 'last') return -1;
  return ORDINALS[word];
}

/** English words for 0..99 (used to generate spoken forms of menu numbers). */
export function numberToWords(value: number): string | undefined {
  const names = Object.entries(UNITS)
    .filter(([word]) => !['oh'].includes(word))
    .slice(0, 28);
  const byValue = new Map(names.map(([word, v]) => [v, word]));
  if (byValue.has(value)) return byValue.get(value);
  if (value > 20 && value < 100) {
    const tens = byValue.get(Math.floor(value / 10) * 10);
    const units = byValue.get(value % 10);
    if (tens !== undefined && units !== undefined) return `${tens} ${units}`;
  }
  return undefined;
}

/** The most of one line a single utterance can order. */
const MAX_QUANTITY = 99;

/** A spoken count as a line's quantity: a whole number from 1 to {@link MAX_QUANTITY}. */
export function clampQuantity(value: number): number {
  return Math.min(MAX_QUANTITY, Math.max(1, Math.round(value)));
}
