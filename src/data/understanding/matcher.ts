/**
 * Spots menu phrases, numbers and cue words in a token stream: greedy longest exact match
 * first, with a fuzzy fallback (edit distance scaled by length, phonetic key) for words the
 * recogniser got wrong.
 */
import { EVERYDAY_WORDS } from './everyday-words.ts';
import type { LexEntry, MenuLexicon } from './lexicon.ts';
import { allowedEdits, boundedEditDistance, phoneticKey, soundForm } from './fuzzy.ts';
import { numberWordValue, parseMultiplierAt, parseQuantityAt } from './numbers.ts';
import type { Token } from './text.ts';
import { BREAK } from './text.ts';
import type { CueKind } from './vocabulary.ts';
import { COMMON_WORDS, CUE_PHRASES } from './vocabulary.ts';

/** One recognised stretch of the utterance, `start` inclusive, `end` exclusive (tokens). */
export type Piece =
  | {
      kind: 'phrase';
      start: number;
      end: number;
      entries: readonly LexEntry[];
      /** The phrase key it matched (stems joined). */
      key: string;
      fuzzy: boolean;
      number?: number;
    }
  | {
      kind: 'number';
      start: number;
      end: number;
      value: number;
      article: boolean;
      /** "another": one more, never a restatement of a line already ordered. */
      another: boolean;
    }
  | { kind: 'cue'; start: number; end: number; cue: CueKind }
  /** "twice", "times two": multiplies the count of the mention it follows. */
  | { kind: 'times'; start: number; end: number; value: number }
  | { kind: 'break'; start: number; end: number }
  | { kind: 'word'; start: number; end: number; text: string };

const MAX_FUZZY_TOKENS = 4;
/** Words from the scan position that may trigger a fuzzy scan. */
const FUZZY_WINDOW = 3;
/** Fuzzy scans per utterance: bounds the time a long stream of unknown words can take. */
const MAX_FUZZY_ATTEMPTS = 8;
const MODALS = new Set(['can', 'could', 'will', 'would', 'may', 'shall']);
const PRONOUNS = new Set(['i', 'you', 'we', 'u', 'ya', 'he', 'she', 'they']);
const phoneticIndexes = new WeakMap<MenuLexicon, Map<string, string[]>>();

function phoneticIndex(lexicon: MenuLexicon): Map<string, string[]> {
  let index = phoneticIndexes.get(lexicon);
  if (!index) {
    index = new Map();
    for (const key of lexicon.phrases.keys()) {
      if (key.length < 4) continue;
      const phonetic = phoneticKey(key);
      const bucket = index.get(phonetic) ?? [];
      bucket.push(key);
      index.set(phonetic, bucket);
    }
    phoneticIndexes.set(lexicon, index);
  }
  return index;
}

function spanKey(tokens: readonly Token[], start: number, length: number): string | undefined {
  let key = '';
  for (let k = start; k < start + length; k++) {
    const token = tokens[k];
    if (token === undefined || token.text === BREAK) return undefined;
    key += token.stem;
  }
  return key;
}

function exactAt(tokens: readonly Token[], start: number, lexicon: MenuLexicon): number {
  for (
    let length = Math.min(lexicon.maxPhraseTokens, tokens.length - start);
    length >= 1;
    length--
  ) {
    const key = spanKey(tokens, start, length);
    if (key !== undefined && lexicon.phrases.has(key)) return length;
  }
  return 0;
}

function cueAt(
  tokens: readonly Token[],
  start: number,
): { length: number; cue: CueKind } | undefined {
  for (const cue of CUE_PHRASES) {
    if (cue.words.every((word, k) => tokens[start + k]?.text === word)) {
      return { length: cue.words.length, cue: cue.kind };
    }
  }
  return undefined;
}

function isUnknownWord(tokens: readonly Token[], index: number, lexicon: MenuLexicon): boolean {
  const token = tokens[index];
  if (token === undefined || token.text === BREAK) return false;
  if (COMMON_WORDS.has(token.text) || token.text.length < 3 || /\d/.test(token.text)) return false;
  if (parseMultiplierAt(tokens, index)) return false;
  return exactAt(tokens, index, lexicon) === 0 && cueAt(tokens, index) === undefined;
}

/**
 * Whether the fuzzy window at `start` holds a word the menu does not know. A word inside an exact
 * phrase that starts earlier in the window ("pao" of "kung pao") is known.
 */
function windowHasUnknownWord(
  tokens: readonly Token[],
  start: number,
  lexicon: MenuLexicon,
): boolean {
  let coveredUntil = start;
  for (let k = start; k < start + FUZZY_WINDOW; k++) {
    if (k >= coveredUntil && isUnknownWord(tokens, k, lexicon)) return true;
    coveredUntil = Math.max(coveredUntil, k + exactAt(tokens, k, lexicon));
  }
  return false;
}

const isNumberWord = (word: string) => numberWordValue(word) !== undefined;

interface FuzzyHit {
  length: number;
  key: string;
  distance: number;
}

