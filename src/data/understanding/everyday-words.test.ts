/** A heard everyday word ("think") is never read as a menu word it sounds like ("thin"). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';
import { trattoria } from './test-menus.ts';

const menu = trattoria();
const parse = (text: string) => understand(text, menu).lines.map(brief).sort();

describe('fuzzy matching and everyday words', () => {
  test('an everyday word stays itself', () => {
    assert.deepEqual(parse('hmm let me think... a hawaiian'), ['1x hawaiian']);
    assert.deepEqual(parse('a romana, i think, with ham'), ['1x romana +toppings/ham']);
  });
  test('a misheard menu word is still found', () => {
    assert.deepEqual(parse('a hawaian with thin crust'), ['1x hawaiian +crust/thin']);
    assert.deepEqual(parse('a romana with olivs'), ['1x romana +toppings/olives']);
  });
});
