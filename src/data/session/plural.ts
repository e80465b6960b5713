/**
 * The plural of a menu item's name for the read-back ("two street tacos", "two cups of tea"),
 * from English word endings only, never from any menu's own words.
 */

/** Words that join a name's head noun to what follows it ("cup of tea", "deal for 4"). */
const PREPOSITIONS = new Set(['of', 'for', 'with', 'on', 'in', 'from']);

export function pluralise(name: string): string {
  const words = name.split(' ');
  // "fish and chips", "chips and salsa": a dish counted as a whole, said the same for two.
  if (words.includes('and') || words.includes('&')) return name;
  const before = words.findIndex((word, k) => k > 0 && PREPOSITIONS.has(word.toLowerCase()));
  const head = before > 0 ? before - 1 : words.length - 1;
  words[head] = pluralWord(words[head]!);
  return words.join(' ');
}

/** One word's plural; a word that already looks plural or has no plural stays as it is. */
export function pluralWord(word: string): string {
  const lower = word.toLowerCase();
  // Digits ("chicken 65"), and words ending in s: already plural ("tacos", "chips", "fries")
  // or a dish name said the same for two ("madras", "hummus").
  if (/\d/.test(lower) || /s$/.test(lower)) return word;
  if (/dish$/.test(lower)) return `${word}es`;
  // "shish", "rogan josh", "fish", "goulash": counted orders of these keep their name.
  if (/sh$/.test(lower)) return word;
  if (/(ch|x|z)$/.test(lower)) return `${word}es`;
  if (/[^aeiou]y$/.test(lower)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}
