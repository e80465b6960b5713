/**
 * ", no, " between two alternatives is a self-correction ("a diavola, no, a capricciosa",
 * "five cokes, no, four"), not a removal: what follows the "no" tells them apart. A count or an
 * item (that is no option) after it corrects; an option after it ("no onions") still removes.
 */
import { targetsOf } from './anchors.ts';
import type { Piece } from './matcher.ts';
import type { Token } from './text.ts';

/** Turns the removal cue of a bare, comma-fenced "no" into a correction cue where it corrects. */
export function bareNoCorrections(pieces: Piece[], tokens: readonly Token[]): void {
  pieces.forEach((piece, index) => {
    if (piece.kind !== 'cue' || piece.cue !== 'without') return;
    if (piece.end - piece.start !== 1 || tokens[piece.start]?.text !== 'no') return;
    if (pieces[index - 1]?.kind !== 'break') return;
    const nextIndex = pieces[index + 1]?.kind === 'break' ? index + 2 : index + 1;
    if (startsNewMention(pieces[nextIndex]))
      pieces[index] = { kind: 'cue', start: piece.start, end: piece.end, cue: 'correction' };
  });
}

function startsNewMention(piece: Piece | undefined): boolean {
  if (piece?.kind === 'number') return true;
  if (piece?.kind !== 'phrase') return false;
  return (
    targetsOf(piece.entries, 'item').length > 0 &&
    targetsOf(piece.entries, 'option').length === 0 &&
    targetsOf(piece.entries, 'group').length === 0
  );
}
