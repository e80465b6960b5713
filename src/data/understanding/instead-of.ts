/**
 * "buffalo mozzarella instead of the normal mozzarella": the option after "instead of" is taken
 * off the item (the menu's removal rules still decide whether it can be), and the words between
 * ("the", "normal", "usual") only point at what the item comes with — "normal" is no size here.
 */
import type { Piece } from './matcher.ts';
import type { Token } from './text.ts';

const POINTING_WORDS = new Set([
  'the',
  'my',
  'your',
  'its',
  'normal',
  'regular',
  'usual',
  'standard',
  'original',
]);
const LEADS = [
  ['instead', 'of'],
  ['in', 'place', 'of'],
  ['rather', 'than'],
];

/** Replaces "instead of (the normal)" before an option with one removal cue. */
export function insteadOfRemovals(pieces: Piece[], tokens: readonly Token[]): void {
  for (let index = 0; index < pieces.length; index++) {
    const lead = LEADS.find((words) =>
      words.every((word, k) => wordAt(pieces[index + k], tokens) === word),
    );
    if (!lead) continue;
    let next = index + lead.length;
    while (POINTING_WORDS.has(wordAt(pieces[next], tokens) ?? '')) next++;
    const option = pieces[next];
    if (option?.kind !== 'phrase' || !option.entries.some((e) => e.target.kind === 'option'))
      continue;
    const start = pieces[index]!.start;
    const end = pieces[next - 1]!.end;
    pieces.splice(index, next - index, { kind: 'cue', start, end, cue: 'without' });
  }
}

/** The single word a piece spans, whatever it was read as ("normal" may be a size phrase). */
function wordAt(piece: Piece | undefined, tokens: readonly Token[]): string | undefined {
  if (!piece || piece.kind === 'break' || piece.end - piece.start !== 1) return undefined;
  return tokens[piece.start]?.text;
}
