/**
 * The words the endpointing cues look at: transcript normalisation, spoken numbers (digits read
 * one by one, "double five", "thirty four") and the generic English word lists the cues use.
 * Nothing here knows a menu or a data set.
 */

/** A set of lower-case words from a space-separated list. */
export function wordSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter((word) => word.length > 0));
}

/** A set of phrases from a `|`-separated list. */
export function phraseList(phrases: string): string[] {
  return phrases.split('|').map((phrase) => phrase.trim());
}

/** Lower-case words; numerals keep their digits ("06-1234" stays one word), "-" splits words. */
export function normaliseTranscript(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9'+\-\s]/g, ' ')
    .split(/\s+/)
    .flatMap((word) => (/^[0-9+-]+$/.test(word) ? [word] : word.split('-')))
    .filter((word) => word.length > 0 && word !== '-');
}

export function endsWithPhrase(joined: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => joined === phrase || joined.endsWith(` ${phrase}`));
}

const unitWords = wordSet('one two three four five six seven eight nine');
/** Number words that stand for two digits ("twelve", "forty", "five hundred" = 5 + "00"). */
const twoDigitWords = wordSet(`ten eleven twelve thirteen fourteen fifteen sixteen seventeen
  eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred`);
const tensWords = wordSet('twenty thirty forty fifty sixty seventy eighty ninety');
const oneDigitWords = new Set([...unitWords, 'zero', 'oh', 'o']);
/** "double five" = two digits, "triple oh" = three. */
const repeatWords: Record<string, number> = { double: 2, triple: 3 };

/** Whether `word` is a spoken or written number (a house number, a digit of a phone number). */
export function isNumberWord(word: string): boolean {
  return /^[0-9]/.test(word) || oneDigitWords.has(word) || twoDigitWords.has(word);
}

export interface DigitRun {
  /** Digits the run stands for ("thirty four" = 2, "double five" = 2, "06-1234" = 6). */
  digits: number;
  /** Words the run spans. */
  tokens: number;
  /** The run is one number under a hundred ("two", "twelve", "thirty four"): a quantity. */
  singleNumber: boolean;
  /** The run starts an international number ("plus three one …", "+31 …", "0031 …"). */
  international: boolean;
}

/** The run of number words/numerals that ends the utterance. */
export function trailingDigitRun(words: readonly string[]): DigitRun {
  let digits = 0;
  let tokens = 0;
  let first = '';
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
    first = word;
  }
  const runStart = words.length - tokens;
  const spokenPlus = runStart > 0 && words[runStart - 1] === 'plus';
  const lastTwo = words.slice(runStart, runStart + 2).join(' ');
  const last = words.at(-1) as string;
  const singleNumber =
    tokens === 1
      ? /^[0-9]{1,2}$/.test(first) ||
        ((unitWords.has(first) || twoDigitWords.has(first)) && first !== 'hundred')
      : tokens === 2 && tensWords.has(first) && unitWords.has(last);
  return {
    digits,
    tokens,
    singleNumber,
    international:
      tokens > 0 &&
      (spokenPlus || first.startsWith('+') || first.startsWith('00') || lastTwo === 'zero zero'),
  };
}

/**
 * Digits in a complete phone number: 10 national (US, NL, …); with a country code ("+31 6 …",
 * "+1 555 …") one more, as the shortest common international form.
 */
export function fullPhoneDigits(run: DigitRun): number {
  return run.international ? 11 : 10;
}

/**
 * Words after which nobody stops speaking, graded by how surely more follows:
 * - `continuing`: a conjunction or a filler — the caller is adding to a list or thinking;
 * - `midPhrase`: prepositions, articles, determiners, a subject with its verb ("I'd", "it's") —
 *   a phrase cut before its complement.
 * Left out on purpose: "in", "by", "instead" ("dine in", "drop by", "a coke instead") and "that",
 * "this" (also pronouns: "I'll take that").
 */
export const continuingWords = wordSet(`and or but plus because
  uh um umm uhm er erm ah hmm mm`);
export const midPhraseWords = wordSet(`
  with without of for to at on from into onto about like than extra
  a an the some any my your our another every
  actually maybe
  is are was be it's i'd i'll i'm what's that's we'd we'll`);
/** Verbs that need an object in a request: "can I get", "I'd like to order". */
export const requestVerbs = wordSet('get have want need order add make take try');
export const requestSubjects = wordSet("i i'll i'd we we'll we'd to please can could me us");
export const conjunctionsBeforeNo = wordSet('with and but or');
/** Quantity words and size adjectives: "two", "a couple", "two large" still need the item. */
export const quantityWords = wordSet(`one two three four five six seven eight nine ten eleven
  twelve couple few dozen several single double triple`);
export const sizeWords = wordSet(`small medium large regular big little extra-large xl family
  jumbo mini personal half whole hot cold spicy mild`);

const streetTypes = wordSet(`street st avenue ave road rd lane ln drive dr boulevard blvd way court
  ct place pl square sq terrace crescent close parkway highway hwy circle row walk grove gardens
  park hill alley plaza trail pike loop apartment apt unit suite floor`);
/** Dutch/German street names end in their type: "Keizersgracht", "Hoofdstraat". */
const streetSuffix = /(straat|weg|laan|plein|gracht|kade|singel|dijk|hof|steeg|strasse|straße)$/;

/** Whether `word` names a kind of street ("avenue", "Hoofdstraat") or a part of a building. */
export function streetWord(word: string): boolean {
  return streetTypes.has(word) || streetSuffix.test(word);
}
