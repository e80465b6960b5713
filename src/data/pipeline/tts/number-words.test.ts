import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardinalWords, decimalWords, ordinalWords } from './number-words.ts';

describe('number words', () => {
  const cardinals: [number, string, string][] = [
    [0, 'zero', 'nul'],
    [1, 'one', 'één'],
    [13, 'thirteen', 'dertien'],
    [21, 'twenty-one', 'eenentwintig'],
    [22, 'twenty-two', 'tweeëntwintig'],
    [33, 'thirty-three', 'drieëndertig'],
    [80, 'eighty', 'tachtig'],
    [101, 'one hundred one', 'honderdeen'],
    [250, 'two hundred fifty', 'tweehonderdvijftig'],
    [1000, 'one thousand', 'duizend'],
    [1250, 'one thousand two hundred fifty', 'duizend tweehonderdvijftig'],
    [2024, 'two thousand twenty-four', 'tweeduizend vierentwintig'],
    [1_000_000, 'one million', 'één miljoen'],
    [3_000_021, 'three million twenty-one', 'drie miljoen eenentwintig'],
  ];
  for (const [value, english, dutch] of cardinals) {
    it(`reads ${value} in English and Dutch`, () => {
      assert.equal(cardinalWords(value, 'en'), english);
      assert.equal(cardinalWords(value, 'nl'), dutch);
    });
  }

  const ordinals: [number, string, string][] = [
    [1, 'first', 'eerste'],
    [2, 'second', 'tweede'],
    [3, 'third', 'derde'],
    [8, 'eighth', 'achtste'],
    [12, 'twelfth', 'twaalfde'],
    [20, 'twentieth', 'twintigste'],
    [21, 'twenty-first', 'eenentwintigste'],
    [100, 'one hundredth', 'honderdste'],
    [101, 'one hundred first', 'honderdeerste'],
  ];
  for (const [value, english, dutch] of ordinals) {
    it(`reads ordinal ${value} in English and Dutch`, () => {
      assert.equal(ordinalWords(value, 'en'), english);
      assert.equal(ordinalWords(value, 'nl'), dutch);
    });
  }

  it('reads decimals digit by digit after the mark', () => {
    assert.equal(decimalWords('12', '05', 'en'), 'twelve point zero five');
    assert.equal(decimalWords('2', '5', 'nl'), 'twee komma vijf');
  });

  it('refuses negative and fractional numbers rather than misreading them', () => {
    assert.throws(() => cardinalWords(-1, 'en'), RangeError);
    assert.throws(() => cardinalWords(1.5, 'en'), RangeError);
  });
});
