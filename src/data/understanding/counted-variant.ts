/**
 * A one-word variant said with a count and no item name ("three cod", "a plaice, large")
 * orders its item — when the word belongs to one item only and does not lean on a mention.
 */
import type { Anchor } from './anchors.ts';
import type { LexTarget } from './lexicon.ts';
import type { Piece } from './matcher.ts';

type VariantTarget = Extract<LexTarget, { kind: 'variant' }>;

/** The variant a counted variant word orders, if it orders one. */
export function countedVariant(
  pieces: readonly Piece[],
  index: number,
  previousAnchor: Anchor | undefined,
): VariantTarget | undefined {
  const piece = pieces[index];
  if (piece?.kind !== 'phrase' || piece.number !== undefined) return undefined;
  if (pieces[index - 1]?.kind !== 'number') return undefined;
  // "veg" of a samosa inside "veg biryani", "double" of a burger: a word shared with another
  // item, or with an option, says too little to order anything by itself.
  const variants: VariantTarget[] = [];
  for (const entry of piece.entries) {
    if (entry.target.kind !== 'variant') return undefined;
    variants.push(entry.target);
  }
  const variant = variants[0];
  if (!variant || variants.some((target) => target.itemId !== variant.itemId)) return undefined;
  // "a garlic naan": the item named next is the one it qualifies.
  const next = pieces[index + 1];
  if (
    next?.kind === 'phrase' &&
    next.entries.some((entry) => entry.target.kind === 'item' || entry.target.kind === 'category')
  )
    return undefined;
  // "two fish suppers, one cod one haddock": a split of the plain mention before.
  if (previousAnchor?.itemId === variant.itemId && previousAnchor.variantId === undefined)
    return undefined;
  return variant;
}

/**
 * "two kids meals, one nuggets and one sausage": a word that is both an item and a variant of
 * the item just counted, said with a smaller count, splits that mention rather than ordering
 * the other item.
 */
export function splitsByVariant(
  pieces: readonly Piece[],
  index: number,
  previousAnchor: Anchor | undefined,
): boolean {
  const piece = pieces[index];
  const count = pieces[index - 1];
  if (piece?.kind !== 'phrase' || count?.kind !== 'number' || count.article) return false;
  if (previousAnchor?.itemId === undefined || previousAnchor.variantId !== undefined) return false;
  const itemId = previousAnchor.itemId;
  if (
    !piece.entries.some(
      (entry) => entry.target.kind === 'variant' && entry.target.itemId === itemId,
    )
  )
    return false;
  const announced = announcedCount(pieces, previousAnchor.piece);
  return announced !== undefined && count.value < announced;
}

/** The count said before a mention ("two kids meals", "three large pizzas"), if any. */
function announcedCount(pieces: readonly Piece[], anchorPiece: number): number | undefined {
  for (let p = anchorPiece - 1; p >= 0; p--) {
    const piece = pieces[p]!;
    if (piece.kind === 'number') return piece.article ? undefined : piece.value;
    if (piece.kind !== 'phrase' && piece.kind !== 'word') return undefined;
  }
  return undefined;
}
