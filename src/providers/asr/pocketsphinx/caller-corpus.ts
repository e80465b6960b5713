/**
 * Sentences a caller of a restaurant says, generated from its menu vocabulary: orders with
 * quantities, sizes and modifiers over the menu phrases, and the rest of a call (yes/no,
 * pickup/delivery, names, phone digits, street addresses, corrections, filler). The language
 * model is estimated from them, so its words are the menu's plus this fixed set.
 *
 * Generation is deterministic for a vocabulary (seeded PRNG) so a menu always yields the same
 * model and its cache key stays meaningful.
 */
import { numberWords, spokenWords } from './spoken-words.ts';

const orderOpenings = [
  '',
  '',
  'can i get',
  'can i have',
  'could i get',
  'could i have',
  "i'd like",
  'i would like',
  'i want',
  "i'll have",
  "i'll take",
  'give me',
  'let me get',
  'let me have',
  "we'd like",
  'i need',
  'and',
  'and also',
  'also',
  'plus',
  'yes',
  'yeah',
  'hi can i get',
  'um',
  'uh',
  'can we get',
  'i wanna get',
  'i also want',
];
const quantities = [
  'a',
  'an',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'a couple of',
  'another',
];
const genericSizes = ['small', 'medium', 'large', 'regular', 'extra large', 'big'];
const modifierPatterns = [
  'with {}',
  'with extra {}',
  'extra {}',
  'no {}',
  'without {}',
  'hold the {}',
  'light {}',
  'with no {}',
  'add {}',
  'and {}',
  'with a side of {}',
  'but no {}',
  'easy on the {}',
];
const containers = ['bottle', 'can', 'glass', 'cup', 'slice', 'portion', 'order', 'side'];
const closings = ['', '', '', 'please', 'thanks', 'thank you', 'as well', 'too', 'to go'];

const callPhrases = [
  'yes',
  'yeah',
  'yep',
  'yes please',
  'no',
  'nope',
  'no thanks',
  'no thank you',
  'correct',
  "that's right",
  "that's correct",
  'right',
  'sure',
  'okay',
  'ok',
  'perfect',
  'great',
  "that's all",
  "that's it",
  "that's everything",
  'nothing else',
  'no that is all',
  "that'll be all",
  'for pickup',
  'pickup',
  'pick up',
  "i'll pick it up",
  'for delivery',
  'delivery',
  'deliver it please',
  'can you deliver',
  'collection',
  'takeaway',
  'to go',
  'how much is that',
  'how much is it',
  'how long will it take',
  'what do you have',
  'what sizes do you have',
  'what comes on it',
  'are you open',
  'do you deliver',
  'can i talk to a person',
  'can i speak to someone',
  'i want to talk to a human',
  'a real person please',
  'cancel',
  'cancel that',
  'start over',
  'never mind',
  'actually',
  'wait',
  'no wait',
  'make that',
  'change that to',
  'instead',
  'sorry',
  'hello',
  'hi',
  'hey',
  'hi there',
  'good evening',
  'um',
  'uh',
  'hmm',
  'let me see',
  'let me think',
  'i think',
  'what',
  'pardon',
  'can you repeat that',
  'say that again',
  'i said',
  'remove that',
  'take that off',
  'one more',
  'the same again',
  'that one',
  'cash',
  'card',
  'by card',
  'i want to order',
  "i'd like to place an order",
  'i want to place an order for pickup',
  'i want to place an order for delivery',
  'how much is delivery',
  'bye',
  'goodbye',
  'thanks bye',
  'thank you very much',
];
const firstNames = [
  'john',
  'mary',
  'james',
  'linda',
  'michael',
  'sarah',
  'david',
  'emma',
  'peter',
  'anna',
  'tom',
  'lisa',
  'mark',
  'julia',
  'paul',
  'laura',
  'chris',
  'kate',
  'daniel',
  'sophie',
  'robert',
  'maria',
  'alex',
  'sam',
  'jan',
  'lucas',
  'eva',
  'kevin',
  'nina',
  'steve',
];
const surnames = [
  'smith',
  'jones',
  'brown',
  'johnson',
  'miller',
  'davis',
  'wilson',
  'taylor',
  'clark',
  'white',
  'walker',
  'young',
  'king',
  'green',
  'baker',
  'de vries',
  'jansen',
  'bakker',
];
const streetNames = [
  'main',
  'oak',
  'park',
  'elm',
  'high',
  'church',
  'mill',
  'station',
  'market',
  'king',
  'queen',
  'canal',
  'maple',
  'river',
  'lake',
  'hill',
  'first',
  'second',
  'third',
  'garden',
];
const streetKinds = ['street', 'avenue', 'road', 'lane', 'drive', 'way', 'square', 'court'];
const digitWords = [
  'zero',
  'oh',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
];

