/**
 * espeak-ng IPA (`espeak-ng -q --ipa -v en-us`) → CMU ARPAbet phones, for words the CMU
 * dictionary lacks ("margherita", "nigiri"). Longest symbol first (so "tʃ" is CH, not T SH);
 * stress and length marks are dropped. A symbol outside the table makes the word unpronounceable
 * (undefined) rather than guessed.
 */
const table: Readonly<Record<string, readonly string[]>> = {
  // Diphthongs and r-coloured vowels before their parts.
  aɪ: ['AY'],
  aʊ: ['AW'],
  eɪ: ['EY'],
  oʊ: ['OW'],
  əʊ: ['OW'],
  ɔɪ: ['OY'],
  iə: ['IY', 'AH'],
  ɪə: ['IH', 'R'],
  eə: ['EH', 'R'],
  ʊə: ['UH', 'R'],
  ɚɹ: ['ER'],
  ɜːɹ: ['ER'],
  ɜː: ['ER'],
  ɜ: ['ER'],
  ɚ: ['ER'],
  ɑː: ['AA'],
  ɑ: ['AA'],
  ɒ: ['AA'],
  a: ['AA'],
  æ: ['AE'],
  ʌ: ['AH'],
  ə: ['AH'],
  ɐ: ['AH'],
  ɔː: ['AO'],
  ɔ: ['AO'],
  ɛ: ['EH'],
  e: ['EH'],
  ɪ: ['IH'],
  ᵻ: ['IH'],
  iː: ['IY'],
  i: ['IY'],
  o: ['OW'],
  ʊ: ['UH'],
  uː: ['UW'],
  u: ['UW'],
  // Consonants.
  tʃ: ['CH'],
  dʒ: ['JH'],
  b: ['B'],
  d: ['D'],
  ð: ['DH'],
  f: ['F'],
  ɡ: ['G'],
  g: ['G'],
  h: ['HH'],
  j: ['Y'],
  k: ['K'],
  x: ['K'],
  l: ['L'],
  ɫ: ['L'],
  m: ['M'],
  n: ['N'],
  ŋ: ['NG'],
  p: ['P'],
  ɹ: ['R'],
  r: ['R'],
  s: ['S'],
  ʃ: ['SH'],
  t: ['T'],
  // The American flap ("margheri-t-a", "co-tt-o"): closest to T in the acoustic models.
  ɾ: ['T'],
  ʔ: ['T'],
  θ: ['TH'],
  v: ['V'],
  w: ['W'],
  z: ['Z'],
  ʒ: ['ZH'],
};
const symbols = Object.keys(table).sort((a, b) => b.length - a.length);
/** Stress, length, palatalisation, syllabic and tie marks, word gaps: no phone of their own. */
const ignored = new Set([
  'ˈ',
  'ˌ',
  'ː',
  'ˑ',
  'ʲ',
  '\u0329',
  '\u0361',
  '\u200d',
  '-',
  ' ',
  '\n',
  '\t',
]);

export function ipaToArpabet(ipa: string): string[] | undefined {
  const phones: string[] = [];
  let rest = ipa.normalize('NFD');
  while (rest.length > 0) {
    if (ignored.has(rest[0]!)) {
      rest = rest.slice(1);
      continue;
    }
    const symbol = symbols.find((candidate) => rest.startsWith(candidate));
    if (!symbol) return undefined;
    phones.push(...table[symbol]!);
    rest = rest.slice(symbol.length);
  }
  return phones.length > 0 ? phones : undefined;
}
