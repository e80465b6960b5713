/**
 * The caller's answer to "What's the delivery address?" as a speech recogniser writes it: numbers
 * as words ("prinsengracht two hundred sixty three one zero one six amsterdam"), no commas, and a
 * street name it may have heard as other words. Read after the numbers become digits
 * (spoken-numbers.ts): the house number is the first short number, the street the words beside
 * it, the postcode a four-digit number (with its two letters, "1012 AB") or five digits, the city
 * the words after the postcode. The read-back says the address, so a misheard street can still
 * be corrected.
 */
import { withSpokenNumbersAsDigits } from './spoken-numbers.ts';

export interface AddressAnswer {
  street?: string;
  houseNumber?: string;
  postcode?: string;
  city?: string;
}

/** Words that open an address answer, not part of the street. */
const leadWords = new Set(
  `my the address is i live at on deliver delivered it to bring please its thats
   um uh yes yeah okay ok so well can you that would be`.split(/\s+/),
);
/** Words that never make a street or a city (answers to other questions, fillers). */
const notPlaceWords = new Set(
  `and a an no nope yes please thanks thank you i im my it its is pickup delivery number phone
   name order um uh that thats all`.split(/\s+/),
);

export interface AddressAnswerOptions {
  isMenuWord?: (word: string) => boolean;
  /** Digits of the tenant's postcodes (4: "1012 AB", 5: "90210"); either when unknown. */
  postcodeDigits?: 4 | 5;
}

export function addressFromAnswer(text: string, options: AddressAnswerOptions = {}): AddressAnswer {
  const isMenuWord = options.isMenuWord ?? (() => false);
  const postcodeLengths = options.postcodeDigits ? [options.postcodeDigits] : [4, 5];
  const tokens = withSpokenNumbersAsDigits(text.replace(/(\d)([a-z])\b/gi, '$1 $2'))
    .replace(/,/g, ' , ')
    .split(/\s+/)
    .filter(Boolean);
  const isNumber = (token: string | undefined) => token !== undefined && /^\d+$/.test(token);
  const isLetter = (token: string | undefined) => token !== undefined && /^[a-z]$/.test(token);
  const answer: AddressAnswer = {};

  // The postcode: four digits (two letters may follow) or five, after the house number if both.
  const numbers = tokens.flatMap((token, index) => (isNumber(token) ? [index] : []));
  let postcodeAt = [...numbers]
    .reverse()
    .find(
      (index) =>
        postcodeLengths.includes(tokens[index]!.length) &&
        (numbers.length === 1 || index !== numbers[0]),
    );
  // Digits said one after another may run the house number into the postcode ("2631016").
  const single = numbers.length === 1 ? tokens[numbers[0]!]! : '';
  const length = options.postcodeDigits ?? 4;
  const minimum = options.postcodeDigits ? length + 1 : 6;
  if (postcodeAt === undefined && single.length >= minimum && single.length <= length + 4) {
    tokens.splice(numbers[0]!, 1, single.slice(0, -length), single.slice(-length));
    numbers.push(numbers[0]! + 1);
    postcodeAt = numbers[0]! + 1;
  }
  let afterPostcode = tokens.length;
  if (postcodeAt !== undefined) {
    let postcode = tokens[postcodeAt]!;
    afterPostcode = postcodeAt + 1;
    if (postcode.length === 4) {
      const next = tokens[postcodeAt + 1];
      if (isLetter(next) && isLetter(tokens[postcodeAt + 2])) {
        postcode += ` ${next!}${tokens[postcodeAt + 2]!}`.toUpperCase();
        afterPostcode = postcodeAt + 3;
      } else if (next && /^[a-z]{2}$/.test(next) && !notPlaceWords.has(next)) {
        postcode += ` ${next.toUpperCase()}`;
        afterPostcode = postcodeAt + 2;
      }
    }
    answer.postcode = postcode;
  }

  const houseAt = numbers.find((index) => index !== postcodeAt && tokens[index]!.length <= 4);
  const placeWord = (token: string | undefined) =>
    token !== undefined &&
    /^[a-z]+$/.test(token) &&
    !notPlaceWords.has(token) &&
    !isMenuWord(token);
  if (houseAt !== undefined) {
    answer.houseNumber = tokens[houseAt]!;
    // "12 b": a letter after the house number (not "a", which is an article).
    if (isLetter(tokens[houseAt + 1]) && tokens[houseAt + 1] !== 'a' && houseAt + 1 !== postcodeAt)
      answer.houseNumber += tokens[houseAt + 1]!.toUpperCase();
    // The street: the words just before the house number, or else just after it.
    const before: string[] = [];
    for (let index = houseAt - 1; index >= 0 && before.length < 4; index -= 1) {
      const token = tokens[index]!;
      if (!placeWord(token) || (leadWords.has(token) && before.length === 0)) break;
      before.unshift(token);
    }
    while (before.length > 0 && leadWords.has(before[0]!)) before.shift();
    const after: string[] = [];
    const afterHouse = houseAt + (answer.houseNumber.length > tokens[houseAt]!.length ? 2 : 1);
    for (let index = afterHouse; index < tokens.length && after.length < 4; index += 1) {
      if (index === postcodeAt || !placeWord(tokens[index])) break;
      after.push(tokens[index]!);
    }
    const street = before.length > 0 ? before : after;
    if (street.length > 0) answer.street = titleCase(street);
  }
  if (postcodeAt !== undefined) {
    const city: string[] = [];
    for (let index = afterPostcode; index < tokens.length && city.length < 3; index += 1) {
      if (!placeWord(tokens[index]) || tokens[index] === 'in') {
        if (city.length > 0) break;
        continue;
      }
      city.push(tokens[index]!);
    }
    if (city.length > 0) answer.city = titleCase(city);
  }
  return answer;
}

function titleCase(words: readonly string[]): string {
  return words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ');
}

/** The postcode length of a tenant's delivery area ("1012", "1012 AB" → 4), when it has one. */
export function postcodeFormat(deliveryPostcodes: readonly string[]): { postcodeDigits?: 4 | 5 } {
  const digits = /^\d+/.exec(deliveryPostcodes[0]?.trim() ?? '')?.[0].length;
  return digits === 4 || digits === 5 ? { postcodeDigits: digits } : {};
}
