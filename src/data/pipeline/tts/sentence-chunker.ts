/**
 * Streaming LLM text in, speakable chunks out: a chunk is released as soon as its sentence is
 * complete so TTS can start on it while the model is still writing the next one. A sentence
 * longer than `maxChars` is cut at its last clause (a comma) or, failing that, its last safe
 * space. Never cuts inside a price ("€12.50", "€12,50"), a decimal, a time ("18:30"), an
 * abbreviation ("St.", "Mr.", "e.g."), a phone number or an ellipsis.
 *
 * Deterministic: a boundary is decided only when the text that decides it has arrived (the
 * character after "€12." may be "5"), so any split of the same text into deltas gives the
 * same chunks as pushing it whole.
 */

export interface SentenceChunkerOptions {
  /**
   * A sentence shorter than this joins the next one ("Sure." alone sounds clipped and costs a
   * TTS request of its own). @default 10
   */
  minChars?: number;
  /** A sentence longer than this is cut at a clause or a space. @default 160 */
  maxChars?: number;
}

// Lower-case word before a period that does not end a sentence.
const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'ave',
  'rd',
  'blvd',
  'ln',
  'sq',
  'jr',
  'sr',
  'prof',
  'no',
  'nr',
  'vs',
  'e.g',
  'i.e',
  'approx',
  'incl',
  'excl',
  'ca',
  'bijv',
  'o.a',
  'i.p.v',
  'z.s.m',
  't.a.v',
  'mt',
]);
// These end a sentence only when a capital follows ("at 7 p.m. See you").
const sentenceEndingAbbreviations = new Set(['a.m', 'p.m', 'etc']);

const closers = `)]"'’”»`;
type Decision = 'boundary' | 'not-boundary' | 'undecided';

export class SentenceChunker {
  private readonly minChars: number;
  private readonly maxChars: number;
  private pending = '';

  constructor(options: SentenceChunkerOptions = {}) {
    this.minChars = options.minChars ?? 10;
    this.maxChars = options.maxChars ?? 160;
    if (!(this.minChars >= 0 && this.maxChars > this.minChars)) {
      throw new RangeError(
        `SentenceChunker needs 0 ≤ minChars < maxChars, got ${this.minChars}/${this.maxChars}`,
      );
    }
  }

  /** Adds a text delta; returns the chunks it completed (often none). */
  push(textDelta: string): string[] {
    this.pending += textDelta;
    return this.takeChunks(false);
  }

  /** Ends the text: returns what is left as the last chunks. */
  flush(): string[] {
    const chunks = this.takeChunks(true);
    const rest = this.pending.trim();
    this.pending = '';
    return rest === '' ? chunks : [...chunks, rest];
  }

  private takeChunks(final: boolean): string[] {
    const chunks: string[] = [];
    for (;;) {
      this.pending = this.pending.replace(/^\s+/, '');
      const end = this.nextChunkEnd(final);
      if (end === undefined) return chunks;
      chunks.push(this.pending.slice(0, end).trim());
      this.pending = this.pending.slice(end);
    }
  }

  /** Where the first chunk of `pending` ends, or undefined while that is not yet known. */
  private nextChunkEnd(final: boolean): number | undefined {
    const text = this.pending;
    for (let index = 0; index < text.length && index < this.maxChars; index += 1) {
      const decision = decideBoundary(text, index, final);
      if (decision.kind === 'undecided') return undefined;
      if (
        decision.kind === 'boundary' &&
        text.slice(0, decision.end).trim().length >= this.minChars
      ) {
        return decision.end;
      }
    }
    return text.length > this.maxChars ? this.forcedCut(text) : undefined;
  }

  /**
   * A cut in an over-long sentence: the last clause before maxChars, else the last safe space
   * before it, else the first safe space after it (a phone number is never cut, even when that
   * makes the chunk longer). Undefined while no safe space has arrived yet.
   */
  private forcedCut(text: string): number | undefined {
    let lastSpace: number | undefined;
    for (let index = this.maxChars - 1; index >= this.minChars && index > 0; index -= 1) {
      if (!isSafeSpace(text, index)) continue;
      if (/[,;:]/.test(text[index - 1]!) || /^\s[-–—]\s/.test(text.slice(index))) return index;
      lastSpace ??= index;
    }
    if (lastSpace !== undefined) return lastSpace;
    for (let index = this.maxChars; index < text.length - 1; index += 1) {
      if (isSafeSpace(text, index)) return index;
    }
    return undefined;
  }
}

function decideBoundary(
  text: string,
  index: number,
  final: boolean,
): { kind: Decision; end: number } {
  const char = text[index]!;
  if (char === '\n') return { kind: 'boundary', end: index + 1 };
  if (!/[.!?…]/.test(char)) return { kind: 'not-boundary', end: index + 1 };
  // A run of terminal punctuation ("?!", "...") and closing quotes ends together.
  let end = index;
  while (end < text.length && /[.!?…]/.test(text[end]!)) end += 1;
  while (end < text.length && closers.includes(text[end]!)) end += 1;
  const decided = (kind: Decision) => ({ kind, end });
  if (end === text.length) return decided(final ? 'boundary' : 'undecided');
  if (!/\s/.test(text[end]!)) return decided('not-boundary');
  // A boundary inside the run is never better than at its end.
  if (index > 0 && /[.!?…]/.test(text[index - 1]!)) return decided('not-boundary');

  const run = text.slice(index, end);
  const capitalFollows = (): Decision => {
    const next = /\S/.exec(text.slice(end));
    if (next === null) return final ? 'boundary' : 'undecided';
    return /\p{Lu}/u.test(next[0]) ? 'boundary' : 'not-boundary';
  };
  if (/\.\.|…/.test(run)) return decided(capitalFollows());
  if (!run.startsWith('.')) return decided('boundary');
  const word = /([\p{L}.]*)$/u.exec(text.slice(0, index))![1]!;
  const lowerWord = word.toLowerCase();
  if (abbreviations.has(lowerWord)) return decided('not-boundary');
  if (sentenceEndingAbbreviations.has(lowerWord)) return decided(capitalFollows());
  // An initial ("J. Smith") does not end a sentence.
  if (/^\p{Lu}$/u.test(word)) return decided('not-boundary');
  return decided('boundary');
}

/**
 * A space where a forced cut is harmless: the last of a run of spaces, not between a number and
 * what belongs to it ("€ 12", "12.50 EUR", "1012 AB", "(555) 123 4567", "10 %") and not after an
 * abbreviation. Looks only at the text before and the one character after, so the decision
 * never changes when more text arrives.
 */
function isSafeSpace(text: string, index: number): boolean {
  const next = text[index + 1];
  if (!/\s/.test(text[index]!) || next === undefined || /\s/.test(next)) return false;
  const before = text.slice(0, index).trimEnd();
  if (before === '' || /[\d€$£+(]$/.test(before) || /[\d)%€]/.test(next)) return false;
  const word = /([\p{L}.]*)\.$/u.exec(before)?.[1]?.toLowerCase();
  return word === undefined || !abbreviations.has(word);
}
