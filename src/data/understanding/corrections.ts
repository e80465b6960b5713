/**
 * Self-corrections inside one utterance: "two boiled rice, sorry, one boiled rice and one
 * mushroom rice", "a keema naan, i mean a cheese naan". After a correction cue, a new mention
 * of an item already ordered before the cue replaces that earlier line. (A bare count or size
 * after the cue — "four cokes, no wait, five" — is handled where the line is built: it
 * replaces the line's own count or size.)
 */
import type { Piece } from './matcher.ts';
import type { DraftLine } from './order-parser.ts';
import type { MenuLexicon } from './lexicon.ts';
import { phraseStems } from './text.ts';

/** Drops the lines a later mention after a correction cue replaces. */
export function dropCorrectedLines(
  drafts: DraftLine[],
  pieces: readonly Piece[],
  lexicon: MenuLexicon,
): DraftLine[] {
  const cues = pieces.flatMap((piece, index) =>
    piece.kind === 'cue' && piece.cue === 'correction' ? [index] : [],
  );
  if (cues.length === 0) return drafts;
  const dropped = new Set<number>();
  cues.forEach((cue, k) => {
    const nextCue = cues[k + 1] ?? pieces.length;
    const mentioned = (draft: DraftLine) => draft.splitFrom === undefined;
    const after = drafts.filter(
      (draft) =>
        mentioned(draft) &&
        draft.anchor.piece > cue &&
        draft.anchor.piece < nextCue &&
        !addsMore(pieces, cue, draft.anchor.piece),
    );
    const drop = (index: number) => {
      dropped.add(index);
      drafts.forEach((draft, split) => {
        if (draft.splitFrom === index) dropped.add(split);
      });
    };
    after.forEach((correction, position) => {
      for (let index = drafts.length - 1; index >= 0; index--) {
        const earlier = drafts[index]!;
        if (dropped.has(index) || !mentioned(earlier) || earlier.anchor.piece > cue) continue;
        if (earlier.line.item !== correction.line.item) continue;
        drop(index);
        carrySize(earlier, correction, lexicon);
        return;
      }
      // "a keema naan, no wait, make it a garlic naan": the first mention after the cue replaces
      // the line just before it when it is the same kind of dish.
      // "a coke, sorry, a fanta" corrects too; a "sorry" with nothing before it only apologises.
      if (position > 0) return;
      const index = drafts.findLastIndex((draft) => mentioned(draft) && draft.anchor.piece < cue);
      const earlier = drafts[index];
      if (earlier && !dropped.has(index) && replaces(earlier, correction, lexicon)) {
        drop(index);
        carrySize(earlier, correction, lexicon);
      }
    });
  });
  // Split lines point at their parent by index: renumber them for the shorter list.
  const renumbered = new Map<number, number>();
  const kept: DraftLine[] = [];
  drafts.forEach((draft, index) => {
    if (dropped.has(index)) return;
    renumbered.set(index, kept.length);
    kept.push(draft);
  });
  return kept.map((draft) =>
    draft.splitFrom === undefined
      ? draft
      : { ...draft, splitFrom: renumbered.get(draft.splitFrom)! },
  );
}

/**
 * "a large diavola, no, a capricciosa": the size said with the replaced line still holds when
 * the correction names none and its item comes in that size.
 */
function carrySize(earlier: DraftLine, correction: DraftLine, lexicon: MenuLexicon): void {
  const size = earlier.line.size;
  if (size === undefined || correction.line.size !== undefined) return;
  const sizeGroup = lexicon.items.get(correction.line.item)?.sizeGroup;
  if (sizeGroup?.options.some((option) => option.id === size)) correction.line.size = size;
}

/** Same category, or a name that contains the earlier one ("pho tai" → "pho tai nam"). */
function replaces(earlier: DraftLine, correction: DraftLine, lexicon: MenuLexicon): boolean {
  if (earlier.line.item === '' || correction.line.item === '') return false;
  if (earlier.anchor.category !== '' && earlier.anchor.category === correction.anchor.category)
    return true;
  const name = (id: string) => phraseStems(lexicon.items.get(id)?.item.name ?? '').join(' ');
  const before = name(earlier.line.item);
  return before !== '' && ` ${name(correction.line.item)} `.includes(` ${before} `);
}

/** "sorry, can I also get another one": an addition after the cue, not a correction. */
function addsMore(pieces: readonly Piece[], cue: number, anchor: number): boolean {
  return pieces
    .slice(cue + 1, anchor)
    .some(
      (piece) =>
        (piece.kind === 'cue' && piece.cue === 'and') || (piece.kind === 'number' && piece.another),
    );
}
