/**
 * Dutch plurals of a multi-word name's first word: "twee frikandellen speciaal" orders the
 * "frikandel speciaal". The singular stem already covers "-s" ("broodjes kroket"); this adds
 * "-en", with the consonant doubled after a short vowel ("frikandel" → "frikandellen",
 * "kroket" → "kroketten", "friet" → "frieten").
 */

const DOUBLED_AFTER_SHORT_VOWEL = /(?:^|[^aeiou])[aeiou]([bdfgklmnprst])$/;

/** The name with its first word in each Dutch "-en" plural; none for a one-word name. */
export function dutchPluralForms(words: readonly string[]): string[][] {
  const [first, ...rest] = words;
  if (first === undefined || rest.length === 0 || first.length < 3 || /\d/.test(first)) return [];
  if (/[aeiou]$/.test(first)) return [];
  const plurals = [`${first}en`];
  const doubled = DOUBLED_AFTER_SHORT_VOWEL.exec(first)?.[1];
  if (doubled !== undefined) plurals.push(`${first}${doubled}en`);
  return plurals.map((plural) => [plural, ...rest]);
}
