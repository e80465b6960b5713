/**
 * Yes or no to a detail read back ("…, is that right?"). Besides the act at the start, a
 * "wrong" or "not right" anywhere in the answer is a no: the short "no" in front of it is the
 * word a phone line loses most ("no, that's wrong" heard as "that's wrong").
 */
import type { DialogueAct } from '../understanding/index.ts';

const SAYS_WRONG = /\b(?:wrong|not right|not correct|incorrect|not it|not my number)\b/i;

export function yesOrNo(
  text: string,
  acts: readonly DialogueAct[],
): { affirm: boolean; deny: boolean } {
  const deny = acts.some((act) => act.type === 'deny') || SAYS_WRONG.test(text.replace(/'/g, ''));
  return { affirm: !deny && acts.some((act) => act.type === 'affirm'), deny };
}
