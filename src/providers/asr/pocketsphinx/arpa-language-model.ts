/**
 * A trigram language model in ARPA text format, estimated from a sentence corpus with
 * Witten-Bell discounting and Katz-style backoff. Witten-Bell suits a small generated corpus: it
 * needs no count-of-counts (which Kneser-Ney and Good-Turing estimate badly on a few thousand
 * template sentences) and reserves more mass after contexts that have many different followers
 * ("a …", "and …"), exactly where a caller's next word is least predictable.
 *
 *   P(w | h) = c(h w) / (c(h) + T(h))            for a seen h w (T(h): distinct followers of h)
 *   bow(h)   = (T(h) / (c(h) + T(h))) / (1 − Σ_{w seen after h} P(w | h′))   (h′: h minus its first word)
 */
export const sentenceStart = '<s>';
export const sentenceEnd = '</s>';

/** log10 probability given to <s> as a unigram: it is never predicted, only conditioned on. */
const neverPredicted = -99;

interface ContextCounts {
  total: number;
  followers: Map<string, number>;
}

export interface ArpaModel {
  text: string;
  /** Every word of the model except <s> and </s>, sorted. */
  words: string[];
  ngramCounts: [number, number, number];
}

/**
 * Builds the model; `sentences` are word arrays without boundary markers. `weightOf(index)` is
 * how many times sentence `index` counts (default 1; fractions allowed): mixing two corpora at
 * chosen shares, as if one were repeated, without repeating it.
 */
export function buildArpaTrigramModel(
  sentences: readonly (readonly string[])[],
  weightOf: (index: number) => number = () => 1,
): ArpaModel {
  const unigrams = new Map<string, number>();
  const bigrams = new Map<string, ContextCounts>();
  const trigrams = new Map<string, ContextCounts>();
  let predictedTokens = 0;

  for (const [sentenceIndex, sentence] of sentences.entries()) {
    const weight = weightOf(sentenceIndex);
    if (sentence.length === 0 || !(weight > 0)) continue;
    const tokens = [sentenceStart, ...sentence, sentenceEnd];
    for (let index = 1; index < tokens.length; index += 1) {
      const word = tokens[index]!;
      unigrams.set(word, (unigrams.get(word) ?? 0) + weight);
      predictedTokens += weight;
      count(bigrams, tokens[index - 1]!, word, weight);
      if (index >= 2) count(trigrams, `${tokens[index - 2]!} ${tokens[index - 1]!}`, word, weight);
    }
  }
  if (predictedTokens === 0) throw new RangeError('the corpus has no words');

  const unigramProbability = (word: string) => (unigrams.get(word) ?? 0) / predictedTokens;
  const bigramProbability = new Map<string, number>();
  const bigramBackoff = new Map<string, number>();
  for (const [context, counts] of bigrams) {
    const denominator = counts.total + counts.followers.size;
    let lowerMass = 0;
    for (const [word, seen] of counts.followers) {
      bigramProbability.set(`${context} ${word}`, seen / denominator);
      lowerMass += unigramProbability(word);
    }
    bigramBackoff.set(context, backoffWeight(counts.followers.size / denominator, lowerMass));
  }

  const trigramLines: string[] = [];
  const trigramBackoff = new Map<string, number>();
  for (const [context, counts] of trigrams) {
    const denominator = counts.total + counts.followers.size;
    const lastWord = context.slice(context.indexOf(' ') + 1);
    let lowerMass = 0;
    for (const [word, seen] of counts.followers) {
      trigramLines.push(`${log10(seen / denominator)}\t${context} ${word}`);
      lowerMass += bigramProbability.get(`${lastWord} ${word}`) ?? 0;
    }
    trigramBackoff.set(context, backoffWeight(counts.followers.size / denominator, lowerMass));
  }

  const words = [...unigrams.keys()].filter((word) => word !== sentenceEnd).sort();
  const unigramLines = [sentenceStart, sentenceEnd, ...words].map((word) => {
    const probability = word === sentenceStart ? neverPredicted : log10(unigramProbability(word));
    const backoff = bigramBackoff.get(word);
    return backoff === undefined
      ? `${probability}\t${word}`
      : `${probability}\t${word}\t${backoff}`;
  });
  const bigramLines = [...bigramProbability].map(([pair, probability]) => {
    const backoff = trigramBackoff.get(pair);
    const line = `${log10(probability)}\t${pair}`;
    return backoff === undefined ? line : `${line}\t${backoff}`;
  });

  const ngramCounts: [number, number, number] = [
    unigramLines.length,
    bigramLines.length,
    trigramLines.length,
  ];
  const text = [
    '\\data\\',
    ...ngramCounts.map((n, index) => `ngram ${index + 1}=${n}`),
    '',
    '\\1-grams:',
    ...unigramLines,
    '',
    '\\2-grams:',
    ...bigramLines,
    '',
    '\\3-grams:',
    ...trigramLines,
    '',
    '\\end\\',
    '',
  ].join('\n');
  return { text, words, ngramCounts };
}

function count(
  table: Map<string, ContextCounts>,
  context: string,
  word: string,
  weight: number,
): void {
  let counts = table.get(context);
  if (!counts) {
    counts = { total: 0, followers: new Map() };
    table.set(context, counts);
  }
  counts.total += weight;
  counts.followers.set(word, (counts.followers.get(word) ?? 0) + weight);
}

/** log10 of the backoff weight; the lower-order mass left is clamped away from zero. */
function backoffWeight(reservedMass: number, lowerMassSeen: number): number {
  return log10(reservedMass / Math.max(1 - lowerMassSeen, 1e-6));
}

function log10(value: number): number {
  return Math.round(Math.log10(value) * 1e6) / 1e6;
}
