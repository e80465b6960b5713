/**
 * Multi-word variants without a number ("double scoop") said next to their own item, on a small
 * menu of our own (a waffle kiosk where two items share the same variants).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { compileMenu } from './lexicon.ts';
import type { MenuLexicon } from './lexicon.ts';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';

const parse = (text: string, lexicon: MenuLexicon) =>
  understand(text, lexicon).lines.map(brief).sort();

const scoops = [
  { id: 'single', name: 'single scoop', aliases: ['scoop of one'] },
  { id: 'double', name: 'double scoop', aliases: ['scoop of two'] },
];

const kiosk = compileMenu(
  parseMenuV1({
    format: 'voxeron.menu/v1',
    name: 'Waffle Kiosk',
    currency: 'GBP',
    locale: 'en-GB',
    modifierGroups: [
      {
        id: 'toppings',
        name: 'toppings',
        options: [
          { id: 'fudge', name: 'fudge', aliases: [] },
          { id: 'nuts', name: 'nuts', aliases: [] },
        ],
      },
    ],
    items: [
      {
        id: 'gelato',
        name: 'gelato',
        category: 'ices',
        price: 3,
        variants: scoops,
        modifierGroups: ['toppings'],
      },
      {
        id: 'mango-gelato',
        name: 'mango gelato',
        category: 'ices',
        price: 4,
        variants: scoops,
        modifierGroups: ['toppings'],
      },
      { id: 'cone-of-sprinkles', name: 'cone of sprinkles', category: 'extras', price: 1 },
    ],
  }),
);

describe('a multi-word variant next to its own item is one line', () => {
  test('the item named just before takes it', () => {
    assert.deepEqual(parse('gelato double scoop with nuts', kiosk), [
      '1x gelato variant=double +toppings/nuts',
    ]);
  });
  test('"of" between the variant and the item', () => {
    assert.deepEqual(parse('can I get a single scoop of gelato please', kiosk), [
      '1x gelato variant=single',
    ]);
  });
  test('the item named nearby wins over the first item sharing the variant', () => {
    assert.deepEqual(parse('mango gelato double scoop, with fudge', kiosk), [
      '1x mango-gelato variant=double +toppings/fudge',
    ]);
    assert.deepEqual(parse('a single scoop of mango gelato', kiosk), [
      '1x mango-gelato variant=single',
    ]);
  });
  test('"of" shared with another item name does not make a counted variant standalone', () => {
    const entries = kiosk.phrases.get('scoopoftwo') ?? [];
    assert.ok(entries.length > 0);
    assert.ok(
      entries.every((entry) => entry.target.kind !== 'variant' || !entry.target.standalone),
    );
    assert.deepEqual(parse('a gelato scoop of two with fudge', kiosk), [
      '1x gelato variant=double +toppings/fudge',
    ]);
  });
  test('a count or "and" in between still starts a new line', () => {
    assert.deepEqual(parse('a mango gelato and a double scoop', kiosk), [
      '1x gelato variant=double',
      '1x mango-gelato',
    ]);
  });
});
