/**
 * Contact details spoken to the agent: phone numbers (digit by digit, in groups, "oh" for zero,
 * "double five", "+31 6 ..."), names after "my name is" / "it's" / "under the name", and
 * best-effort street addresses and postcodes.
 */
import { numberWordValue } from './numbers.ts';
import { foldText } from './text.ts';

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  nought: '0',
  nul: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  een: '1',
  twee: '2',
  drie: '3',
  vier: '4',
  vijf: '5',
  zes: '6',
  zeven: '7',
  acht: '8',
  negen: '9',
};
/** A number word (not digits) in [min, max], valued by numbers.ts — one table of number words. */
function spokenValueIn(word: string, min: number, max: number): number | undefined {
  if (/^\d/.test(word)) return undefined;
  const value = numberWordValue(word);
  return value !== undefined && value >= min && value <= max ? value : undefined;
}
const teenValue = (word: string) => spokenValueIn(word, 10, 19);
const tensValue = (word: string) => {
  const value = spokenValueIn(word, 20, 90);
  return value !== undefined && value % 10 === 0 ? value : undefined;
};
const REPEAT: Record<string, number> = { double: 2, triple: 3, dubbel: 2 };
const PHONE_FILLER = new Set([
  'dash',
  'and',
  'uh',
  'um',
  'its',
  'is',
  'my',
  'number',
  'phone',
  'the',
  'it',
  'mobile',
  'nummer',
  'telefoonnummer',
]);

function isDigitWord(word: string | undefined): boolean {
  if (word === undefined) return false;
  return /^\d+$/.test(word) || DIGIT_WORDS[word] !== undefined || teenValue(word) !== undefined;
}

/** The phone number in an utterance as a digit string (with a leading "+"), if it has 8–15 digits. */
export function extractPhone(raw: string): string | undefined {
  const best = longestDigitRun(raw);
  const count = best.replace(/\D/g, '').length;
  return count >= 8 && count <= 15 ? best : undefined;
}

/**
 * The longest run of spoken or written digits in an utterance ("it ends in four five" → "45"),
 * with a leading "+" if said; '' if there is none. Pauses between digit groups keep a run going.
 */
export function longestDigitRun(raw: string): string {
  const words = raw
    .toLowerCase()
    .replace(/\+/g, ' plus ')
    .replace(/[,;.!?]+/g, ' break ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ');
  let best = '';
  let current = '';
  let repeat = 1;
  const flush = () => {
    if (current.replace(/\D/g, '').length > best.replace(/\D/g, '').length) best = current;
    current = '';
    repeat = 1;
  };
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    let digits: string | undefined;
    if (/^\d+$/.test(word)) digits = word;
    else if (DIGIT_WORDS[word] !== undefined && !(word === 'o' && current === ''))
      digits = DIGIT_WORDS[word];
    else if (teenValue(word) !== undefined) digits = String(teenValue(word));
    else if (tensValue(word) !== undefined) {
      const unit = DIGIT_WORDS[words[k + 1] ?? ''];
      if (unit !== undefined && unit !== '0') {
        digits = String(tensValue(word)! + Number(unit));
        k++;
      } else digits = String(tensValue(word));
    } else if (REPEAT[word] !== undefined) {
      repeat = REPEAT[word]!;
      continue;
    } else if (word === 'plus' && current === '') {
      current = '+';
      continue;
    } else if (PHONE_FILLER.has(word) && current !== '') continue;
    // A pause between digit groups ("zero six, one two, ...") keeps the number going.
    else if (word === 'break' && current !== '' && isDigitWord(words[k + 1])) continue;
    if (digits === undefined) {
      flush();
      continue;
    }
    current += digits.length === 1 ? digits.repeat(repeat) : digits;
    repeat = 1;
  }
  flush();
  return best;
}

const NAME_TRIGGERS = [
  /\b(?:my name is|my names|name is|the name is|names|under the name(?: of)?|in the name of|call me|mijn naam is|op naam van|op de naam)\s+(.+)/,
  /^(?:its|it is|this is|im|i am|ik ben|met)\s+(.+)/,
];
const NAME_STOP = /\b(and|my|phone|number|please|thanks|thank|for|i|im|the|order|en|mijn)\b.*$/;
const PARTICLES = new Set([
  'de',
  'van',
  'der',
  'den',
  'het',
  'ter',
  'ten',
  'von',
  'di',
  'da',
  'le',
  'la',
  'du',
  'del',
  'op',
]);