function fuzzyAt(
  tokens: readonly Token[],
  start: number,
  lexicon: MenuLexicon,
  minLength: number,
): FuzzyHit | undefined {
  const first = tokens[start];
  if (!first || COMMON_WORDS.has(first.text) || first.text === BREAK) return undefined;
  const phonetic = phoneticIndex(lexicon);
  let best: FuzzyHit | undefined;
  for (let length = MAX_FUZZY_TOKENS; length > minLength; length--) {
    const key = spanKey(tokens, start, length);
    if (key === undefined || key.length < 4) continue;
    if (length === 1 && EVERYDAY_WORDS.has(first.text)) continue;
    // A count at either end of the span ("4 gulab jamun", "a chicken one") is a count, not a misheard letter.
    if (
      length > 1 &&
      (isNumberWord(tokens[start]!.text) || isNumberWord(tokens[start + length - 1]!.text))
    )
      continue;
    const limit = allowedEdits(key.length);
    for (let size = key.length - limit; size <= key.length + limit; size++) {
      for (const candidate of lexicon.keysByLength.get(size) ?? []) {
        if (candidate.length < 4) continue;
        const distance = boundedEditDistance(key, candidate, limit);
        if (distance <= limit && (!best || distance < best.distance))
          best = { length, key: candidate, distance };
      }
    }
    for (const candidate of phonetic.get(phoneticKey(key)) ?? []) {
      const distance = boundedEditDistance(key, candidate, limit + 1);
      if (distance <= limit + 1 && (!best || distance < best.distance))
        best = { length, key: candidate, distance };
    }
    // A span whose edits could swallow a whole word ("xl veggie supreme") is not one phrase;
    // edits that only respell a sound ("fo" for "pho") swallow nothing.
    const edits = best
      ? boundedEditDistance(soundForm(key), soundForm(best.key), best.distance)
      : 0;
    if (
      best &&
      length > 1 &&
      tokens.slice(start, start + length).some((token) => token.stem.length <= edits)
    ) {
      best = undefined;
    }
    if (best) return best;
  }
  return undefined;
}

/** Splits the tokens into pieces, left to right, longest recognisable stretch first. */
export function spotPieces(tokens: readonly Token[], lexicon: MenuLexicon): Piece[] {
  const pieces: Piece[] = [];
  let fuzzyAttempts = 0;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.text === BREAK) {
      pieces.push({ kind: 'break', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (MODALS.has(token.text) && PRONOUNS.has(tokens[i + 1]?.text ?? '')) {
      // "can i get ...": a verb, even when the menu sells cans.
      pieces.push({ kind: 'word', start: i, end: i + 1, text: token.text });
      i++;
      continue;
    }
    const exact = exactAt(tokens, i, lexicon);
    const times = parseMultiplierAt(tokens, i);
    // "two times cod and chips" is a count of what follows, not a multiplier.
    if (times && exact === 0 && exactAt(tokens, i + times.length, lexicon) === 0) {
      pieces.push({ kind: 'times', start: i, end: i + times.length, value: times.value });
      i += times.length;
      continue;
    }
    let number = parseQuantityAt(tokens, i);
    const fullNumber = number;
    if (number && number.length > 1) {
      for (let j = i + 1; j < i + number.length; j++) {
        if (exactAt(tokens, j, lexicon) > 0) {
          number = parseQuantityAt(tokens.slice(0, j), i);
          break;
        }
      }
    }
    let cue = cueAt(tokens, i);
    if (cue && cue.length > 1) {
      // "with no dressing": a menu phrase starting inside the cue wins over the cue's tail.
      for (let j = i + 1; j < i + cue.length; j++) {
        if (exactAt(tokens, j, lexicon) > 0) {
          cue = cueAt(tokens.slice(0, j), i);
          break;
        }
      }
    }
    const windowHasUnknown = windowHasUnknownWord(tokens, i, lexicon);
    if (windowHasUnknown) fuzzyAttempts++;
    const fuzzy =
      windowHasUnknown && fuzzyAttempts <= MAX_FUZZY_ATTEMPTS
        ? fuzzyAt(tokens, i, lexicon, Math.max(exact, cue?.length ?? 0, number?.length ?? 0))
        : undefined;
    if (fuzzy) {
      pieces.push({
        kind: 'phrase',
        start: i,
        end: i + fuzzy.length,
        entries: lexicon.phrases.get(fuzzy.key)!,
        key: fuzzy.key,
        fuzzy: true,
      });
      i += fuzzy.length;
      continue;
    }
    const best = Math.max(exact, cue?.length ?? 0, number?.length ?? 0);
    if (best === 0) {
      pieces.push({ kind: 'word', start: i, end: i + 1, text: token.text });
      i++;
      continue;
    }
    if (exact === best) {
      const key = spanKey(tokens, i, exact)!;
      const piece: Piece = {
        kind: 'phrase',
        start: i,
        end: i + exact,
        entries: lexicon.phrases.get(key)!,
        key,
        fuzzy: false,
      };
      if (fullNumber && fullNumber.length === exact && fullNumber.kind === 'count')
        piece.number = fullNumber.value;
      pieces.push(piece);
    } else if (number && number.length === best) {
      pieces.push({
        kind: 'number',
        start: i,
        end: i + best,
        value: number.value,
        article: number.kind === 'article',
        another: token.text === 'another',
      });
    } else if (cue) {
      pieces.push({ kind: 'cue', start: i, end: i + best, cue: cue.cue });
    }
    i += best;
  }
  return pieces;
}
