import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanHypothesis } from './hypothesis-text.ts';
import { numberWords, spokenWords } from './spoken-words.ts';

void describe('spokenWords', () => {
  void it('turns menu text into the words a caller says', () => {
    assert.deepEqual(spokenWords('Jalapeños'), ['jalapenos']);
    assert.deepEqual(spokenWords('Coca-Cola'), ['coca', 'cola']);
    assert.deepEqual(spokenWords('12 pieces'), ['twelve', 'pieces']);
    assert.deepEqual(spokenWords('1.5 liter bottle'), ['one', 'point', 'five', 'liter', 'bottle']);
    assert.deepEqual(spokenWords('330 ml'), ['three', 'hundred', 'thirty', 'ml']);
    assert.deepEqual(spokenWords("Mac & Cheese, I'd"), ['mac', 'and', 'cheese', "i'd"]);
  });

  void it('spells numbers', () => {
    assert.deepEqual(numberWords(0), ['zero']);
    assert.deepEqual(numberWords(45), ['forty', 'five']);
    assert.deepEqual(numberWords(1200), ['one', 'thousand', 'two', 'hundred']);
  });
});

void describe('cleanHypothesis', () => {
  void it('drops markers, silence and noise, and alternate-pronunciation suffixes', () => {
    assert.equal(
      cleanHypothesis('<s> TWO(2) <sil> large [noise] ++BREATH++ pizzas </s>'),
      'two large pizzas',
    );
    assert.equal(cleanHypothesis(null), '');
    assert.equal(cleanHypothesis('<sil>'), '');
  });
});
