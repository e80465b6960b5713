/**
 * Whether a caller's words so far sound finished: the cue the turn detector uses to wait longer
 * (mid phone number, mid address, a trailing "and" / "with" / "two large" / "uh") or to commit
 * early ("yes", "that's all", a complete phone number).
 *
 * Answer-aware: given what the agent just asked (`AsrAnswerKind`, from the dialogue state), a
 * cue only counts where it can be the answer. Recognition errors often look unfinished (stray
 * digits heard in "no, that's all"), so:
 * - a run of digits is a phone number in progress only when a phone number is expected (then
 *   from the first digit) or nothing in particular is (then from three digits, as without
 *   expectations); elsewhere digits extend nothing, except one number under a hundred where an
 *   order is being given ("can I have two");
 * - a number or a street without the other is an unfinished address only when an address is
 *   expected; an explicit "deliver to" / "my address is" also where one may be volunteered
 *   (pickup or delivery asked, or nothing in particular), not after "what's your name?", where
 *   it can only be a misrecognition;
 * - after the answer to a short-answer question has been given (digits to "what's your
 *   number?", a name, pickup/delivery, a yes), a dangling article or preposition extends nothing
 *   (recognisers append them from breath and line noise); a trailing "and" or "uh" still does;
 * - a whole answer of the expected kind commits early (answer-cues.ts), and a bare "yes" is only
 *   a lead-in where the question was not a yes/no one ("anything else?" → "yes, a coke").
 *
 * Unfinished endings are graded (`wait`): `extended` where the caller is surely mid-way (digits
 * being read, a trailing "and" or "uh", an address missing its street or number), `moderate`
 * where more is likely but a pause is not (a dangling "two large", a phrase cut before its
 * noun, a phone number one digit short). Generic English cues only; nothing here knows a menu or
 * a data set.
 */
import { AsrAnswerKind } from '../asr/asr-provider.ts';
import {
  affirmationLeadsIn,
  affirmations,
  answersExpectedQuestion,
  nameParticles,
  shortAnswerGiven,
} from './answer-cues.ts';
import {
  conjunctionsBeforeNo,
  continuingWords,
  endsWithPhrase,
  fullPhoneDigits,
  isNumberWord,
  midPhraseWords,
  normaliseTranscript,
  phraseList,
  quantityWords,
  requestSubjects,
  requestVerbs,
  sizeWords,
  streetWord,
  trailingDigitRun,
  type DigitRun,
} from './utterance-words.ts';

export { normaliseTranscript, trailingDigitRun } from './utterance-words.ts';

/** How long an unfinished ending deserves: see the module doc and `TurnDetectorOptions`. */
export type IncompleteWait = 'extended' | 'moderate';

export type UtteranceEnding =
  | {
      kind: 'incomplete';
      cue: 'phone_number' | 'address' | 'trailing_word' | 'quantity';
      wait: IncompleteWait;
    }
  | {
      kind: 'complete';
      cue: 'short_answer' | 'closing_phrase' | 'phone_number' | 'expected_answer';
    }
  | { kind: 'open' };

/** A trailing run this long is a phone number (or similar) when none is expected. */
const minPhoneDigits = 3;

/** Whole utterances that answer a question completely (`affirmations` among them). */
const shortAnswers = new Set([
  ...affirmations,
  ...phraseList(`yes thanks | yes thank you | correct | that's correct | that is correct |
  that's right | that is right | right | exactly | no | nope | no thanks | no thank you | nah |
  perfect | great | sounds good | all good | pickup | delivery`),
]);
/** Endings that close a request, whatever came before. */
const closingPhrases = phraseList(`that's all | that is all | that's it | that is it |
  that'll be all | that will be all | that's everything | that is everything | nothing else |
  thank you | thanks | bye | goodbye | good bye | thats all | thats it`);
const addressCues = phraseList(`address | deliver to | delivered to | delivery to | bring it to |
  send it to | live at | i live on | i'm at | i am at | we're at | we are at | located at |
  postcode | zip code`);

type Expected = AsrAnswerKind | undefined;

/** Where a run of digits may be a phone number: asked for, or nothing in particular asked. */
function digitsMayBePhone(expected: Expected): boolean {
  return (
    expected === undefined || expected === AsrAnswerKind.phone || expected === AsrAnswerKind.free
  );
}

/** Where a caller may leave a quantity hanging: giving an order, or anything. */
function mayOrder(expected: Expected): boolean {
  return (
    expected === undefined ||
    expected === AsrAnswerKind.free ||
    expected === AsrAnswerKind.order ||
    expected === AsrAnswerKind.moreOrDone ||
    expected === AsrAnswerKind.option
  );
}

function phoneEnding(run: DigitRun, expected: Expected): UtteranceEnding | undefined {
  if (!digitsMayBePhone(expected) || run.digits === 0) return undefined;
  const fullDigits = fullPhoneDigits(run);
  if (run.digits >= fullDigits) return { kind: 'complete', cue: 'phone_number' };
  const minDigits = expected === AsrAnswerKind.phone ? 1 : minPhoneDigits;
  if (run.digits < minDigits) return undefined;
  // One digit short is as likely a digit the recogniser dropped as one still to come.
  const wait = run.digits === fullDigits - 1 ? 'moderate' : 'extended';
  return { kind: 'incomplete', cue: 'phone_number', wait };
}

