/**
 * Finds the item mentions ("anchors") among the spotted pieces and the stretch of pieces that
 * belongs to each: the words just before an item (quantity, size, "oat", "gluten free") and
 * everything after it up to the next item's own prefix.
 */
import type { LexEntry, LexTarget, MenuLexicon } from './lexicon.ts';
import type { Piece } from './matcher.ts';
import { addEllipticalMentions } from './ellipsis.ts';
import { countedVariant, splitsByVariant } from './counted-variant.ts';
import { qualifiesPrevious, variantOwner } from './variant-owner.ts';
import { shortNameWithoutCount } from './short-name-count.ts';

export interface Anchor {
  piece: number;
  /** Undefined for a bare category word with no generic item ("two burgers" on a menu without one). */
  itemId: string | undefined;
  category: string;
  generic: boolean;
  /** Named by the category word itself ("pizzas"), not by an item name. */
  categoryWord: boolean;
  variantId?: string;
  /** A mention without the item's name, anchored on its count ("and two keema"). */
  elided?: boolean;
  /** The "one" of an elided mention ("a large one"): a pronoun, not a count. */
  pronoun?: number;
  /** First piece of this mention's prefix. */
  prefixStart: number;
  /** One past the last piece of its trailing part. */
  end: number;
}

type Entries = readonly LexEntry[];
const itemTargets = (entries: Entries) =>
  entries.flatMap((entry) => (entry.target.kind === 'item' ? [entry.target] : []));
const hasModifierTarget = (entries: Entries) =>
  entries.some((entry) => ['option', 'group', 'variant'].includes(entry.target.kind));

export function targetsOf<K extends LexTarget['kind']>(
  entries: Entries,
  kind: K,
): Extract<LexTarget, { kind: K }>[] {
  return entries.flatMap((entry) =>
    entry.target.kind === kind ? [entry.target as Extract<LexTarget, { kind: K }>] : [],
  );
}

/** Whether an item-or-topping word ("pepperoni") is used as a topping of a later item. */
function describesLaterItem(pieces: readonly Piece[], index: number): boolean {
  for (let k = index + 1; k < pieces.length; k++) {
    const piece = pieces[k]!;
    if (piece.kind === 'phrase') {
      if (itemTargets(piece.entries).length > 0) return true;
      if (targetsOf(piece.entries, 'category').length > 0) return true;
      continue;
    }
    if (piece.kind === 'cue' && piece.cue === 'and') continue;
    if (piece.kind === 'word') continue;
    return false;
  }
  return false;
}

/**
 * "a kids meal with a sausage": an article right after "with" before a variant or option of the
 * item just named is part of that modifier, not the count of a new mention.
 */
function articleOfModifier(
  pieces: readonly Piece[],
  index: number,
  previous: Anchor | undefined,
  lexicon: MenuLexicon,
): boolean {
  const piece = pieces[index];
  const cue = pieces[index - 1];
  const next = pieces[index + 1];
  if (piece?.kind !== 'number' || !piece.article || cue?.kind !== 'cue' || cue.cue !== 'with')
    return false;
  const info = previous?.itemId === undefined ? undefined : lexicon.items.get(previous.itemId);
  if (!info || next?.kind !== 'phrase') return false;
  return next.entries.some(
    (entry) =>
      (entry.target.kind === 'variant' && entry.target.itemId === info.item.id) ||
      (entry.target.kind === 'option' && info.groupIds.has(entry.target.groupId)),
  );
}

/** Item mentions in order, each with its prefix and trailing stretch. */
export function findAnchors(pieces: readonly Piece[], lexicon: MenuLexicon): Anchor[] {
  const anchors: Anchor[] = [];
  let modifierContext = false;
  pieces.forEach((piece, index) => {
    if (piece.kind === 'cue' && ['with', 'without', 'extra', 'light'].includes(piece.cue))
      modifierContext = true;
    if (
      (piece.kind === 'number' && !articleOfModifier(pieces, index, anchors.at(-1), lexicon)) ||
      piece.kind === 'break'
    )
      modifierContext = false;
    if (piece.kind !== 'phrase') return;
    const items = itemTargets(piece.entries);
    const owner = variantOwner(
      pieces,
      index,
      targetsOf(piece.entries, 'variant').filter((variant) => variant.standalone),
      anchors.at(-1),
    );
    const standalone =
      owner?.variant ??
      (modifierContext ? undefined : countedVariant(pieces, index, anchors[anchors.length - 1]));
    const categories = targetsOf(piece.entries, 'category');
    const make = (
      itemId: string | undefined,
      generic: boolean,
      category: string,
      variantId?: string,
    ) =>
      anchors.push({
        piece: index,
        itemId,
        generic,
        categoryWord: categories.some((target) => target.category === category),
        category,
        prefixStart: index,
        end: pieces.length,
        ...(variantId ? { variantId } : {}),
      });
    const first = shortNameWithoutCount(pieces, index) ? undefined : items[0];
    if (first) {
      const previousPiece = pieces[index - 1];
      const referenced =
        previousPiece?.kind === 'word' &&
        ['the', 'that', 'my', 'this'].includes(previousPiece.text);
      if (
        hasModifierTarget(piece.entries) &&
        !referenced &&
        (modifierContext ||
          describesLaterItem(pieces, index) ||
          splitsByVariant(pieces, index, anchors.at(-1)) ||
          qualifiesPrevious(pieces, index, anchors.at(-1)))
      )
        return;
      const category = lexicon.items.get(first.itemId)?.categoryKey ?? '';
      const previous = anchors[anchors.length - 1];
      // "a pizza with ham and pineapple": a dish named as the toppings of a generic mention is that dish.
      if (
        modifierContext &&
        previous?.generic &&
        previous.category === category &&
        previous.itemId !== undefined
      ) {
        previous.itemId = first.itemId;
        previous.generic = false;
        previous.categoryWord = false;
        return;
      }
      const generic = first.generic || categories.some((target) => target.category === category);
      make(first.itemId, generic, category);
      modifierContext = false;
      return;
    }
    const next = pieces[index + 1];
    // "a garlic and cheese naan", "pancakes, short stack": a variant that could order its item
    // alone qualifies the item named right after (or just before) it.
    const qualifiesNext =
      owner?.by === 'next' ||
      owner?.by === 'previous' ||
      (next?.kind === 'phrase' &&
        itemTargets(next.entries).some((target) => target.itemId === standalone?.itemId));
    if (standalone && !modifierContext && !qualifiesNext) {
      make(
        standalone.itemId,
        false,
        lexicon.items.get(standalone.itemId)?.categoryKey ?? '',
        standalone.variantId,
      );
      return;
    }
    const category = categories[0];
    if (category && !hasModifierTarget(piece.entries)) {
      const generic = lexicon.genericItemByCategory.get(category.category);
      make(generic, true, category.category);
    }
  });
  addEllipticalMentions(pieces, anchors, lexicon);
  for (let k = 1; k < anchors.length; k++) {
    const anchor = anchors[k]!;
    const previous = anchors[k - 1]!;
    let start = anchor.piece;
    for (let p = anchor.piece - 1; p > previous.piece; p--) {
      const piece = pieces[p]!;
      if (piece.kind === 'number') {
        start = p;
        break;
      }
      if (piece.kind === 'phrase' || piece.kind === 'word') {
        start = p;
        continue;
      }
      if (piece.kind === 'cue' && (piece.cue === 'extra' || piece.cue === 'light')) {
        start = p;
        continue;
      }
      break;
    }
    anchor.prefixStart = start;
    previous.end = start;
  }
  if (anchors[0]) anchors[0].prefixStart = 0;
  return anchors;
}
