/**
 * "a kaassoufflé and a kipcorn, and two of each": a count followed by "of each" / "of
 * everything" sets the count of every line ordered before it in the utterance.
 */
import type { Piece } from './matcher.ts';
import { clampQuantity } from './numbers.ts';
import type { DraftLine } from './order-parser.ts';

const EACH_WORDS = new Set(['everything', 'all']);

/** Applies each "N of each" to the lines mentioned before it. */
export function applyCountOfEach(drafts: readonly DraftLine[], pieces: readonly Piece[]): void {
  pieces.forEach((piece, index) => {
    if (piece.kind !== 'number' || piece.article) return;
    const of = pieces[index + 1];
    const each = pieces[index + 2];
    if (of?.kind !== 'word' || of.text !== 'of') return;
    const eachSaid =
      (each?.kind === 'cue' && each.cue === 'all') ||
      (each?.kind === 'word' && EACH_WORDS.has(each.text));
    if (!eachSaid) return;
    for (const draft of drafts)
      if (draft.anchor.piece < index) draft.line.quantity = clampQuantity(piece.value);
  });
}
