/**
 * What callers say in answer to each of the agent's questions (the kinds of `AsrAnswerKind` that
 * get their own language model): generic phrasings, never a tenant's or a test's lines. Each
 * answer model is this corpus weighted heavily, mixed with the menu corpus (caller-corpus.ts) at
 * a lower weight so an off-script answer ("no, make it three pizzas") is still heard.
 *
 * Deterministic for a seed, like the menu corpus, so the cached models stay meaningful.
 */
import { AsrAnswerKind } from '../../../data/pipeline/asr/asr-provider.ts';
import { seededRandom } from './caller-corpus.ts';
import { lineDigit } from './line-digits.ts';
import { familyNames, givenNames, phraseList } from './name-corpus.ts';
import { numberWords, spokenWords } from './spoken-words.ts';
import {
  dutchStreetNames,
  englishStreetKinds,
  englishStreetWords,
  streetNumberLetters,
} from './street-corpus.ts';

/** The answer kinds with a model of their own; the others decode with the menu model. */
export const answerModelKinds = [
  AsrAnswerKind.moreOrDone,
  AsrAnswerKind.fulfilment,
  AsrAnswerKind.name,
  AsrAnswerKind.phone,
  AsrAnswerKind.address,
  AsrAnswerKind.yesNo,
] as const;
export type AnswerModelKind = (typeof answerModelKinds)[number];

export function hasAnswerModel(kind: AsrAnswerKind): kind is AnswerModelKind {
  return (answerModelKinds as readonly string[]).includes(kind);
}

const fillers = ['', '', '', '', 'um', 'uh', 'oh', 'okay', 'yeah'];
const politeEnds = ['', '', '', 'please', 'thanks', 'thank you'];

const doneCores = [
  "that's all",
  "that's it",
  "that's everything",
  'that is all',
  'that is it',
  'nothing else',
  'nothing more',
  "i'm good",
  "i'm fine",
  "we're good",
  "that'll be all",
  "that'll be it",
  'that will be all',
  "that's all for now",
  "that's it for today",
  "that's enough",
  'all good',
  'just that',
  'just that please',
];
const doneLeads = [
  '',
  '',
  'no',
  'no',
  'nope',
  'no thanks',
  'no thank you',
  'um no',
  'no no',
  'yes',
  'yeah',
];
/** Answers to "Is that everything for your order?", the agent's question after a misheard one. */
const confirmDone = ['yes', 'yeah', 'yep', 'okay', 'sure', "that's right", 'correct', 'yes please'];
const moreLeads = [
  'yes',
  'yeah',
  'yes please',
  'actually yes',
  'oh and',
  'and',
  'also',
  'can i also get',
  'i also want',
  "yes i'd like",
  'yeah can i get',
  'one more thing',
];

const pickupPhrases = [
  'pickup',
  'pick up',
  'for pickup',
  'pickup please',
  "i'll pick it up",
  'i will pick it up',
  "we'll pick it up",
  "i'll come pick it up",
  "i'll come and get it",
  "i'll collect it",
  'collection',
  'for collection',
  'takeaway',
  'to go',
  "it's for pickup",
  "that's for pickup",
  'make it pickup',
  'pickup is fine',
  'i want to pick it up',
  "i'd like to pick it up",
];
const deliveryPhrases = [
  'delivery',
  'for delivery',
  'delivery please',
  'deliver it',
  'deliver it please',
  'please deliver',
  'can you deliver it',
  'can you deliver',
  'i want it delivered',
  "i'd like it delivered",
  'have it delivered',
  "it's for delivery",
  "that's for delivery",
  'make it delivery',
  'i want delivery',
  "i'd like delivery",
  'bring it to me',
  'deliver to my house',
];

