/**
 * "three tacos, two chicken and one steak": a count followed by a list of count + choice whose
 * counts add up to it splits the mention. Then a spoken number that is also a variant name
 * ("two" of a 2-piece item) is a count of the split, not the variant.
 */
import type { Anchor } from './anchors.ts';
import type { Piece } from './matcher.ts';

/** A list item starts after the mention, a comma or "and". */
function startsPart(piece: Piece | undefined, anchor: Anchor, index: number): boolean {
  if (index - 1 === anchor.piece) return true;
  return piece?.kind === 'break' || (piece?.kind === 'cue' && piece.cue === 'and');
}

/** The count said just before the mention's name ("three tacos", "two large pizzas"). */
function announcedCount(pieces: readonly Piece[], at: number): number | undefined {
  for (let p = at - 1; p >= 0; p--) {
    const piece = pieces[p]!;
    if (piece.kind === 'number') return piece.article ? undefined : piece.value;
    if (piece.kind === 'phrase' && piece.number !== undefined) return piece.number;
    if (piece.kind !== 'phrase' && piece.kind !== 'word') return undefined;
  }
  return undefined;
}

/** Indices of the variant-named numbers in the mention's stretch that count parts of a split. */
export function splitCounts(pieces: readonly Piece[], anchor: Anchor): Set<number> {
  const announced = announcedCount(pieces, anchor.piece);
  if (announced === undefined || anchor.elided) return new Set();
  const named = new Set<number>();
  let sum = 0;
  let parts = 0;
  for (let p = anchor.piece + 1; p < anchor.end; p++) {
    const piece = pieces[p]!;
    if (!startsPart(pieces[p - 1], anchor, p)) continue;
    if (piece.kind === 'number' && !piece.article) {
      sum += piece.value;
      parts++;
    } else if (piece.kind === 'phrase' && piece.number !== undefined) {
      // Only a count when a choice follows it ("two chicken"); "two piece" alone is the variant.
      if (pieces[p + 1]?.kind !== 'phrase') continue;
      sum += piece.number;
      parts++;
      named.add(p);
    }
  }
  return parts >= 2 && sum === announced ? named : new Set();
}
