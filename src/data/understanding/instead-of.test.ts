/** "with X instead of (the normal) Y": X is added and Y, which the item comes with, removed. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';
import { trattoria } from './test-menus.ts';

const menu = trattoria();
const parse = (text: string) => understand(text, menu).lines.map(brief).sort();

describe('"instead of" an included option', () => {
  test('removes the option named after it', () => {
    assert.deepEqual(parse('a funghi with buffalo mozzarella instead of the normal mozzarella'), [
      '1x funghi +toppings/buffalo-mozzarella -toppings/mozzarella',
    ]);
    assert.deepEqual(parse('a large romana with ham instead of mozzarella'), [
      '1x romana size=large +toppings/ham -toppings/mozzarella',
    ]);
    assert.deepEqual(parse('can i get a funghi with olives instead of the regular mozzarella'), [
      '1x funghi +toppings/olives -toppings/mozzarella',
    ]);
  });
});
