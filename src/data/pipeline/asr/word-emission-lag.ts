/**
 * Word emission lag: how long after the caller finished saying a word the recogniser first
 * showed it, in place, in a partial (blueprint §16's "ASR partial latency" as streaming
 * vendors and the literature measure it; ADR 0017). The time spent saying the word is not part
 * of it; a word the recogniser guessed before its audio had ended counts as 0.
 */

/** A partial hypothesis as words, with when it was emitted (monotonic ms). */
export interface TimedPartial {
  words: readonly string[];
  atMs: number;
}

/**
 * One lag per word of the final hypothesis. Word i counts as shown by the first partial whose
 * first i + 1 words equal the final's (the word in its place, not a different guess that happens
 * to match); a word no partial showed so surfaced only with the final, at `finalAtMs`.
 * `wordArrivedAtMs[i]` is when the audio up to the end of word i had reached the recogniser; a
 * word without it (alignment unknown) is left out.
 */
export function wordEmissionLagsMs(
  partials: readonly TimedPartial[],
  finalWords: readonly string[],
  wordArrivedAtMs: readonly (number | undefined)[],
  finalAtMs: number,
): number[] {
  const lags: number[] = [];
  for (let index = 0; index < finalWords.length; index++) {
    const arrivedAtMs = wordArrivedAtMs[index];
    if (arrivedAtMs === undefined) continue;
    const shown = partials.find((partial) => sharesPrefix(partial.words, finalWords, index + 1));
    lags.push(Math.max(0, (shown?.atMs ?? finalAtMs) - arrivedAtMs));
  }
  return lags;
}

function sharesPrefix(a: readonly string[], b: readonly string[], length: number): boolean {
  if (a.length < length || b.length < length) return false;
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return false;
  return true;
}
