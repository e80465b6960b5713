import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callerCorpus, pluralise } from './caller-corpus.ts';

const vocabulary = ['Pizza Margherita', 'pepperoni', 'Coca-Cola', 'family size', '12 pieces'];

void describe('callerCorpus', () => {
  const corpus = callerCorpus(vocabulary, { orderSentences: 500, detailSentences: 50 });
  const sentences = corpus.map((words) => words.join(' '));

  void it('puts every menu phrase, in spoken form, into order sentences', () => {
    for (const phrase of [
      'pizza margherita',
      'pepperoni',
      'coca cola',
      'family size',
      'twelve pieces',
    ]) {
      assert.ok(
        sentences.some((sentence) => sentence.includes(phrase)),
        phrase,
      );
    }
    assert.ok(sentences.some((sentence) => /^(can i get|i'd like) /.test(sentence)));
    assert.ok(sentences.some((sentence) => / (with|no|without) /.test(sentence)));
  });

  void it('covers the rest of a call: answers, pickup, phone digits, names, addresses', () => {
    for (const expected of ['yes', 'no', "that's all", 'for pickup', 'delivery']) {
      assert.ok(sentences.includes(expected), expected);
    }
    assert.ok(
      sentences.some((sentence) =>
        /^my number is( (zero|oh|one|two|three|four|five|six|seven|eight|nine)){7}/.test(sentence),
      ),
    );
    assert.ok(sentences.some((sentence) => sentence.startsWith('my name is ')));
    assert.ok(sentences.some((sentence) => / (street|avenue|road)$/.test(sentence)));
  });

  void it('has no digits or punctuation, and is the same every time', () => {
    assert.ok(corpus.flat().every((word) => /^[a-z']+$/.test(word)));
    assert.deepEqual(
      callerCorpus(vocabulary, { orderSentences: 500, detailSentences: 50 }),
      corpus,
    );
  });

  void it('plurals only words the dictionary knows, or foreign singulars', () => {
    const known = new Set(['large', 'pizza', 'pizzas']);
    const guarded = callerCorpus(['large', 'pizza', 'calzone'], {
      orderSentences: 300,
      isKnownWord: (word) => known.has(word),
    }).flat();
    assert.ok(!guarded.includes('larges'));
    assert.ok(guarded.includes('pizzas'));
    assert.ok(guarded.includes('calzones'));
  });
});

void describe('pluralise', () => {
  void it('handles the common English endings on the last word', () => {
    assert.equal(pluralise('pepperoni pizza'), 'pepperoni pizzas');
    assert.equal(pluralise('peach'), 'peaches');
    assert.equal(pluralise('berry'), 'berries');
    assert.equal(pluralise('wings'), 'wings');
  });
});
