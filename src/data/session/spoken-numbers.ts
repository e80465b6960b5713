/**
 * Spoken numbers in a recogniser's words → digits, for answers that hold numbers the menu parser
 * does not read (house numbers, postcodes): "two hundred sixty three" → "263", "one zero one
 * six" → "1016", "ten sixteen" → "1016", "twelve b" → "12 b". A speech recogniser writes words;
 * a typed answer already has digits and passes through unchanged.
 *
 * Numbers said digit by digit or in pairs are one number; a number with "hundred" or "thousand"
 * stands alone, so "two hundred sixty three one zero one six" is "263 1016".
 */
import { englishDigitWords, englishTeenWords, englishTensWords } from '../understanding/index.ts';

const units = englishDigitWords;
const teens = englishTeenWords;
const tens = englishTensWords;

function isNumberWord(word: string | undefined): boolean {
  return (
    word !== undefined &&
    (word in units ||
      word in teens ||
      word in tens ||
      word === 'hundred' ||
      word === 'thousand' ||
      word === 'double')
  );
}

/** One number read from `words` at `start`: its digits and whether it had hundred/thousand. */
interface Chunk {
  digits: string;
  compound: boolean;
  end: number;
}

/**
 * One number from `words` at `start`: "two hundred (and) sixty three", "one thousand and
 * sixteen", "sixty three", "sixteen", "seven", "zero". A word that cannot continue the number
 * ("two six", "ten sixteen") ends it: the next number starts there.
 */
function chunkAt(words: readonly string[], start: number): Chunk | undefined {
  const first = words[start]!;
  if (first === 'double' && units[words[start + 1] ?? ''] !== undefined) {
    const digit = String(units[words[start + 1]!]);
    return { digits: digit + digit, compound: false, end: start + 2 };
  }
  if (first === 'zero' || first === 'oh') return { digits: '0', compound: false, end: start + 1 };
  let total = 0;
  let current = 0;
  let compound = false;
  let index = start;
  for (; index < words.length; index += 1) {
    const word = words[index]!;
    const started = index > start;
    // After "hundred" or "thousand" a smaller number may follow.
    const open = current % 100 === 0 && (current > 0 || total > 0);
    if (word in units && word !== 'zero' && word !== 'oh') {
      const afterTens = current % 100 >= 20 && current % 10 === 0;
      if (started && !open && !afterTens) break;
      current += units[word]!;
    } else if (word in teens || word in tens) {
      if (started && !open) break;
      current += (teens[word] ?? tens[word])!;
    } else if (word === 'hundred' && current > 0 && current < 10) {
      current *= 100;
      compound = true;
    } else if (word === 'thousand' && current > 0 && current < 1000 && total === 0) {
      total = current * 1000;
      current = 0;
      compound = true;
    } else if (word === 'and' && compound && isNumberWord(words[index + 1])) {
      continue;
    } else break;
  }
  if (index === start) return undefined;
  // A trailing "and" belongs to the sentence, not the number.
  while (words[index - 1] === 'and') index -= 1;
  return { digits: String(total + current), compound, end: index };
}

/** The text with each spoken number as digits; other words unchanged (lowercased). */
export function withSpokenNumbersAsDigits(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9'\s-]+/g, ' , ')
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const out: string[] = [];
  let run: Chunk[] = [];
  const closeRun = () => {
    // Digits and pairs said one after another are one number ("ten sixteen", "two six three").
    let joined = '';
    for (const chunk of run) {
      if (chunk.compound) {
        if (joined) out.push(joined);
        out.push(chunk.digits);
        joined = '';
      } else joined += chunk.digits;
    }
    if (joined) out.push(joined);
    run = [];
  };
  for (let index = 0; index < words.length;) {
    const word = words[index]!;
    // "oh" is a zero only beside another number word ("oh six", "one oh one"), not "oh, it's …".
    const ohAlone = word === 'oh' && !isNumberWord(words[index + 1]) && run.length === 0;
    const chunk = ohAlone ? undefined : chunkAt(words, index);
    if (chunk) {
      run.push(chunk);
      index = chunk.end;
      continue;
    }
    closeRun();
    out.push(word);
    index += 1;
  }
  closeRun();
  return out
    .join(' ')
    .replace(/\s+,/g, ',')
    .replace(/(,\s*)+/g, ', ')
    .replace(/^,\s*|,\s*$/g, '')
    .trim();
}
