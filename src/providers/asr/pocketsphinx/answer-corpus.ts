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
import { numberWords, spokenWords } from './spoken-words.ts';

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
const doneLeads = ['', '', 'no', 'no', 'nope', 'no thanks', 'no thank you', 'um no', 'no no'];
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

/** Common given names in English-speaking and western European countries (a generic list). */
const givenNames = phraseList(`
  james, john, robert, michael, william, david, richard, joseph, thomas, charles,
  christopher, daniel, matthew, anthony, mark, donald, steven, paul, andrew, joshua, kevin,
  brian, george, edward, ronald, timothy, jason, jeffrey, ryan, jacob, gary, nicholas, eric,
  jonathan, stephen, larry, justin, scott, brandon, benjamin, samuel, frank, gregory,
  raymond, alexander, patrick, jack, dennis, jerry, tyler, aaron, henry, adam, peter, nathan,
  zachary, kyle, noah, ethan, jeremy, mary, patricia, jennifer, linda, elizabeth, barbara,
  susan, jessica, sarah, karen, nancy, lisa, betty, margaret, sandra, ashley, kimberly,
  emily, donna, michelle, dorothy, carol, amanda, melissa, deborah, stephanie, rebecca,
  laura, sharon, cynthia, kathleen, amy, shirley, angela, helen, anna, brenda, pamela,
  nicole, emma, samantha, katherine, christine, debra, rachel, catherine, carolyn, janet,
  ruth, maria, heather, diane, virginia, julie, joyce, victoria, olivia, kelly, christina,
  lauren, joan, evelyn, judith, megan, cheryl, andrea, hannah, martha, jacqueline, frances,
  tom, tim, sam, alex, chris, mike, dave, steve, nick, ben, dan, joe, jim, bob, bill, max,
  kate, sophie, lucy, grace, chloe, mia, ella, amelia, jane, luke, oliver, harry, charlie,
  oscar, leo, lucas, liam, mason, logan, jan, piet, kees, henk, willem, johan, pieter, bram,
  daan, sem, lars, tim, eva, sanne, lotte, fleur, lisa, julia, sara, anne, marieke, inge,
  els, ingrid, marco, luca, giulia, sofia, pierre, marie, hans, klaus, ahmed, mohammed,
  fatima, ali, omar, yusuf, priya, raj, wei, chen, kim, nina, rosa, carlos, juan, jose
`);
/** The most frequent family names in the US, the Netherlands, Germany, Italy, France and Asia (a generic list). */
const familyNames = phraseList(`
  smith, johnson, williams, brown, jones, garcia, miller, davis, rodriguez, martinez,
  hernandez, lopez, gonzalez, wilson, anderson, thomas, taylor, moore, jackson, martin, lee,
  perez, thompson, white, harris, sanchez, clark, ramirez, lewis, robinson, walker, young,
  allen, king, wright, scott, torres, nguyen, hill, flores, green, adams, nelson, baker,
  hall, rivera, campbell, mitchell, carter, roberts, evans, turner, phillips, parker,
  edwards, collins, stewart, morris, murphy, cook, rogers, morgan, cooper, peterson, bailey,
  reed, kelly, howard, cox, ward, richardson, watson, brooks, wood, james, bennett, gray,
  hughes, price, sanders, de jong, jansen, de vries, van den berg, van dijk, bakker, janssen,
  visser, smit, meijer, de boer, mulder, de groot, bos, vos, peters, hendriks, van leeuwen,
  dekker, brouwer, de wit, dijkstra, smits, de graaf, van der meer, kok, jacobs, de haan,
  muller, schmidt, schneider, fischer, weber, rossi, russo, ferrari, dubois, moreau, khan,
  ali, patel, singh, kumar, wang, li, zhang, chen, kim, park, nowak
`);
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
  "it's plus",
  'plus',
];
const digitWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const streetWords = phraseList(`
  main, oak, park, elm, high, church, mill, station, market, king, queen, canal, maple,
  river, lake, hill, garden, school, bridge, north, south, east, west, green, new, old, long,
  cedar, pine, willow, spring, forest, sunset, harbour, castle, meadow, victoria, george,
  washington, lincoln, first, second, third, fourth, fifth, broad, water, bank, rose,
  chestnut, orchard
`);
const streetKinds = phraseList(`
  street, avenue, road, lane, drive, way, square, court, place, boulevard, close, crescent,
  terrace, straat, laan, weg, plein, kade
`);
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

/**
 * The answer corpus of `kind` as word arrays (spoken forms). `size` scales the generated
 * (random) part: names, numbers, addresses.
 */
export function answerCorpus(kind: AnswerModelKind, size = 600): string[][] {
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
      for (const given of givenNames) add(given);
      for (let count = size; count > 0; count -= 1) {
        const given = pickCommon(givenNames);
        const full = random() < 0.6 ? `${given} ${pickCommon(familyNames)}` : given;
        add(pick(nameLeads), full, random() < 0.1 ? pick(politeEnds) : '');
      }
      break;
    case AsrAnswerKind.phone:
      for (let count = size; count > 0; count -= 1) add(pick(phoneLeads), ...phoneNumber(random));
      break;
    case AsrAnswerKind.address:
      for (let count = size; count > 0; count -= 1) {
        const house = numberWords(1 + Math.floor(random() * 400)).join(' ');
        const street = `${pick(streetWords)} ${pick(streetKinds)}`;
        const postcode = [
          ...Array.from({ length: 4 }, () => pick(digitWords)),
          ...(random() < 0.5 ? [pick(letterWords), pick(letterWords)] : []),
        ].join(' ');
        const form = random();
        if (form < 0.4) add(pick(addressLeads), house, street);
        else if (form < 0.6) add(pick(addressLeads), street, house);
        else if (form < 0.8)
          add(pick(addressLeads), street, house, postcode, random() < 0.5 ? pick(cities) : '');
        else if (form < 0.9) add(random() < 0.5 ? "it's" : '', postcode);
        else add(random() < 0.5 ? "it's in" : '', pick(cities));
      }
      break;
  }
  const spoken = sentences.map((sentence) => spokenWords(sentence)).filter((words) => words.length);
  // Digits of a phone number are words of their own, pronounced as the line carries them.
  return kind === AsrAnswerKind.phone ? spoken.map((words) => words.map(lineDigit)) : spoken;
}

/** A comma-separated list (kept compact: the formatter would put each name on a line). */
function phraseList(text: string): string[] {
  return [...new Set(text.split(',').map((phrase) => phrase.trim()))].filter(Boolean);
}

/**
 * A phone number as a caller says it: mostly digit by digit ("oh" for some zeros), sometimes in
 * groups read as numbers ("twelve thirty four", "one thousand two hundred thirty four"), sometimes
 * with a country code ("plus thirty one …").
 */
function phoneNumber(random: () => number): string[] {
  const length = random() < 0.7 ? 10 : 7 + Math.floor(random() * 6);
  const digits = Array.from({ length }, () => Math.floor(random() * 10));
  // Most national numbers start with a trunk zero ("oh two oh…", "zero six…").
  if (random() < 0.5) digits[0] = 0;
  const words: string[] = [];
  if (random() < 0.15) {
    words.push('plus', ...numberWords(1 + Math.floor(random() * 99)));
    digits.shift();
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
