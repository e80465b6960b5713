/**
 * Item mentions with the noun left out: "two garlic naans and one peshwari", "a vegetable
 * jalfrezi and a paneer one", "a prawn and a lamb biryani", "a lamb shish and a chicken one".
 * A count or article followed only by words that qualify a nearby item (its options, size,
 * variants) and then "one", or nothing before "and", is a new line of that item — not a change
 * to the line it leans on.
 */
import type { Anchor } from './anchors.ts';
import { targetsOf } from './anchors.ts';
import type { ItemInfo, MenuLexicon } from './lexicon.ts';
import type { Piece } from './matcher.ts';
import { phraseStems, stem } from './text.ts';
import { splitCounts } from './count-split.ts';
import { addsOnTo } from './add-on-option.ts';

/** Most qualifying words an elided mention carries ("a large spicy paneer one"). */
const MAX_QUALIFIERS = 3;
const MODIFIER_CUES = new Set(['with', 'without', 'extra', 'light']);
/** Cues an elided mention may follow: "and one keema", "no wait, one keema". */
const LEAD_CUES = new Set(['and', 'correction']);

interface Ellipsis {
  number: number;
  qualifiers: number[];
  /** The piece that ends it: a "one"/"ones" pronoun, a clause break, "and", or the end. */
  end: number;
  pronoun: boolean;
  /** Ended by the count of the next elided mention: "one hot one mild". */
  split: boolean;
  /** Starts at the count that ended a split. */
  chained: boolean;
}

/** Anchors for elided mentions, merged into `anchors` in piece order. */
export function addEllipticalMentions(
  pieces: readonly Piece[],
  anchors: Anchor[],
  lexicon: MenuLexicon,
): void {
  if (anchors.length === 0) return;
  const anchorPieces = new Set(anchors.map((anchor) => anchor.piece));
  const found: Anchor[] = [];
  let chained = false;
  for (let i = 0; i < pieces.length; i++) {
    const ellipsis = readEllipsis(pieces, i, anchorPieces, chained);
    chained = false;
    if (!ellipsis) continue;
    const previous = [...anchors, ...found]
      .filter((anchor) => anchor.piece < i)
      .reduce<Anchor | undefined>(
        (last, anchor) => (!last || anchor.piece > last.piece ? anchor : last),
        undefined,
      );
    const next = anchors.find((anchor) => anchor.piece > ellipsis.end);
    const candidates: Anchor[] = [];
    if (previous && (ellipsis.chained || leansBack(pieces, previous, i, ellipsis)))
      candidates.push(previous);
    if (next && leansForward(pieces, next, ellipsis)) candidates.push(next);
    for (const reference of candidates) {
      if (
        reference === previous &&
        !ellipsis.pronoun &&
        addsOnTo(pieces, i, ellipsis.qualifiers, reference, lexicon)
      )
        continue;
      const itemId = elidedItem(pieces, ellipsis, reference, lexicon);
      if (itemId === undefined) continue;
      found.push({
        piece: i,
        itemId,
        generic: false,
        categoryWord: false,
        category: lexicon.items.get(itemId)?.categoryKey ?? '',
        prefixStart: i,
        end: pieces.length,
        elided: true,
        ...(ellipsis.pronoun ? { pronoun: ellipsis.end } : {}),
      });
      // The count that ends a split starts the next elided mention.
      chained = ellipsis.split;
      i = ellipsis.split ? ellipsis.end - 1 : ellipsis.end;
      break;
    }
  }
  if (found.length === 0) return;
  anchors.push(...found);
  anchors.sort((a, b) => a.piece - b.piece);
}

/** A count, up to {@link MAX_QUALIFIERS} qualifying pieces, then its end. */
function readEllipsis(
  pieces: readonly Piece[],
  start: number,
  anchorPieces: ReadonlySet<number>,
  chained: boolean,
): Ellipsis | undefined {
  if (!isCount(pieces[start], anchorPieces.has(start))) return undefined;
  const before = pieces[start - 1];
  if (
    !chained &&
    before &&
    before.kind !== 'break' &&
    !(before.kind === 'cue' && LEAD_CUES.has(before.cue))
  )
    return undefined;
  const qualifiers: number[] = [];
  let k = start + 1;
  for (; k < pieces.length && qualifiers.length < MAX_QUALIFIERS; k++) {
    const piece = pieces[k]!;
    if (piece.kind === 'word' && piece.text !== 'ones') qualifiers.push(k);
    else if (
      piece.kind === 'phrase' &&
      !anchorPieces.has(k) &&
      targetsOf(piece.entries, 'item').length === 0 &&
      targetsOf(piece.entries, 'category').length === 0
    )
      qualifiers.push(k);
    else break;
  }
  if (qualifiers.length === 0) return undefined;
  const end = pieces[k];
  // "one hot one mild": a "one" followed by a menu phrase counts the next mention; after an
  // article it is the pronoun ("a chicken one small").
  const startPiece = pieces[start];
  const split =
    !(startPiece?.kind === 'number' && startPiece.article) &&
    end?.kind === 'number' &&
    !end.article &&
    pieces[k + 1]?.kind === 'phrase' &&
    !anchorPieces.has(k + 1);
  const pronoun =
    (!split && end?.kind === 'number' && end.value === 1 && !end.article) ||
    (end?.kind === 'word' && end.text === 'ones');
  const open =
    end === undefined || end.kind === 'break' || (end.kind === 'cue' && end.cue === 'and');
  if (!pronoun && !open && !split) return undefined;
  return {
    number: start,
    qualifiers,
    end: end === undefined ? pieces.length : k,
    pronoun,
    split,
    chained,
  };
}