const yesPhrases = [
  'yes',
  'yeah',
  'yep',
  'yup',
  'yes please',
  'yes that is right',
  "yes that's right",
  "yes that's correct",
  "that's right",
  "that's correct",
  'correct',
  'right',
  'sure',
  'okay',
  'ok',
  'perfect',
  'great',
  'sounds good',
  'go ahead',
  'please do',
  'yes go ahead',
  'yes place the order',
  'place the order',
  'yes please place it',
  "yes that's it",
  'exactly',
  'absolutely',
  'all good',
  'that sounds right',
  'yes pickup is fine',
  "yes i'll pick it up",
];
const noPhrases = [
  'no',
  'nope',
  'no thanks',
  'no thank you',
  "no that's wrong",
  "that's not right",
  'not quite',
  'no wait',
  'wait',
  'actually',
  'no actually',
  'hold on',
  'no cancel it',
  'cancel the order',
  "no i'll leave it",
  "no thanks i'll leave it",
  "then i'll leave it",
  'never mind',
];

const nameLeads = [
  '',
  '',
  '',
  'my name is',
  "it's",
  'the name is',
  "name's",
  'under',
  'put it under',
  'this is',
  "it's for",
  'you can put it under',
  "i'm",
];

const phoneLeads = [
  '',
  '',
  '',
  'my number is',
  "it's",
  'the number is',
  'my phone number is',
  'you can reach me at',
  'call me on',
  'call me at',
];
const digitWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const cities = phraseList(`
  amsterdam, rotterdam, the hague, eindhoven, groningen, leiden, haarlem, london, manchester,
  birmingham, dublin, new york, boston, chicago, berlin, paris, brussels, antwerp,
  springfield
`);
const addressLeads = [
  '',
  '',
  'i live at',
  "it's",
  'deliver to',
  'the address is',
  'my address is',
  "it's at",
  'please deliver to',
];
const letterWords = 'a b c d e f g h i j k l m n o p q r s t u v w x y z'.split(' ');

export interface AnswerCorpusOptions {
  /** Share of phone answers given as "plus", a country code and the number. @default 0.15 */
  phoneInternationalShare?: number;
  /** Share of those codes read digit by digit ("plus three one", not "thirty one"). @default 0.85 */
  phoneCodeByDigitShare?: number;
}

/**
 * The answer corpus of `kind` as word arrays (spoken forms). `size` scales the generated
 * (random) part: names, numbers, addresses.
 */
