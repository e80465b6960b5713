/**
 * Fuzzy matching for speech-recogniser errors: a bounded edit distance (with transpositions)
 * and a small phonetic key, so "pepperonni", "jalepenos" and "pepper only" still find the menu.
 */

/**
 * Optimal-string-alignment distance between `a` and `b`, or `limit + 1` as soon as it is
 * certain to exceed `limit` (keeps a scan over a large menu cheap).
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  let previous2 = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[b.length]!;
}

/** Edits tolerated for a phrase of this many letters: none for short words, more for long. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

const PHONETIC_RULES: [RegExp, string][] = [
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/sch/g, 'sk'],
  [/ch/g, 'x'],
  [/sh/g, 'x'],
  [/c(?=[eiy])/g, 's'],
  [/c/g, 'k'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/z/g, 's'],
  [/gh/g, 'g'],
  [/dg/g, 'j'],
  [/^kn/g, 'n'],
  [/^wr/g, 'r'],
  [/th/g, 't'],
  [/v/g, 'f'],
  [/w(?![aeiou])/g, ''],
  [/y/g, 'i'],
];

/** The word as it sounds, letters kept: "fo" and "pho" are both "fo". */
export function soundForm(word: string): string {
  let form = word.replace(/[^a-z]/g, '');
  for (const [pattern, replacement] of PHONETIC_RULES) form = form.replace(pattern, replacement);
  return form;
}

/**
 * A metaphone-like key: consonant classes folded, vowels dropped after the first letter,
 * doubled letters collapsed ("expresso" and "espresso" differ by one letter; "kappuchino" and
 * "cappuccino" share a key).
 */
export function phoneticKey(word: string): string {
  let key = word.replace(/[^a-z]/g, '');
  for (const [pattern, replacement] of PHONETIC_RULES) key = key.replace(pattern, replacement);
  const head = key.slice(0, 1);
  const tail = key.slice(1).replace(/[aeiouh]/g, '');
  return (head + tail).replace(/(.)\1+/g, '$1');
}
