/**
 * Whether a caller's words so far sound finished: the cue the turn detector uses to wait longer
 * (mid phone number, mid address, a trailing "and" / "with" / "two large" / "uh") or to commit
 * early ("yes", "that's all", a complete phone number). Generic English cues only; nothing here
 * knows a menu or a data set.
 */

export type UtteranceEnding =
  | { kind: 'incomplete'; cue: 'phone_number' | 'address' | 'trailing_word' | 'quantity' }
  | { kind: 'complete'; cue: 'short_answer' | 'closing_phrase' | 'phone_number' }
  | { kind: 'open' };

/** A set of lower-case words from a space-separated list. */
function wordSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter((word) => word.length > 0));
}

/** A set of phrases from a `|`-separated list. */
function phraseList(phrases: string): string[] {
  return phrases.split('|').map((phrase) => phrase.trim());
}

const unitWords = wordSet('one two three four five six seven eight nine');
/** Number words that stand for two digits ("twelve", "forty", "five hundred" = 5 + "00"). */
const twoDigitWords = wordSet(`ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred`);
const tensWords = wordSet('twenty thirty forty fifty sixty seventy eighty ninety');
const oneDigitWords = new Set([...unitWords, 'zero', 'oh', 'o']);
/** "double five" = two digits, "triple oh" = three. */
const repeatWords: Record<string, number> = { double: 2, triple: 3 };

/** Digits in a complete phone number: 10 (national, e.g. US or NL) or more. */
const fullPhoneDigits = 10;
/** A trailing run this long is a phone number (or similar), not a quantity. */
const minPhoneDigits = 3;

/**
 * Words after which nobody stops speaking: conjunctions, prepositions, articles, fillers, and a
 * sentence cut before its complement. Left out on purpose: "in", "by", "instead" ("dine in",
 * "drop by", "a coke instead") and "that", "this" (also pronouns: "I'll take that").
 */
const trailingWords = wordSet(`
  and or but plus because
  with without of for to at on from into onto about like than extra
  a an the some any my your our another every
  uh um umm uhm er erm ah hmm mm actually maybe
  is are was be it's i'd i'll i'm what's that's we'd we'll`);
/** Verbs that need an object in a request: "can I get", "I'd like to order". */
const requestVerbs = wordSet('get have want need order add make take try');
const requestSubjects = wordSet("i i'll i'd we we'll we'd to please can could me us");
const conjunctionsBeforeNo = wordSet('with and but or');
/** Quantity words and size adjectives: "two", "a couple", "two large" still need the item. */
const quantityWords = wordSet(`one two three four five six seven eight nine ten eleven twelve
  couple few dozen several single double triple`);
const sizeWords = wordSet(`small medium large regular big little extra-large xl family jumbo mini
  personal half whole hot cold spicy mild`);
/** Whole utterances that answer a question completely. */
const shortAnswers = new Set(
  phraseList(`yes | yeah | yep | yup | yes please | yes thanks | yes thank you | sure | correct |
  that's correct | that is correct | that's right | that is right | right | exactly | no | nope |
  no thanks | no thank you | nah | okay | ok | perfect | great | sounds good | all good |
  absolutely | definitely | of course | pickup | delivery`),
);
/** Endings that close a request, whatever came before. */
const closingPhrases = phraseList(`that's all | that is all | that's it | that is it |
  that'll be all | that will be all | that's everything | that is everything | nothing else |
  thank you | thanks | bye | goodbye | good bye | thats all | thats it`);
const streetTypes = wordSet(`street st avenue ave road rd lane ln drive dr boulevard blvd way court
  ct place pl square sq terrace crescent close parkway highway hwy circle row walk grove gardens
  park hill alley plaza trail pike loop apartment apt unit suite floor`);
/** Dutch/German street names end in their type: "Keizersgracht", "Hoofdstraat". */
const streetSuffix = /(straat|weg|laan|plein|gracht|kade|singel|dijk|hof|steeg|strasse|straße)$/;
const addressCues = phraseList(`address | deliver to | delivered to | delivery to | bring it to |
  send it to | live at | i live on | i'm at | i am at | we're at | we are at | located at |
  postcode | zip code`);

