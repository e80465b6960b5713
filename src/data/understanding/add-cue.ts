/**
 * Whether an utterance asks for something on top of the order. The dialogue uses it to tell a
 * real addition from menu words a recogniser put into a plain "yes" or a misheard name.
 */
import { numberWordValue } from './numbers.ts';
import { foldText } from './text.ts';

/** Words that ask for an item: "add", "also", "another", "can I get", "I'd like", "I want". */
const ADD_VERBS = new Set(
  'add also another plus extra more too get have want like take give need order'.split(' '),
);
/** Words that count what is asked for, or join it to the rest: "and a", "two", "some". */
const QUANTITY_WORDS = new Set('and some couple few pair dozen a an'.split(' '));

const words = (text: string) => foldText(text).split(' ');

/** An add verb or a quantity ("yes and a coffee", "yeah two cokes"). */
export function saysAddition(text: string): boolean {
  return words(text).some(
    (word) => ADD_VERBS.has(word) || QUANTITY_WORDS.has(word) || (numberWordValue(word) ?? 0) > 0,
  );
}

/** An add verb ("can I also get a coke"): more than a quantity, which digits and "and a" mimic. */
export function saysAddVerb(text: string): boolean {
  return words(text).some((word) => ADD_VERBS.has(word));
}
