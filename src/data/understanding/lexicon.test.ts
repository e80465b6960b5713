import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedEditDistance, phoneticKey } from './fuzzy.ts';
import { compileMenu } from './lexicon.ts';
import { parseQuantityAt } from './numbers.ts';
import { stem, tokenize } from './text.ts';
import { pizzeria } from './test-helpers.ts';

test('the lexicon is compiled once per menu object', () => {
  const lexicon = pizzeria();
  assert.equal(compileMenu(lexicon.menu), lexicon);
});

test('generated phrases: plurals, category word dropped or added, joined compounds', () => {
  const { phrases } = pizzeria();
  for (const key of [
    'pepperonipizza',
    'pepperoni',
    'hawaiian',
    'quattroformaggipizza',
    'cocacola',
    'jalapeno',
  ]) {
    assert.ok(phrases.has(key), key);
  }
});

test('stems and tokens', () => {
  assert.equal(stem('pizzas'), 'pizza');
  assert.equal(stem('anchovies'), 'anchovy');
  assert.deepEqual(
    tokenize("Two Tosti's, please!").map((token) => token.stem),
    ['two', 'tosti', ',', 'please', ','],
  );
  assert.deepEqual(
    tokenize('jalapeños').map((token) => token.text),
    ['jalapenos'],
  );
});

test('numbers', () => {
  const at = (text: string) => parseQuantityAt(tokenize(text), 0)?.value;
  assert.equal(at('a couple of'), 2);
  assert.equal(at('half a dozen'), 6);
  assert.equal(at('twenty two'), 22);
  assert.equal(at('7'), 7);
  assert.equal(at('an'), 1);
});

test('fuzzy distance and phonetic key', () => {
  assert.equal(boundedEditDistance('pepperonni', 'pepperoni', 2), 1);
  assert.equal(boundedEditDistance('abc', 'xyz', 1), 2);
  assert.equal(boundedEditDistance('teh', 'the', 1), 1);
  assert.equal(phoneticKey('kappuchino'), phoneticKey('cappuccino'));
});
