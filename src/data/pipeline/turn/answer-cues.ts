/**
 * What finishes the answer the agent asked for (`AsrAnswerKind`): a yes or a no to a yes/no
 * question, "pickup" or "delivery", "no, I'm good" to "anything else?", a first and a last name.
 * `classifyUtteranceEnding` asks these only after its generic cues found nothing unfinished, so
 * "yes and" or "pick it up at" still wait. Each cue is a whole-utterance test over a small
 * lexicon, so an answer followed by anything else ("no, the pizza should be large") is left to
 * the ordinary hangover. Generic English only; nothing here knows a menu or a data set.
 */
import { AsrAnswerKind } from '../asr/asr-provider.ts';
import { continuingWords, isNumberWord, midPhraseWords, wordSet } from './utterance-words.ts';

const yesWords = wordSet(`yes yeah yep yup yah ya sure correct right exactly absolutely
  definitely certainly perfect great okay ok alright`);
const noWords = wordSet('no nope nah not wrong incorrect');
/** Words that turn a yes into a correction: "yes, but …", "yes, except …", "yes, actually …". */
const correctionWords = wordSet('but except actually wait change instead');
/** Words that go with a yes or a no without adding anything: "yes, that is right, thanks". */
const yesNoCompanions = wordSet(`that that's is it it's this all sounds looks good fine please
  thanks thank you uh um well oh so go ahead place the order do right correct`);

/** "No, I'm good" / "that's everything" / "nothing else, thanks" after "anything else?". */
const doneCores = wordSet('no nope nah nothing done good fine set everything all');
const doneCompanions = wordSet(`else more that that's is it i'm im we're all for now just
  thanks thank you please okay ok uh um well so i think be will that'll`);

/** "pickup", "I'll pick it up", "delivery please", "collect it", "take away". */
const fulfilmentPhrase =
  /(^| )(pickup|pick (it |them |that |the order )?up|collect\w*|deliver\w*|take ?away|take ?out|carry ?out)( |$)/;

/** What callers put before their name. Longest first: the first that matches is stripped. */
const nameLeads = [
  'my name is',
  "my name's",
  'the name is',
  "the name's",
  'name is',
  "name's",
  'put it under',
  "it's under",
  'it is',
  "it's",
  'this is',
  'i am',
  "i'm",
  'call me',
  'under',
];
/** Name particles: part of a name, never its end ("Anna de Vries", "Ludwig van Beethoven"). */
export const nameParticles = wordSet(
  'de da di del della der den van von ter ten la le du st mc mac',
);
const politeEnds = wordSet('please thanks thank you');
/** Words no name is made of (and that misrecognitions are made of: "and a green"). */
const notNameWords = new Set([
  ...continuingWords,
  ...midPhraseWords,
  ...yesWords,
  ...noWords,
  ...wordSet('i you he she we they me it that this what is am'),
]);

function allIn(words: readonly string[], ...lexicons: ReadonlySet<string>[]): boolean {
  return words.every((word) => lexicons.some((lexicon) => lexicon.has(word)));
}

function answersYesNo(words: readonly string[]): boolean {
  return (
    words.some((word) => yesWords.has(word) || noWords.has(word)) &&
    allIn(words, yesWords, noWords, yesNoCompanions)
  );
}

function answersMoreOrDone(words: readonly string[]): boolean {
  return words.some((word) => doneCores.has(word)) && allIn(words, doneCores, doneCompanions);
}

/** The words of a name once its lead ("my name is") and a polite end are taken off. */
export function nameWords(words: readonly string[]): string[] {
  const joined = words.join(' ');
  const lead = nameLeads.find((phrase) => joined === phrase || joined.startsWith(`${phrase} `));
  let name = lead ? words.slice(lead.split(' ').length) : [...words];
  while (name.length > 0 && politeEnds.has(name.at(-1) as string)) name = name.slice(0, -1);
  return name;
}

/** A first and a last name (particles between them allowed): the name is complete. */
function answersName(words: readonly string[]): boolean {
  const name = nameWords(words);
  const parts = name.filter((word) => !nameParticles.has(word));
  return (
    parts.length >= 2 &&
    parts.length <= 3 &&
    !nameParticles.has(name.at(-1) as string) &&
    name.every((word) => !notNameWords.has(word) && !isNumberWord(word))
  );
}

/**
 * Whether the answer to a short-answer question has been given already: digits to "what's your
 * number?", a name, pickup/delivery, a yes. A dangling article or preposition after it ("… five
 * six seven and a") is then more likely the recogniser's filler at the end of the utterance
 * than a new phrase; a trailing "and" or "uh" still counts. A "no" (or "yes, but") is not
 * enough: a correction follows it ("no, the pizza should be …"), and a correction is a sentence.
 */
export function shortAnswerGiven(words: readonly string[], expected: AsrAnswerKind | undefined) {
  switch (expected) {
    case AsrAnswerKind.phone:
      return words.filter(isNumberWord).length >= 3;
    case AsrAnswerKind.name:
      return nameWords(words).some((word) => !notNameWords.has(word) && !isNumberWord(word));
    case AsrAnswerKind.fulfilment:
      return fulfilmentPhrase.test(words.join(' '));
    case AsrAnswerKind.yesNo:
      return (
        words.some((word) => yesWords.has(word)) &&
        !words.some((word) => noWords.has(word) || correctionWords.has(word))
      );
    default:
      return false;
  }
}

/** Whether `words` are a whole answer of the `expected` kind (then the turn commits early). */
export function answersExpectedQuestion(
  words: readonly string[],
  expected: AsrAnswerKind,
): boolean {
  switch (expected) {
    case AsrAnswerKind.yesNo:
      return answersYesNo(words);
    case AsrAnswerKind.fulfilment:
      return fulfilmentPhrase.test(words.join(' '));
    case AsrAnswerKind.moreOrDone:
      return answersMoreOrDone(words);
    case AsrAnswerKind.name:
      return answersName(words);
    default:
      // An order, an option, a phone number or an address: the generic cues decide (a whole
      // phone number is complete there); options are menu words the detector does not know.
      return false;
  }
}

/**
 * Whether a bare "yes" / "sure" / "okay" is only the start of the answer: to "what can I get
 * you?", "anything else?" or "what's your name?" the caller goes on ("yes, a coke"), so the
 * early commit a bare yes gets elsewhere would cut them off.
 */
export function affirmationLeadsIn(expected: AsrAnswerKind | undefined): boolean {
  return (
    expected !== undefined && expected !== AsrAnswerKind.yesNo && expected !== AsrAnswerKind.free
  );
}

/** Bare affirmations (a subset of the short answers). */
export const affirmations = new Set([
  'yes',
  'yeah',
  'yep',
  'yup',
  'sure',
  'okay',
  'ok',
  'yes please',
  'absolutely',
  'definitely',
  'of course',
]);