/** A count, or a spoken number that is also a numeric variant ("two pork ones" of 2-piece tacos). */
function isCount(piece: Piece | undefined, anchored: boolean): boolean {
  if (piece?.kind === 'number') return true;
  return (
    piece?.kind === 'phrase' &&
    !anchored &&
    piece.number !== undefined &&
    piece.entries.every((entry) => entry.target.kind === 'variant')
  );
}

/**
 * "… naans and one peshwari": the line before, unless the words between are already a split
 * ("three lattes, one with oat and one plain") or its modifiers ("with ham and a pineapple").
 * Without "one" the mention must follow "and" directly.
 */
function leansBack(
  pieces: readonly Piece[],
  previous: Anchor,
  start: number,
  ellipsis: Ellipsis,
): boolean {
  const before = pieces[start - 1];
  let lead = start - 1;
  while (pieces[lead]?.kind === 'break') lead--;
  const cue = pieces[lead];
  // "two naans, no wait, one keema and …": a correction restates the line it follows.
  if (ellipsis.pronoun || (cue?.kind === 'cue' && cue.cue === 'correction')) return true;
  if (before?.kind !== 'cue' || before.cue !== 'and') return false;
  // "three tacos, two chicken and one steak": a "two" that is also a variant counts a split too.
  const counts = splitCounts(pieces, previous);
  return pieces
    .slice(previous.piece + 1, start)
    .every(
      (piece, k) =>
        !(piece.kind === 'number' && !piece.article) &&
        !counts.has(previous.piece + 1 + k) &&
        !(piece.kind === 'cue' && MODIFIER_CUES.has(piece.cue)),
    );
}

/** "a prawn and a lamb biryani": the next item, when "and" and its own count come next. */
function leansForward(pieces: readonly Piece[], next: Anchor, ellipsis: Ellipsis): boolean {
  const end = pieces[ellipsis.end];
  if (end?.kind !== 'cue' || end.cue !== 'and') return false;
  if (pieces[ellipsis.end + 1]?.kind !== 'number') return false;
  return pieces
    .slice(ellipsis.end + 2, next.piece)
    .every((piece) => piece.kind === 'phrase' || piece.kind === 'word');
}

/**
 * The item an elided mention orders: the reference item when every qualifier fits it, else the
 * item named by the qualifier words in place of the reference's own ("chicken shish" → "lamb
 * shish" for "a lamb one").
 */
function elidedItem(
  pieces: readonly Piece[],
  ellipsis: Ellipsis,
  reference: Anchor,
  lexicon: MenuLexicon,
): string | undefined {
  const info = reference.itemId === undefined ? undefined : lexicon.items.get(reference.itemId);
  if (!info) return undefined;
  const qualifiers = ellipsis.qualifiers.map((k) => pieces[k]!);
  if (qualifiers.every((piece) => piece.kind === 'phrase' && qualifies(piece, info)))
    return info.item.id;
  // "a bacon roll and a sausage one": words the item does not take, even a menu phrase (an
  // option, another item's variant), may stand in for the start of its name.
  const head = qualifiers
    .map((piece) => {
      if (piece.kind === 'word') return stem(piece.text);
      return piece.kind === 'phrase' ? piece.key : '';
    })
    .join('');
  for (const phrase of [info.item.name, ...info.item.aliases]) {
    const words = phraseStems(phrase);
    for (let k = 1; k < words.length; k++) {
      const key = head + words.slice(k).join('');
      const named = targetsOf(lexicon.phrases.get(key) ?? [], 'item').find(
        (target) => target.itemId !== info.item.id,
      );
      if (named) return named.itemId;
    }
  }
  return undefined;
}

/** Whether a phrase is a variant, size or option the item takes. */
function qualifies(piece: Extract<Piece, { kind: 'phrase' }>, info: ItemInfo): boolean {
  if (targetsOf(piece.entries, 'variant').some((target) => target.itemId === info.item.id))
    return true;
  return targetsOf(piece.entries, 'option').some((target) => info.groupIds.has(target.groupId));
}