export interface CorpusOptions {
  /** Order sentences over the menu phrases. @default 6000 */
  orderSentences?: number;
  /** Sentences for names, phone numbers and addresses, each. @default 300 */
  detailSentences?: number;
  /**
   * Whether the pronunciation dictionary knows a word. A plural is used only when it is known or
   * its singular is not (a foreign dish: "margheritas"), so "larges" or "twelves" never enter.
   */
  isKnownWord?: (word: string) => boolean;
  /** Chance an order line puts another menu phrase before the item. @default 0.08 */
  stackedPhraseProbability?: number;
  /** Chance an order line has a modifier list of random menu phrases. @default 0.4 */
  modifierProbability?: number;
}

/** The corpus as word arrays (already spoken forms: no digits, lowercase). */
export function callerCorpus(
  vocabulary: readonly string[],
  options: CorpusOptions = {},
): string[][] {
  const phrases = [...new Set(vocabulary.map((phrase) => spokenWords(phrase).join(' ')))]
    .filter((phrase) => phrase !== '')
    .sort();
  const random = seededRandom(phrases.join('|'));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentences: string[] = [];
  const add = (...parts: string[]) => sentences.push(parts.filter(Boolean).join(' '));
  const known = options.isKnownWord ?? (() => true);
  const stackedPhraseProbability = options.stackedPhraseProbability ?? 0.08;
  const modifierProbability = options.modifierProbability ?? 0.2;
  const plural = (phrase: string): string => {
    const pluralPhrase = pluralise(phrase);
    const last = (text: string) => text.slice(text.lastIndexOf(' ') + 1);
    return known(last(pluralPhrase)) || !known(last(phrase)) ? pluralPhrase : phrase;
  };

  for (const phrase of phrases) {
    // Every menu phrase alone, plural, and in the commonest frames, so each has its n-grams.
    add(phrase);
    add(pick(orderOpenings), 'a', phrase);
    add(pick(orderOpenings), pick(quantities.slice(3)), plural(phrase));
    add(pick(modifierPatterns).replace('{}', phrase));
  }
  /** One ordered thing: "two large pepperoni pizzas with extra cheese and onions". */
  const orderLine = (): string => {
    const quantity = pick(quantities);
    const several = !['a', 'an', 'one', 'another'].includes(quantity);
    const item = random() < 0.5 && several ? plural(pick(phrases)) : pick(phrases);
    // Callers stack menu words: a size or crust phrase before the item is common.
    const before =
      random() < 0.3
        ? pick(genericSizes)
        : random() < stackedPhraseProbability / 0.7
          ? pick(phrases)
          : '';
    const container =
      random() < 0.1 ? `${several ? plural(pick(containers)) : pick(containers)} of` : '';
    let modifier = '';
    if (random() < modifierProbability) {
      const options = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(phrases));
      const list =
        options.length === 1
          ? options[0]!
          : `${options.slice(0, -1).join(' ')} and ${options.at(-1)!}`;
      modifier = pick(modifierPatterns).replace('{}', list);
    }
    return [quantity, before, container, item, modifier].filter(Boolean).join(' ');
  };
  if (phrases.length > 0) {
    for (let count = options.orderSentences ?? 6000; count > 0; count -= 1) {
      const lines = [orderLine()];
      while (lines.length < 3 && random() < 0.25) lines.push(orderLine());
      const joined =
        lines.length === 1 ? lines[0]! : `${lines.slice(0, -1).join(' ')} and ${lines.at(-1)!}`;
      add(pick(orderOpenings), joined, pick(closings));
    }
  }
  for (const phrase of callPhrases) add(phrase);
  for (let n = 1; n <= 20; n += 1) add(numberWords(n).join(' '));
  for (let count = options.detailSentences ?? 300; count > 0; count -= 1) {
    const name = random() < 0.5 ? pick(firstNames) : `${pick(firstNames)} ${pick(surnames)}`;
    add(pick(['my name is', "it's", 'the name is', 'under', 'this is', '']), name);
    const digits = Array.from({ length: random() < 0.5 ? 7 : 10 }, () => pick(digitWords));
    add(pick(['my number is', "it's", 'the number is', 'call me at', '']), ...digits);
    const houseNumber = numberWords(1 + Math.floor(random() * 300)).join(' ');
    const street = `${pick(streetNames)} ${pick(streetKinds)}`;
    add(pick(['i live at', "it's", 'deliver to', 'the address is', '']), houseNumber, street);
    if (random() < 0.2) add('apartment', numberWords(1 + Math.floor(random() * 40)).join(' '));
  }
  return sentences.map((sentence) => spokenWords(sentence));
}

/** "pizza" → "pizzas", "peach" → "peaches", "berry" → "berries"; applied to the last word. */
export function pluralise(phrase: string): string {
  return phrase.replace(/(\S+)$/, (word) => {
    if (/(s|x|z|ch|sh)$/.test(word)) return word.endsWith('s') ? word : `${word}es`;
    if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
    return `${word}s`;
  });
}

/** mulberry32 seeded from a string: the same vocabulary yields the same corpus. */
export function seededRandom(seedText: string): () => number {
  let seed = 2166136261;
  for (let index = 0; index < seedText.length; index += 1) {
    seed = Math.imul(seed ^ seedText.charCodeAt(index), 16777619);
  }
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
