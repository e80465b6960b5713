/** "a garlic bread and a garlic dip": an add-on the item takes goes on it, not on a new line. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';
import { trattoria } from './test-menus.ts';

const menu = trattoria();
const parse = (text: string) => understand(text, menu).lines.map(brief).sort();

describe('"and a <option that names its group>" after an item', () => {
  test('goes on the item just named', () => {
    assert.deepEqual(parse('uhm a garlic bread with cheese and a garlic dip'), [
      '1x garlic-bread variant=cheese +dip/garlic-dip',
    ]);
    assert.deepEqual(parse('a plain garlic bread and a chilli dip, and a romana'), [
      '1x garlic-bread variant=plain +dip/chilli-dip',
      '1x romana',
    ]);
  });
  test('an option that does not name its group is still a second one of the item', () => {
    assert.deepEqual(parse('a funghi with ham and a pineapple one'), [
      '1x funghi +toppings/ham',
      '1x funghi +toppings/pineapple',
    ]);
  });
});
