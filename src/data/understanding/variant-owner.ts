/**
 * Which mention a variant that could order its item alone ("short stack", "pork chop") belongs
 * to: the item named right after it ("a short stack of pancakes"), the item named just before
 * it ("pancakes, tall stack"), or neither — then it orders its item by itself.
 */
import type { Anchor } from './anchors.ts';
import type { LexTarget } from './lexicon.ts';
import type { Piece } from './matcher.ts';

type VariantTarget = Extract<LexTarget, { kind: 'variant' }>;

export type VariantOwner =
  | { by: 'next'; variant: VariantTarget }
  | { by: 'previous'; variant: VariantTarget }
  | { by: 'alone'; variant: VariantTarget };

const itemIdsOf = (piece: Piece | undefined): string[] =>
  piece?.kind === 'phrase'
    ? piece.entries.flatMap((entry) => (entry.target.kind === 'item' ? [entry.target.itemId] : []))
    : [];

/** The piece after `index`, skipping a linking "of" ("a short stack of pancakes"). */
function nextNamed(pieces: readonly Piece[], index: number): Piece | undefined {
  const next = pieces[index + 1];
  return next?.kind === 'word' && next.text === 'of' ? pieces[index + 2] : next;
}

/**
 * Whether the mention before reaches this variant: nothing that starts another mention (a
 * count, "and", another phrase) lies between them. A comma does not: "two banh mis, lemongrass
 * chicken" names the variant of the dish just said.
 */
function reachesBack(pieces: readonly Piece[], index: number, previous: Anchor): boolean {
  for (let p = previous.piece + 1; p < index; p++) {
    const piece = pieces[p]!;
    if (piece.kind !== 'word' && piece.kind !== 'break') return false;
  }
  return true;
}

/**
 * "two kids meals, nuggets": a word that is both an item and a variant of the plain mention
 * just before, said after a comma with no count or "and", is that mention's variant.
 */
export function qualifiesPrevious(
  pieces: readonly Piece[],
  index: number,
  previous: Anchor | undefined,
): boolean {
  const piece = pieces[index];
  if (piece?.kind !== 'phrase' || pieces[index - 1]?.kind !== 'break') return false;
  if (previous?.itemId === undefined || previous.variantId !== undefined || previous.elided)
    return false;
  const itemId = previous.itemId;
  return (
    reachesBack(pieces, index, previous) &&
    piece.entries.some((entry) => entry.target.kind === 'variant' && entry.target.itemId === itemId)
  );
}

/** Who owns the standalone variant `candidates` spotted at `index` (same wording, several items). */
export function variantOwner(
  pieces: readonly Piece[],
  index: number,
  candidates: readonly VariantTarget[],
  previous: Anchor | undefined,
): VariantOwner | undefined {
  const nextItems = itemIdsOf(nextNamed(pieces, index));
  const forNext = candidates.find((variant) => nextItems.includes(variant.itemId));
  if (forNext) return { by: 'next', variant: forNext };
  if (
    previous?.itemId !== undefined &&
    previous.variantId === undefined &&
    !previous.elided &&
    reachesBack(pieces, index, previous)
  ) {
    const forPrevious = candidates.find((variant) => variant.itemId === previous.itemId);
    if (forPrevious) return { by: 'previous', variant: forPrevious };
  }
  const first = candidates[0];
  return first ? { by: 'alone', variant: first } : undefined;
}
