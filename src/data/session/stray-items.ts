/**
 * Menu words a phone-line recogniser put into an answer that is not an order. At the read-back
 * "yes, that is right" can come out as "yep coffee right", and a name as "my and a green"
 * (green tea): taken as orders they add items, read the order back again or ask for the name
 * again, call after call. A caller who adds something at such a point says so, with an add word
 * ("add", "also", "another", "can I get") and, at the read-back, also "and" or a quantity ("a",
 * "two"). Without that, the item words are noise; "yes, and add a coffee" still adds.
 */
import type { DialogueAct } from '../understanding/index.ts';
import { saysAddition, saysAddVerb } from '../understanding/index.ts';

const withoutItems = (acts: readonly DialogueAct[]) =>
  acts.filter((act) => act.type !== 'add_items' && act.type !== 'off_menu');
const has = (acts: readonly DialogueAct[], type: DialogueAct['type']) =>
  acts.some((act) => act.type === type);

/**
 * The acts of an answer to the read-back: a yes (and no "no") whose only order content is items
 * named without an add cue loses those items (and an off-menu guess), so it confirms.
 */
export function readBackActs(text: string, acts: readonly DialogueAct[]): readonly DialogueAct[] {
  const otherChanges = acts.some((act) => act.type === 'edit' || act.type === 'cancel_order');
  if (!has(acts, 'affirm') || has(acts, 'deny') || !has(acts, 'add_items') || otherChanges)
    return acts;
  return saysAddition(text) ? acts : withoutItems(acts);
}

/**
 * The acts of an answer to "What name / phone number / address?": items named without an add
 * verb are a misheard detail, not an order ("and a" and digits are common in those answers).
 */
export function detailAnswerActs(
  text: string,
  acts: readonly DialogueAct[],
): readonly DialogueAct[] {
  return has(acts, 'add_items') && !saysAddVerb(text) ? withoutItems(acts) : acts;
}