/** The caller's name after a naming phrase, spelled as said; `isName` vetoes words that are not names. */
export function extractName(
  folded: string,
  isNameWord: (word: string) => boolean,
  raw?: string,
): string | undefined {
  for (const trigger of NAME_TRIGGERS) {
    const match = trigger.exec(folded);
    if (!match?.[1]) continue;
    const words = match[1]
      .replace(/,.*$/, '')
      .replace(NAME_STOP, '')
      .trim()
      .split(' ')
      .filter(Boolean);
    if (words.length === 0 || words.length > 5) continue;
    if (!words.every((word) => /^[a-z]+$/.test(word) && (PARTICLES.has(word) || isNameWord(word))))
      continue;
    if (words.every((word) => PARTICLES.has(word))) continue;
    return (raw === undefined ? undefined : nameAsSpoken(raw, words)) ?? capitaliseName(words);
  }
  return undefined;
}

/**
 * The caller's own spelling of a name found in folded words: matching is done on folded text
 * (no accents, hyphens or apostrophes), but "Jan-Willem", "O'Brien" and "Zoë" are stored and
 * read back as given. Undefined when the raw tokens cannot be lined up with the words.
 */
export function nameAsSpoken(raw: string, words: readonly string[]): string | undefined {
  const tokens = raw
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  const folds = tokens.map((token) =>
    foldText(token)
      .split(/[\s,]+/)
      .filter(Boolean),
  );
  for (let start = 0; start < tokens.length; start++) {
    let end = start;
    let at = 0;
    while (at < words.length && end < tokens.length) {
      const parts = folds[end]!;
      if (parts.length === 0 || parts.some((part, k) => words[at + k] !== part)) break;
      at += parts.length;
      end++;
    }
    if (at === words.length && end > start) return capitaliseName(tokens.slice(start, end));
  }
  return undefined;
}

/**
 * Capitals as the caller or recogniser gave them; an all-lower-case word gets one at its start
 * and after a hyphen or apostrophe ("jan-willem" → "Jan-Willem"), except a particle inside a name.
 */
export function capitaliseName(words: readonly string[]): string {
  return words
    .map((word, k) => {
      if (word !== word.toLowerCase()) return word;
      if (k > 0 && PARTICLES.has(foldText(word))) return word;
      return word.replace(
        /(^|[-'’])(\p{L})/gu,
        (_, lead: string, letter: string) => lead + letter.toUpperCase(),
      );
    })
    .join(' ');
}

const STREET_SUFFIX =
  '(?:straat|laan|weg|gracht|plein|kade|singel|dijk|hof|steeg|markt|pad|dreef|street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|place|square|close|crescent)';
const STREET = new RegExp(
  `\\b((?:[a-z]+ ){0,3}?[a-z]*${STREET_SUFFIX})\\s+(\\d{1,5}\\s?[a-z]?)\\b`,
);
const NUMBER_FIRST = new RegExp(
  `\\b(\\d{1,5}[a-z]?)\\s+((?:[a-z]+ ){0,3}?[a-z]*${STREET_SUFFIX})\\b`,
);
const POSTCODE = /\b(\d{4})\s?([a-z]{2})\b|\b(\d{4,5})\b/;
const ADDRESS_LEAD =
  /^(?:(?:my address is|the address is|address is|i live at|i live on|deliver(?:ed)? to|bring it to|its|it is|thats|to|at|on|adres is|mijn adres is)\s+)+/;

export interface SpokenAddress {
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
}

/** Street, house number, postcode and city, as far as they can be found. */
export function extractAddress(folded: string): SpokenAddress | undefined {
  const text = folded.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  const address: SpokenAddress = {};
  const street = STREET.exec(text);
  const numberFirst = street ? undefined : NUMBER_FIRST.exec(text);
  if (street?.[1] && street[2]) {
    address.street = street[1].replace(ADDRESS_LEAD, '');
    address.houseNumber = street[2].replace(/\s/g, '');
  } else if (numberFirst?.[1] && numberFirst[2]) {
    address.houseNumber = numberFirst[1];
    address.street = numberFirst[2].replace(ADDRESS_LEAD, '');
  }
  const postcode = POSTCODE.exec(text.replace(street?.[0] ?? numberFirst?.[0] ?? '\u0000', ' '));
  if (postcode) {
    address.postcode = postcode[3] ?? `${postcode[1]} ${postcode[2]!.toUpperCase()}`;
    const after = text
      .slice(text.indexOf(postcode[0]) + postcode[0].length)
      .trim()
      .split(' ')[0];
    if (after && /^[a-z]{3,}$/.test(after)) address.city = after;
  }
  if (!address.street && !address.postcode) return undefined;
  const inCity = /\bin ([a-z]{3,}(?: [a-z]{3,})?)$/.exec(text);
  if (!address.city && inCity?.[1]) address.city = inCity[1];
  if (address.city)
    address.city = address.city.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
  if (address.street)
    address.street = address.street.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
  return address;
}
