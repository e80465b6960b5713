/** ", no, " between two mentions corrects the first; "no onions" still removes. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';
import { trattoria } from './test-menus.ts';

const menu = trattoria();
const parse = (text: string) => understand(text, menu).lines.map(brief).sort();

describe('a bare "no" between two alternatives', () => {
  test('a new item after ", no, " replaces the line before, in the size said with it', () => {
    assert.deepEqual(parse('a large funghi, no, a romana sorry'), ['1x romana size=large']);
    assert.deepEqual(parse('a large funghi, no, a small romana'), ['1x romana size=small']);
  });
  test('a bare count after ", no, " replaces the count', () => {
    assert.deepEqual(parse('uh five funghi, no, four'), ['4x funghi']);
  });
  test('"no" before an option of the item still removes it', () => {
    assert.deepEqual(parse('a funghi, no onions'), ['1x funghi -toppings/onions']);
    assert.deepEqual(parse('a funghi, no, onions'), ['1x funghi -toppings/onions']);
    assert.deepEqual(parse('a funghi no mozzarella and a romana'), [
      '1x funghi -toppings/mozzarella',
      '1x romana',
    ]);
  });
});
