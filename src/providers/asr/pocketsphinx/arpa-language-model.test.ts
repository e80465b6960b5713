import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildArpaTrigramModel, sentenceEnd, sentenceStart } from './arpa-language-model.ts';
import { arpaScorer } from './arpa-scorer.ts';

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

  void it('weights sentences as if repeated, and stays a proper distribution', () => {
    const yes = corpus.findIndex((sentence) => sentence.join(' ') === 'yes');
    const weighted = buildArpaTrigramModel(corpus, (index) => (index === yes ? 20 : 0.5));
    const weightedScore = arpaScorer(weighted.text);
    assert.ok(weightedScore([sentenceStart], 'yes') > 0.5);
    assert.ok(weightedScore([sentenceStart], 'yes') > 3 * score([sentenceStart], 'yes'));
    for (const history of [[sentenceStart], ['i', 'get'], ['pizza', 'yes']]) {
      const total = outcomes.reduce((sum, word) => sum + weightedScore(history, word), 0);
      assert.ok(Math.abs(total - 1) < 1e-3, `${history.join(' ')}: ${total}`);
    }
    // Weight 0 leaves a sentence out.
    const without = buildArpaTrigramModel(corpus, (index) => (index === yes ? 0 : 1));
    assert.ok(!without.words.includes('yes'));
  });

  void it('lists the corpus words and rejects an empty corpus', () => {
    assert.deepEqual(model.words.slice(0, 3), ['a', 'can', 'coke']);
    assert.ok(!model.words.includes(sentenceStart));
    assert.throws(() => buildArpaTrigramModel([[]]), RangeError);
  });
});
