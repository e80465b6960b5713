/**
 * espeak-ng's Dutch IPA (`-v nl`) → the nearest sounds of the English table (ipa-to-arpabet.ts):
 * the US acoustic models have no Dutch vowels or the fricative g, so a Dutch name or street is
 * given the English phones a listener would map it to ("ui" /œy/ → "ow" as in "how", "g" /ɣ/ →
 * the "ch" of "loch", which the table makes K; "w" /ʋ/ → V).
 */
const replacements: readonly (readonly [string, string])[] = [
  ['œy', 'aʊ'],
  ['ʌu', 'aʊ'],
  ['ɑu', 'aʊ'],
  ['ɛɪ', 'eɪ'],
  ['ɪː', 'iː'],
  ['ɣ', 'x'],
  ['ʋ', 'v'],
  ['ø', 'ɜ'],
  ['œ', 'ɜ'],
  ['ʏ', 'ʊ'],
  ['y', 'u'],
];

export function dutchIpaAsEnglish(ipa: string): string {
  let text = ipa.normalize('NFD');
  for (const [dutch, english] of replacements) text = text.split(dutch).join(english);
  return text;
}
