/**
 * The caller's answer to "What name should I put the order under?", read as a name when it can
 * be one. A speech recogniser often hears a name as common words ("anna de vries" → "and a
 * green"); the words that carry no name ("my", "is", "and", "a", "um") are dropped and what is left
 * is taken when it looks like a name: one to four words of letters, none an answer to another
 * question or a menu word. The read-back says the name, so a wrong one can still be corrected.
 */
import { foldText, nameAsSpoken } from '../understanding/index.ts';
import { takeNameFromPlainAnswer } from './slots.ts';

/** Words around a name that are not part of it. */
const carrierWords = new Set(
  `my name names is its it this im i am under put the and a an of for um uh er oh so well you
   can call me please thanks thank yeah yes okay ok just that thats be will would should order
   on in to at with by first last surname family called go ahead sure`.split(/\s+/),
);
/** An answer made of any of these is not a name (a "no", "that's all", a question). */
const notNameWords = new Set(
  `no nope nothing else all done wait sorry what why how who where when hello hi hey cancel
   pickup delivery number phone address street order pizza menu zero one two three four five
   six seven eight nine ten hundred`.split(/\s+/),
);
/** Name particles kept lower-case inside a name ("Anna de Vries"), never a name alone. */
const particles = new Set('de van der den het ter ten von di da le la du del op'.split(' '));

export function nameFromAnswer(
  text: string,
  isMenuWord: (word: string) => boolean = () => false,
): string | undefined {
  // Folded for the checks ("José" → "jose"); the caller's spelling is taken back at the end.
  const words = foldText(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 8) return undefined;
  if (words.some((word) => notNameWords.has(word) || /\d/.test(word))) return undefined;
  const name = words.filter((word) => !carrierWords.has(word));
  if (name.some((word) => isMenuWord(word))) return undefined;
  const plain = takeNameFromPlainAnswer(text);
  if (plain) return plain;
  while (name.length > 0 && particles.has(name[0]!)) name.shift();
  if (name.length === 0 || name.length > 4) return undefined;
  if (name.some((word) => word.length < 2)) return undefined;
  return nameAsSpoken(text, name) ?? takeNameFromPlainAnswer(name.join(' '));
}
