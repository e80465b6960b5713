/**
 * Digits as an 8 kHz line carries them. A word-initial /f/ or /s/ has most of its energy above
 * the line's 3.4 kHz, so "seven" arrives as "_even" (heard as "ham and") and "four" as "_our"
 * (heard as "one"). The phone answer model spells these digits as their own dictionary words
 * ("four_"), pronounced both ways; every other model keeps the plain word. The dictionary is
 * shared by all of a decoder's searches, and "four" pronounced "AO R" everywhere made the menu
 * model hear "for" as "four" (bench c: 48.6 → 50.9 % WER); as a phone-only word it cannot.
 * Measured on 8 synthesised digit strings × 3 espeak-ng voices, phone model: 60.6 → 28.0 % WER.
 *
 * The same holds for a few answer words the line strips at the edges: "plus" before a country
 * code arrives as "plu_" (and was dropped), and the closings after "Anything else?" lose their
 * /s/ and /θ/ ("that's all" heard as "bottle", "no thanks" as "nope that'll"). The answer models
 * of those kinds (phone, more-or-done, yes/no) spell them as line words too.
 */
const suffix = '_';

/** The extra pronunciations (ARPAbet) of the line digits. */
const lineVariants: Readonly<Record<string, readonly string[]>> = {
  four: ['AO R'],
  five: ['AY V'],
  six: ['IH K S'],
  seven: ['EH V AH N'],
  plus: ['P L AH'],
  "that's": ['DH AE T', 'D AE T S', 'D AE T', 'DH AA T S', 'DH AA T'],
  thanks: ['TH AE NG K', 'AE NG K S', 'T AE NG K S'],
  else: ['EH L'],
};

/** "seven" → "seven_"; any other word unchanged. */
export function lineDigit(word: string): string {
  return Object.hasOwn(lineVariants, word) ? `${word}${suffix}` : word;
}

/** For "seven_": the word it stands for and its extra pronunciations; else undefined. */
export function lineDigitOf(
  token: string,
): { word: string; extraPronunciations: readonly string[] } | undefined {
  if (!token.endsWith(suffix)) return undefined;
  const word = token.slice(0, -suffix.length);
  const extra = Object.hasOwn(lineVariants, word) ? lineVariants[word] : undefined;
  return extra ? { word, extraPronunciations: extra } : undefined;
}

/** "seven_" → "seven" in a hypothesis token. */
export function plainWord(token: string): string {
  return lineDigitOf(token)?.word ?? token;
}
