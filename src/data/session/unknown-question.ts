/**
 * Questions the menu cannot answer ("is your meat halal?", "does the naan contain nuts?", "do
 * you take cards?"). The agent says honestly that it does not know rather than guess, or take
 * the dish named for an order, and offers someone at the restaurant who can tell.
 */
import type { DialogueAct } from '../understanding/index.ts';
import { foldText } from '../understanding/index.ts';

/** A yes/no question about the food or the restaurant (not "can I get …", a request). */
const YES_NO_QUESTION =
  /^(?:(?:um|uh|oh|and|so|also|just|quick question|one question)\s+)*(?:is|are|does|do|did|has|have|was|were)\s+(?:the|your|it|its|this|that|these|those|they|you|any|all|there)\b/;
/** An open question ("what kind of oil do you use", "how spicy is the vindaloo"). */
const OPEN_QUESTION =
  /^(?:(?:um|uh|oh|and|so|also|just)\s+)*(?:what|which|how|why|where|who)\b(?:\s+\S+){2,}/;
/** "what did you say", "how much was that again": asking the agent to repeat, not a question. */
const ASKS_AGAIN = /\b(say|said|repeat|again|was that|didnt catch|pardon)\b/;
/**
 * Not a question the agent is unable to answer: a proposal ("how about a large one"), a request
 * ("is it possible to get …") or an ask for stock the question rules missed ("do you guys have
 * wings"), all left to the rest of the dialogue.
 */
const NOT_UNKNOWN = /^(?:how|what) about\b|\b(have|got|sell|serve|carry|make|possible|chance)\b/;

/** Whether `text` asks something that none of the understood acts answers. */
export function isUnknownQuestion(text: string, acts: readonly DialogueAct[]): boolean {
  if (acts.some((act) => ['question', 'speak_to_human', 'cancel_order'].includes(act.type)))
    return false;
  const plain = foldText(text).replace(/ ,/g, '');
  if (ASKS_AGAIN.test(plain) || NOT_UNKNOWN.test(plain)) return false;
  return YES_NO_QUESTION.test(plain) || OPEN_QUESTION.test(plain);
}

/** The honest answer, and (unless a yes would already mean something else) the offer of a person. */
export function unknownQuestionReply(prompt: string, offerPerson: boolean): string {
  const rest = `${prompt[0]!.toLowerCase()}${prompt.slice(1)}`;
  return offerPerson
    ? `I'm sorry, I don't know that, and I'd rather not guess. If you'd like, I can connect you with someone at the restaurant who can tell you; just say yes. Otherwise, ${rest}`
    : `I'm sorry, I don't know that, and I'd rather not guess. ${prompt}`;
}
