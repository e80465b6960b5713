/**
 * An item's generated short name that the menu also writes for an option ("marinara" of "pizza
 * marinara" and of the marinara dip; "doner" of "doner sandwich" and of a kapsalon's meat) orders
 * the item only with its own count before it ("a marinara", "one large parma"); bare after an
 * item ("a kapsalon, doner") it is that item's option.
 */
import type { Piece } from './matcher.ts';

/** Whether the phrase at `index` is such a short name with no count of its own. */
export function shortNameWithoutCount(pieces: readonly Piece[], index: number): boolean {
  const piece = pieces[index];
  if (piece?.kind !== 'phrase') return false;
  const items = piece.entries.filter((entry) => entry.target.kind === 'item');
  const options = piece.entries.some((entry) => entry.target.kind === 'option');
  if (items.length === 0 || !options || items.some((entry) => !entry.derived)) return false;
  for (let k = index - 1; k >= 0; k--) {
    const before = pieces[k]!;
    if (before.kind === 'number') return false;
    // Sizes and other words of the mention ("one large parma") may stand between.
    if (before.kind !== 'phrase' || before.entries.some((entry) => entry.target.kind === 'item'))
      return true;
  }
  return true;
}
