/**
 * Reads an ARPA text back and scores P(word | up to two previous words) with backoff: for tests
 * of the generated models (a proper distribution, what an answer model favours). Not used at run
 * time — the decoder reads the models itself.
 */
export function arpaScorer(text: string): (history: readonly string[], word: string) => number {
  const probability = new Map<string, number>();
  const backoff = new Map<string, number>();
  for (const line of text.split('\n')) {
    const fields = line.split('\t');
    if (fields.length < 2) continue;
    probability.set(fields[1]!, Number(fields[0]));
    if (fields[2] !== undefined) backoff.set(fields[1]!, Number(fields[2]));
  }
  const log10 = (words: readonly string[]): number => {
    const direct = probability.get(words.join(' '));
    if (direct !== undefined) return direct;
    if (words.length === 1) return -Infinity;
    return (backoff.get(words.slice(0, -1).join(' ')) ?? 0) + log10(words.slice(1));
  };
  return (history, word) => 10 ** log10([...history.slice(-2), word]);
}