export function answerCorpus(
  kind: AnswerModelKind,
  size = 600,
  options: AnswerCorpusOptions = {},
): string[][] {
  // Swept with bench/asr-accuracy.ts p (21 phone turns): 0 → 24.7 % phone WER, 0.15 → 16.7 %,
  // 0.3 → 18.9 %; codes by digit 0.6 → 17.3 %, 0.85 → 16.7 %.
  const { phoneInternationalShare = 0.15, phoneCodeByDigitShare = 0.85 } = options;
  const random = seededRandom(`answers:${kind}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  /** Names are far from equally common: the lists are roughly by frequency, so favour the top. */
  const pickCommon = <T>(list: readonly T[]): T => list[Math.floor(random() ** 2 * list.length)]!;
  const sentences: string[] = [];
  const add = (...parts: string[]) => sentences.push(parts.filter(Boolean).join(' '));
  switch (kind) {
    case AsrAnswerKind.moreOrDone:
      for (const lead of doneLeads) for (const core of doneCores) add(lead, core);
      for (const lead of doneLeads) add(lead, pick(doneCores), pick(politeEnds));
      for (const lead of ['no', 'nope', 'no thanks', 'no thank you']) add(lead);
      for (const answer of confirmDone) add(answer);
      // "yes, and …" continues with an order: its menu words come from the menu corpus.
      for (const lead of moreLeads) add(lead);
      break;
    case AsrAnswerKind.fulfilment:
      for (const phrase of [...pickupPhrases, ...deliveryPhrases]) {
        add(phrase);
        add(pick(fillers), phrase, pick(politeEnds));
      }
      break;
    case AsrAnswerKind.yesNo:
      for (const phrase of [...yesPhrases, ...noPhrases]) {
        add(phrase);
        add(pick(fillers), phrase, pick(politeEnds));
      }
      break;
    case AsrAnswerKind.name:
      // Every name once alone and once in a full name, so each has its n-grams; then answers
      // weighted towards the common names.
      for (const given of givenNames) add(given);
      for (const family of familyNames) add(pick(nameLeads), pickCommon(givenNames), family);
      for (let count = size * 2; count > 0; count -= 1) {
        const given = pickCommon(givenNames);
        const full = random() < 0.6 ? `${given} ${pickCommon(familyNames)}` : given;
        add(pick(nameLeads), full, random() < 0.1 ? pick(politeEnds) : '');
      }
      break;
    case AsrAnswerKind.phone:
      for (let count = size, codeForm = seededRandom('answers:phone:code'); count > 0; count -= 1)
        add(
          pick(phoneLeads),
          ...phoneNumber(random, codeForm, phoneInternationalShare, phoneCodeByDigitShare),
        );
      break;
    case AsrAnswerKind.address:
      for (const street of dutchStreets) add(street, houseNumber(random));
      for (let count = size * 2; count > 0; count -= 1) {
        const dutch = random() < 0.5;
        const street = dutch
          ? pick(dutchStreets)
          : `${pick(englishStreetWords)} ${pick(englishStreetKinds)}`;
        const house = houseNumber(random);
        const code = postcode(random, dutch);
        const form = random();
        // Dutch addresses put the number after the street, English ones before it.
        const place = dutch ? `${street} ${house}` : `${house} ${street}`;
        if (form < 0.45) add(pick(addressLeads), place);
        else if (form < 0.8)
          add(pick(addressLeads), place, code, random() < 0.5 ? pick(cities) : '');
        else if (form < 0.9) add(random() < 0.5 ? "it's" : '', code);
        else add(random() < 0.5 ? "it's in" : '', pick(cities));
      }
      break;
  }
  const spoken = sentences.map((sentence) => spokenWords(sentence)).filter((words) => words.length);
  // Digits of a phone number and the words of a closing ("that's all", "no thanks") are words
  // of their own, pronounced as the line carries them (line-digits.ts).
  return lineWordKinds.has(kind) ? spoken.map((words) => words.map(lineDigit)) : spoken;
}

const dutchStreets = dutchStreetNames();
const lineWordKinds = new Set<AnswerModelKind>([
  AsrAnswerKind.phone,
  AsrAnswerKind.moreOrDone,
  AsrAnswerKind.yesNo,
]);

/** A house number as callers say it: "twelve", "two hundred sixty three", "two six three", "12 b". */
function houseNumber(random: () => number): string {
  // Most houses have low numbers.
  const number = 1 + Math.floor(random() ** 2 * 400);
  const words =
    number >= 100 && random() < 0.3
      ? [...String(number)].map((digit) => digitWords[Number(digit)]!)
      : numberWords(number);
  if (random() < 0.1) words.push(streetNumberLetters[Math.floor(random() * 4)]!);
  return words.join(' ');
}

/**
 * A postcode: four digits said one by one, in two pairs ("ten sixteen") or as one number, with
 * two letters for a Dutch one ("one zero one six a b"); five digits one by one otherwise.
 */
function postcode(random: () => number, dutch: boolean): string {
  const length = dutch || random() < 0.5 ? 4 : 5;
  const digits = Array.from(
    { length },
    (_, index) => Math.floor(random() * (index ? 10 : 9)) + (index ? 0 : 1),
  );
  const form = random();
  const words =
    length === 5 || form < 0.5
      ? digits.map((digit) => digitWords[digit]!)
      : form < 0.75
        ? [...pairWords(digits[0]!, digits[1]!), ...pairWords(digits[2]!, digits[3]!)]
        : numberWords(Number(digits.join('')));
  if (dutch && random() < 0.5) words.push(pick2(random, letterWords), pick2(random, letterWords));
  return words.join(' ');
}

function pick2<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/**
 * Real numbering plans, so a code's digits get the n-grams real numbers have: the country
 * calling code, the first digits of its mobile numbers and the national number's length
 * (without the trunk zero). Mobiles are what callers mostly give.
 */
const numberingPlans: readonly { code: number; mobile: readonly string[]; length: number }[] = [
  { code: 31, mobile: ['6'], length: 9 },
  { code: 44, mobile: ['7'], length: 10 },
  { code: 32, mobile: ['4'], length: 9 },
  { code: 49, mobile: ['15', '16', '17'], length: 11 },
  { code: 33, mobile: ['6', '7'], length: 9 },
  { code: 1, mobile: [''], length: 10 },
  { code: 34, mobile: ['6', '7'], length: 9 },
  { code: 39, mobile: ['3'], length: 10 },
  { code: 353, mobile: ['8'], length: 9 },
  { code: 41, mobile: ['7'], length: 9 },
  { code: 43, mobile: ['6'], length: 10 },
  { code: 48, mobile: ['5', '6', '7'], length: 9 },
  { code: 351, mobile: ['9'], length: 9 },
  { code: 45, mobile: ['2', '3'], length: 8 },
];

/**
 * A phone number as a caller says it: mostly digit by digit ("oh" for some zeros), sometimes in
 * groups read as numbers ("twelve thirty four", "one thousand two hundred thirty four"). Some
 * are a real plan's number: nationally with its trunk zero ("zero six …"), or internationally
 * after "plus" and the country code ("plus three one six …", "plus thirty one six …"), the
 * trunk zero dropped; the rest random digits.
 */
function phoneNumber(
  random: () => number,
  codeForm: () => number,
  internationalShare: number,
  codeByDigitShare: number,
): string[] {
  const form = random();
  const plan = numberingPlans[Math.floor(random() * numberingPlans.length)]!;
  const planDigits = () => {
    const mobile = plan.mobile[Math.floor(random() * plan.mobile.length)]!;
    const rest = Array.from({ length: plan.length - mobile.length }, () =>
      Math.floor(random() * 10),
    );
    return [...[...mobile].map(Number), ...rest];
  };
  const words: string[] = [];
  let digits: number[];
  if (form < internationalShare) {
    // The code is read digit by digit ("plus three one") more often than as a number ("plus
    // thirty one"). That choice has a stream of its own, so the rest stays as it was.
    const byDigit = codeForm() < codeByDigitShare;
    words.push(
      'plus',
      ...(byDigit
        ? [...String(plan.code)].map((digit) => digitWords[Number(digit)]!)
        : numberWords(plan.code)),
    );
    digits = planDigits();
  } else if (form < internationalShare + (1 - internationalShare) / 2) {
    digits = [0, ...planDigits()];
  } else {
    const length = random() < 0.7 ? 10 : 7 + Math.floor(random() * 6);
    digits = Array.from({ length }, () => Math.floor(random() * 10));
    // Most national numbers start with a trunk zero ("oh two oh…", "zero six…").
    if (random() < 0.5) digits[0] = 0;
  }
  const grouping = random();
  for (let index = 0; index < digits.length;) {
    const size = grouping < 0.75 ? 1 : 1 + Math.floor(random() * 4);
    const group = digits.slice(index, index + size);
    index += group.length;
    if (group.length === 1 || group[0] === 0) {
      for (const digit of group) {
        words.push(digit === 0 && random() < 0.25 ? 'oh' : digitWords[digit]!);
      }
    } else if (group.length === 4 && random() < 0.5) {
      // "twelve thirty four"
      words.push(...pairWords(group[0]!, group[1]!), ...pairWords(group[2]!, group[3]!));
    } else {
      words.push(...numberWords(Number(group.join(''))));
    }
  }
  return words;
}

/** Two digits read as one number ("thirty four", "oh five"). */
function pairWords(first: number, second: number): string[] {
  return first === 0 ? ['oh', digitWords[second]!] : numberWords(first * 10 + second);
}
