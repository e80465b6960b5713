/**
 * Written menu text → the words a caller speaks, as the language model and dictionary need them:
 * lowercase, accents dropped ("jalapeños" → "jalapenos"), digits spelled out ("12 pieces" →
 * "twelve pieces", "1.5" → "one point five"), "&" as "and", hyphens and other punctuation as
 * word breaks (an apostrophe inside a word stays: "i'd").
 */
import { cardinalWords } from '../../../data/pipeline/tts/number-words.ts';

/** English words for 0 ≤ n < 1,000,000 ("three hundred thirty"); digits beyond are read singly. */
export function numberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) {
    return [...String(n)]
      .filter((c) => /\d/.test(c))
      .map((digit) => cardinalWords(Number(digit), 'en'));
  }
  return cardinalWords(n, 'en').split(/[\s-]+/);
}

export function spokenWords(text: string): string[] {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(\d+)\.(\d+)/g, (_, whole: string, fraction: string) =>
      [...numberWords(Number(whole)), 'point', ...numberWords(Number(fraction))].join(' '),
    )
    .replace(/\d+/g, (digits) => ` ${numberWords(Number(digits)).join(' ')} `);
  return plain
    .split(/[^a-z']+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}
