/**
 * Implausible quantities asked back before they are taken ("Just to check: 40 Coca-Colas, is
 * that right?"). On a phone line "four" or "for a" heard as "forty" is far likelier than an
 * order of forty, and the read-back at the end is too late and too long for a caller to catch
 * it. A yes keeps the line (a real large order still goes through), "no, four" sets it, a bare
 * no asks how many. The bound is `confirmation.confirmQuantityAbove` of the session config.
 */
import type { OrderLine } from '../../contracts/order/index.ts';
import type { DialogueAct } from '../understanding/index.ts';
import { countAnswer } from '../understanding/index.ts';
import { yesOrNo } from './check-answer.ts';
import { describeLine, findItem, pluralise } from './menu-facts.ts';
import type { DialogueState } from './state.ts';
import type { TurnContext } from './turn-context.ts';

const keyOf = (line: OrderLine) => `${line.item}:${line.quantity}`;

/** Whether `line` must be asked back: above the bound and not confirmed at that quantity. */
export function needsQuantityCheck(
  state: DialogueState,
  line: OrderLine,
  context: TurnContext,
): boolean {
  return (
    line.quantity > context.config.confirmation.confirmQuantityAbove &&
    !(state.confirmedQuantities ?? []).includes(keyOf(line))
  );
}

/** The first line to ask back, if any. */
export function lineToCheck(state: DialogueState, context: TurnContext): number | undefined {
  const index = state.lines.findIndex((line) => needsQuantityCheck(state, line, context));
  return index >= 0 ? index : undefined;
}

export function quantityCheckPrompt(line: OrderLine, context: TurnContext): string {
  return `Just to check: ${describeLine(context.menu, line)}, is that right?`;
}

export function howManyPrompt(line: OrderLine, context: TurnContext): string {
  const name = findItem(context.menu, line.item)?.name ?? line.item;
  return `How many ${pluralise(name)} would you like?`;
}

/**
 * Applies the answer to a quantity asked back (`state.checking`) or to "How many?" (a pending
 * `quantity` choice); returns what the agent says before its next prompt, or undefined when the
 * answer has neither a number nor (for the check) a yes or no.
 */
export function answerQuantity(
  state: DialogueState,
  text: string,
  acts: readonly DialogueAct[],
  context: TurnContext,
): { lead: string } | undefined {
  const checking = state.checking?.kind === 'quantity' ? state.checking : undefined;
  const asked = state.pending?.kind === 'quantity' ? state.pending : undefined;
  const lineIndex = checking?.lineIndex ?? asked?.lineIndex;
  const line = lineIndex === undefined ? undefined : state.lines[lineIndex];
  if (lineIndex === undefined || !line) return undefined;
  const settle = () => {
    state.checking = undefined;
    state.pending = undefined;
  };
  const drop = () => {
    settle();
    state.lines.splice(lineIndex, 1);
    return { lead: `Okay, no ${pluralise(findItem(context.menu, line.item)?.name ?? line.item)}.` };
  };
  // "No, four Coca-Colas" names the item again: that is the line's quantity, not a new line.
  // A number with other items ("yes, and two garlic breads") is theirs.
  const named = acts.flatMap((act) => (act.type === 'add_items' ? act.lines : []));
  const restated = named.find((candidate) => candidate.item === line.item);
  const count = restated?.quantity ?? (named.length > 0 ? undefined : countAnswer(text));
  const { affirm, deny } = yesOrNo(text, acts);
  // "No, forty" to "40, is that right?" contradicts itself: ask how many instead.
  if (count !== undefined && !(deny && checking && count === line.quantity)) {
    if (count === 0) return drop();
    settle();
    // The same number again is a yes; a new one above the bound is asked back in its turn.
    if (count === line.quantity) confirm(state, line);
    line.quantity = count;
    if (needsQuantityCheck(state, line, context)) return { lead: 'Okay.' };
    return { lead: `Okay, ${describeLine(context.menu, line)}.` };
  }
  if (!checking) {
    // "No thanks" to "How many?": none of them.
    return deny ? drop() : undefined;
  }
  if (deny) {
    state.checking = undefined;
    state.pending = { lineIndex, kind: 'quantity' };
    return { lead: 'Sorry about that.' };
  }
  if (affirm) {
    settle();
    confirm(state, line);
    return { lead: 'Great.' };
  }
  return undefined;
}

function confirm(state: DialogueState, line: OrderLine): void {
  state.confirmedQuantities = [...(state.confirmedQuantities ?? []), keyOf(line)];
}
