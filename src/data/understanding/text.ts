/**
 * Text normalisation shared by the menu lexicon and the utterance tokenizer: both sides go
 * through the same folding (case, diacritics, apostrophes, crude singular stems), so a phrase
 * matches however the recogniser spelled its plural or accent.
 */

/** Longest utterance we look at; the rest is ignored so parsing time stays bounded. */
export const MAX_UTTERANCE_CHARS = 1_000;

/** A token of the utterance: its folded form and its crude singular stem. */
export interface Token {
  /** Lower-case, accent-free text (`","` for a clause break). */
  text: string;
  /** Singular stem used for menu matching. */
  stem: string;
}

/** The clause-break token that stands for `,`, `;`, `.`, `!`, `?`. */
export const BREAK = ',';

/** Lower-case, strip accents and apostrophes, keep letters/digits and clause breaks. */
export function foldText(raw: string): string {
  return (
    raw
      .slice(0, MAX_UTTERANCE_CHARS)
      .normalize('NFKD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      // "tosti's" is a plural spelled with an apostrophe; "that's" stays a contraction.
      .replace(
        /\b(?!(?:that|it|what|there|let|he|she|here|who|where|how)['’]s\b)([a-z]+)['’]s\b/g,
        '$1',
      )
      .replace(/['’`´]/g, '')
      .replace(/[,;!?]+|\.(?!\d)/g, ' , ')
      .replace(/[^a-z0-9,]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * A crude singular: consistent on both sides matters more than linguistic truth
 * ("pizzas" → "pizza", "anchovies" → "anchovy", "tostis" → "tosti", "dishes" → "dish").
 */
export function stem(word: string): string {
  // "7ups", "65s": a plural s after a name with digits; "ups": after a consonant in a short word.
  if (/\d/.test(word)) return /[^s]s$/.test(word) ? word.slice(0, -1) : word;
  if (word.length === 3 && /^[a-z][^aeious]s$/.test(word)) return word.slice(0, -1);
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|x|ss|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|ous)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Splits an utterance into tokens (clause breaks kept as `","`). */
export function tokenize(raw: string): Token[] {
  const folded = foldText(raw);
  if (folded === '') return [];
  return folded
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => ({ text: word, stem: word === BREAK ? BREAK : stem(word) }));
}

/**
 * Folds a menu phrase to its stems, dropping clause breaks and a leading "the" ("The Classic");
 * an inner "the" stays, as callers say it ("corn on the cob").
 */
export function phraseStems(phrase: string): string[] {
  return tokenize(phrase)
    .filter((token, index) => token.text !== BREAK && !(index === 0 && token.text === 'the'))
    .map((token) => token.stem);
}
