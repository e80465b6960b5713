/**
 * "a marinara" where the pizza's short name is also written for a dip: said on its own it orders
 * the item; after "with", or bare after an item that takes it, it is still the option.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';
import { trattoria } from './test-menus.ts';

const menu = trattoria();
const parse = (text: string) => understand(text, menu).lines.map(brief).sort();

describe("an item's short name that the menu also writes for an option", () => {
  test('orders the item when nothing before it takes the option', () => {
    assert.deepEqual(parse('uh, a marinara, no garlic'), ['1x marinara -toppings/garlic']);
    assert.deepEqual(parse('one large parma without parmesan and a funghi'), [
      '1x funghi',
      '1x parma size=large -toppings/parmesan',
    ]);
  });
  test('is the option of the item before it when it has no count of its own', () => {
    assert.deepEqual(parse('a funghi, parma'), ['1x funghi +toppings/prosciutto']);
  });
  test('is the option after "with"', () => {
    assert.deepEqual(parse('a garlic bread with marinara'), ['1x garlic-bread +dip/marinara-dip']);
    assert.deepEqual(parse('a funghi with parma'), ['1x funghi +toppings/prosciutto']);
  });
});
