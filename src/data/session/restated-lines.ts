/**
 * "No, I wanted two garlic naans and a cheese naan" at the read-back restates those items: it
 * replaces what the order has of them rather than adding to it (which would double the naans).
 * "No, I also wanted a coke" still adds.
 */
import type { OrderLine } from '../../contracts/order/index.ts';
import type { DialogueAct } from '../understanding/index.ts';
import { foldText } from '../understanding/index.ts';

const ADDING = /\b(also|add|another|extra|more|too|as well|plus)\b/;

/** The order's lines without those of items a "no, …" at the read-back names again. */
export function withoutRestatedItems(
  lines: readonly OrderLine[],
  text: string,
  acts: readonly DialogueAct[],
): OrderLine[] {
  const added = acts.find((act) => act.type === 'add_items');
  if (!added || !acts.some((act) => act.type === 'deny') || ADDING.test(foldText(text)))
    return [...lines];
  const restated = new Set(added.lines.map((line) => line.item));
  return lines.filter((line) => !restated.has(line.item));
}
