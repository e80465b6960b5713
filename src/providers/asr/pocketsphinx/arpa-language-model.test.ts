import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArpaTrigramModel, sentenceEnd, sentenceStart } from './arpa-language-model.ts';

/** Reads an ARPA text back and scores P(word | two previous words) with backoff. */
function arpaScorer(text: string) {
  const probability = new Map<string, number>();
  const backoff = new Map<string, number>();
  for (const line of text.split('\n')) {
    const fields = line.split('\t');
    if (fields.length < 2) continue;
    probability.set(fields[1]!, Number(fields[0]));
    if (fields[2] !== undefined) backoff.set(fields[1]!, Number(fields[2]));
  }
  const log10 = (words: string[]): number => {
    const key = words.join(' ');
    const direct = probability.get(key);
    if (direct !== undefined) return direct;
    if (words.length === 1) return -Infinity;
    return (backoff.get(words.slice(0, -1).join(' ')) ?? 0) + log10(words.slice(1));
  };
  return (history: string[], word: string) => 10 ** log10([...history.slice(-2), word]);
}

const corpus = [
  'can i get a large pizza',
  'can i get two large pizzas',
  'a coke please',
  'two cokes',
  'yes',
  'no thanks',
  'can i have a coke',
].map((sentence) => sentence.split(' '));

void describe('buildArpaTrigramModel', () => {
  const model = buildArpaTrigramModel(corpus);
  const score = arpaScorer(model.text);
  const outcomes = [...model.words, sentenceEnd];

  void it('writes a well-formed ARPA header with the real n-gram counts', () => {
    const header = /\\data\\\nngram 1=(\d+)\nngram 2=(\d+)\nngram 3=(\d+)/.exec(model.text);
    assert.ok(header);
    const sections = model.text.split(/\\[123]-grams:\n/).slice(1);
    sections.forEach((section, index) => {
      const lines = section.split('\n\n')[0]!.split('\n').filter(Boolean);
      assert.equal(lines.length, Number(header[index + 1]));
    });
    assert.ok(model.text.trimEnd().endsWith('\\end\\'));
  });

  void it('gives a proper distribution after every kind of history', () => {
    for (const history of [
      [sentenceStart],
      [sentenceStart, 'can'],
      ['i', 'get'],
      ['large', 'pizza'],
      ['coke', 'two'],
      ['pizza', 'yes'],
    ]) {
      const total = outcomes.reduce((sum, word) => sum + score(history, word), 0);
      assert.ok(Math.abs(total - 1) < 1e-3, `${history.join(' ')}: ${total}`);
    }
  });

  void it('prefers what callers said over what they did not', () => {
    assert.ok(score(['i', 'get'], 'a') > score(['i', 'get'], 'coke'));
    assert.ok(score(['two', 'large'], 'pizzas') > score(['two', 'large'], 'pizza'));
    // An unseen but possible continuation keeps some probability (backoff).
    assert.ok(score(['a', 'large'], 'coke') > 0);
  });

  void it('lists the corpus words and rejects an empty corpus', () => {
    assert.deepEqual(model.words.slice(0, 3), ['a', 'can', 'coke']);
    assert.ok(!model.words.includes(sentenceStart));
    assert.throws(() => buildArpaTrigramModel([[]]), RangeError);
  });
});