/** Where "deliver to …" / "my address is …" can start an address: asked for, or may be. */
function addressMayBeGiven(expected: Expected): boolean {
  return (
    expected === undefined ||
    expected === AsrAnswerKind.free ||
    expected === AsrAnswerKind.address ||
    expected === AsrAnswerKind.fulfilment
  );
}

/**
 * Whether the words give an address and, if so, whether it has a number and a street. The
 * address starts at an explicit cue ("deliver to"), or at the first word when one is expected.
 */
function addressState(words: readonly string[], expected: Expected) {
  if (!addressMayBeGiven(expected)) return 'none';
  const joined = words.join(' ');
  const cueAt = Math.max(...addressCues.map((cue) => joined.lastIndexOf(cue)));
  const addressExpected = expected === AsrAnswerKind.address;
  if (cueAt < 0 && !addressExpected) return 'none';
  const address = cueAt < 0 ? [...words] : normaliseTranscript(joined.slice(cueAt)).slice(1);
  const hasNumber = address.some(isNumberWord);
  const hasStreet = address.some(streetWord);
  // Finished once both the number and the street are there, in either order.
  if (hasNumber && hasStreet) return 'complete';
  // Without a cue, words with neither ("uh", "it's") are not an address yet.
  return cueAt < 0 && !hasNumber && !hasStreet ? 'none' : 'incomplete';
}

/** The words end in a phrase cut before its complement ("a burger with", "can I get"). */
function endsInCutPhrase(words: readonly string[]): boolean {
  const last = words.at(-1) as string;
  const previous = words.at(-2);
  return (
    midPhraseWords.has(last) ||
    (last === 'no' && previous !== undefined && conjunctionsBeforeNo.has(previous)) ||
    (requestVerbs.has(last) && previous !== undefined && requestSubjects.has(previous))
  );
}

/**
 * How long a trailing word deserves. After a short answer already given, a cut phrase gets
 * the plain hangover: no extension, and no early commit either.
 */
function trailingWordEnding(words: readonly string[], expected: Expected) {
  const last = words.at(-1) as string;
  if (continuingWords.has(last)) return 'extended';
  // "Anna de …": a name particle is never the end of a name.
  if (expected === AsrAnswerKind.name && words.length > 1 && nameParticles.has(last))
    return 'moderate';
  if (!endsInCutPhrase(words)) return undefined;
  return shortAnswerGiven(words, expected) ? 'none' : 'moderate';
}

function quantityEnding(words: readonly string[], run: DigitRun, expected: Expected): boolean {
  if (!mayOrder(expected)) return false;
  const last = words.at(-1) as string;
  const previous = words.at(-2);
  // Without a particular question any number may be a quantity; with an order question only
  // one number ("two", "twelve"), not a string of stray digits.
  const anyNumber = expected === undefined || expected === AsrAnswerKind.free;
  const dangling = run.tokens > 0 ? anyNumber || run.singleNumber : quantityWords.has(last);
  const sized =
    sizeWords.has(last) &&
    previous !== undefined &&
    (quantityWords.has(previous) || midPhraseWords.has(previous) || continuingWords.has(previous));
  return dangling || sized;
}

/**
 * How the words so far end, given the answer the agent asked for (`expected`, none = no
 * particular question); `open` when there is no cue either way.
 */
export function classifyUtteranceEnding(text: string, expected?: AsrAnswerKind): UtteranceEnding {
  const words = normaliseTranscript(text);
  if (words.length === 0) return { kind: 'open' };
  const joined = words.join(' ');
  const run = trailingDigitRun(words);

  const phone = phoneEnding(run, expected);
  if (phone) return phone;
  const address = addressState(words, expected);
  if (address === 'incomplete') return { kind: 'incomplete', cue: 'address', wait: 'extended' };

  if (shortAnswers.has(joined)) {
    if (affirmations.has(joined) && affirmationLeadsIn(expected)) return { kind: 'open' };
    return { kind: 'complete', cue: 'short_answer' };
  }
  if (endsWithPhrase(joined, closingPhrases)) return { kind: 'complete', cue: 'closing_phrase' };

  const trailing = trailingWordEnding(words, expected);
  if (trailing === 'none') return { kind: 'open' };
  if (trailing) return { kind: 'incomplete', cue: 'trailing_word', wait: trailing };
  // A number ending a finished address is its house number ("Keizersgracht 12"), not a quantity.
  if (address !== 'complete' && quantityEnding(words, run, expected)) {
    return { kind: 'incomplete', cue: 'quantity', wait: 'moderate' };
  }
  if (expected !== undefined && answersExpectedQuestion(words, expected)) {
    return { kind: 'complete', cue: 'expected_answer' };
  }
  return { kind: 'open' };
}