export function normaliseTranscript(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9'+\-\s]/g, ' ')
    .split(/\s+/)
    .flatMap((word) => (/^[0-9+-]+$/.test(word) ? [word] : word.split('-')))
    .filter((word) => word.length > 0 && word !== '-');
}

/** Digits in the run of number words/numerals that ends the utterance, and how many tokens. */
export function trailingDigitRun(words: readonly string[]): { digits: number; tokens: number } {
  let digits = 0;
  let tokens = 0;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] as string;
    const numeral = word.replace(/[+-]/g, '');
    if (/^[0-9]+$/.test(numeral)) digits += numeral.length;
    else if (oneDigitWords.has(word)) digits += 1;
    else if (twoDigitWords.has(word)) {
      // "thirty four" is two digits: a tens word followed by a unit gives only its tens digit.
      const next = words[i + 1];
      digits += tensWords.has(word) && next !== undefined && unitWords.has(next) ? 1 : 2;
    } else if (word in repeatWords && tokens > 0) {
      // "double five": the five was counted once; add the repeats.
      digits += (repeatWords[word] as number) - 1;
    } else break;
    tokens++;
  }
  return { digits, tokens };
}

function endsWithPhrase(joined: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => joined === phrase || joined.endsWith(` ${phrase}`));
}

/** Whether the words talk about an address and, if so, whether it has a number and a street. */
function addressState(joined: string): 'none' | 'incomplete' | 'complete' {
  const cueAt = Math.max(...addressCues.map((cue) => joined.lastIndexOf(cue)));
  if (cueAt < 0) return 'none';
  const afterCue = normaliseTranscript(joined.slice(cueAt)).slice(1);
  const hasNumber = afterCue.some(
    (word) => /^[0-9]/.test(word) || oneDigitWords.has(word) || twoDigitWords.has(word),
  );
  const hasStreetType = afterCue.some((word) => streetTypes.has(word) || streetSuffix.test(word));
  // Finished once both the number and the street are there, in either order.
  return hasNumber && hasStreetType ? 'complete' : 'incomplete';
}

/** How the words so far end; `open` when there is no cue either way. */
export function classifyUtteranceEnding(text: string): UtteranceEnding {
  const words = normaliseTranscript(text);
  if (words.length === 0) return { kind: 'open' };
  const joined = words.join(' ');
  const last = words[words.length - 1] as string;

  const run = trailingDigitRun(words);
  if (run.digits >= fullPhoneDigits) return { kind: 'complete', cue: 'phone_number' };
  if (run.digits >= minPhoneDigits) return { kind: 'incomplete', cue: 'phone_number' };
  const address = addressState(joined);
  if (address === 'incomplete') return { kind: 'incomplete', cue: 'address' };

  if (shortAnswers.has(joined)) return { kind: 'complete', cue: 'short_answer' };
  if (endsWithPhrase(joined, closingPhrases)) return { kind: 'complete', cue: 'closing_phrase' };

  const previous = words[words.length - 2];
  if (
    trailingWords.has(last) ||
    (last === 'no' && previous !== undefined && conjunctionsBeforeNo.has(previous)) ||
    (requestVerbs.has(last) && previous !== undefined && requestSubjects.has(previous))
  ) {
    return { kind: 'incomplete', cue: 'trailing_word' };
  }
  // A number ending a finished address is its house number ("Keizersgracht 12"), not a quantity.
  if (address !== 'complete' && (quantityWords.has(last) || run.digits > 0)) {
    return { kind: 'incomplete', cue: 'quantity' };
  }
  if (
    sizeWords.has(last) &&
    previous !== undefined &&
    (quantityWords.has(previous) || trailingWords.has(previous))
  ) {
    return { kind: 'incomplete', cue: 'quantity' };
  }
  return { kind: 'open' };
}
