/**
 * Variants named without their item, split counts, fuzzy spans and trailing multipliers, on a
 * small menu of our own (a pie-and-noodle shop) and on the dev/fixture menus.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { compileMenu } from './lexicon.ts';
import type { MenuLexicon } from './lexicon.ts';
import { understand } from './understand.ts';
import { brief, burgerBar, fixtureMenu } from './test-helpers.ts';

const parse = (text: string, lexicon: MenuLexicon) =>
  understand(text, lexicon).lines.map(brief).sort();

const option = (name: string, aliases: string[] = []) => ({
  id: name.replace(/ /g, '-'),
  name,
  aliases,
});

const shop = compileMenu(
  parseMenuV1({
    format: 'voxeron.menu/v1',
    name: 'Pie and Noodle',
    currency: 'GBP',
    locale: 'en-GB',
    modifierGroups: [
      {
        id: 'size',
        name: 'size',
        kind: 'size',
        options: [option('regular'), option('large', ['big'])],
      },
      { id: 'gravy', name: 'gravy', options: [option('liquor'), option('onion gravy')] },
      {
        id: 'spice',
        name: 'spice',
        qualifiers: ['extra'],
        options: [option('mild'), option('hot')],
      },
      { id: 'protein', name: 'protein', options: [option('beef'), option('tofu')] },
    ],
    items: [
      {
        id: 'pie-and-mash',
        name: 'pie and mash',
        aliases: ['pie n mash', 'pie supper'],
        category: 'mains',
        price: 7,
        variants: [option('steak'), option('mutton'), option('chicken')],
        modifierGroups: ['size', 'gravy'],
      },
      { id: 'mash', name: 'mash', aliases: ['mashed potato'], category: 'sides', price: 2 },
      {
        id: 'wrap',
        name: 'wrap',
        category: 'wraps',
        price: 5,
        variants: [option('chicken'), option('halloumi')],
      },
      {
        id: 'noodle-soup',
        name: 'noodle soup',
        category: 'soups',
        price: 8,
        modifierGroups: ['protein', 'spice'],
      },
      {
        id: 'squid',
        name: 'salt and pepper squid',
        category: 'starters',
        price: 6,
      },
      {
        id: 'dumplings',
        name: 'dumplings',
        category: 'starters',
        price: 5,
        variants: [
          { id: '5', name: '5 dumplings', aliases: ['five'] },
          { id: '10', name: '10 dumplings', aliases: ['ten'] },
        ],
      },
      {
        id: 'bun-cha',
        name: 'bun cha',
        category: 'mains',
        price: 9,
        modifierGroups: ['protein', 'spice'],
      },
      { id: 'bap', name: 'beef bap', category: 'rolls', price: 5 },
      {
        id: 'lunch-box',
        name: 'lunch box',
        category: 'boxes',
        price: 6,
        variants: [option('wrap'), option('mash')],
      },
    ],
  }),
);

describe('A1: a variant said in place of the first word of the item name', () => {
  test('"steak and mash", "a large mutton n mash"', () => {
    assert.deepEqual(parse('steak and mash and a chicken wrap', shop), [
      '1x pie-and-mash variant=steak',
      '1x wrap variant=chicken',
    ]);
    assert.deepEqual(parse('a large mutton n mash with liquor', shop), [
      '1x pie-and-mash size=large variant=mutton +gravy/liquor',
    ]);
    assert.deepEqual(parse('two steak suppers please', shop), ['2x pie-and-mash variant=steak']);
  });

  test('a rest that is another item keeps naming that item', () => {
    assert.deepEqual(parse('a double cheeseburger and a single bacon cheeseburger', burgerBar()), [
      '1x bacon-cheeseburger variant=single',
      '1x cheeseburger variant=double',
    ]);
  });
});

describe('A2: a counted one-word variant of one item orders that item', () => {
  test('"two mutton", "a steak, large, and a mutton"', () => {
    assert.deepEqual(parse('two mutton with onion gravy', shop), [
      '2x pie-and-mash variant=mutton +gravy/onion-gravy',
    ]);
    assert.deepEqual(parse('a steak, large, and a mutton', shop), [
      '1x pie-and-mash size=large variant=steak',
      '1x pie-and-mash variant=mutton',
    ]);
  });

  test('a variant word of two items, or before an item, orders nothing by itself', () => {
    assert.deepEqual(parse('two chicken', shop), []);
    assert.deepEqual(parse('a halloumi wrap', shop), ['1x wrap variant=halloumi']);
  });
});

describe('B: "one X one Y" splits the mention before', () => {
  test('options and variants', () => {
    assert.deepEqual(parse('two beef noodle soups, one hot one mild', shop), [
      '1x noodle-soup +protein/beef +spice/hot',
      '1x noodle-soup +protein/beef +spice/mild',
    ]);
    assert.deepEqual(parse('two pie suppers, one mutton one steak', shop), [
      '1x pie-and-mash variant=mutton',
      '1x pie-and-mash variant=steak',
    ]);
  });
});

describe('C: fuzzy spans', () => {
  test('a word inside an exact phrase is not misheard', () => {
    assert.deepEqual(parse('a beef bun cha extra hot', shop), [
      '1x bun-cha +protein/beef +spice/hot(extra)',
    ]);
  });

  test('a misheard four-word dish', () => {
    assert.deepEqual(parse('a salt and peppa squid and a mash', shop), ['1x mash', '1x squid']);
  });
});

describe('E: spoken forms of numeric variants order like the written ones', () => {
  test('"ten dumplings" as "10 dumplings"', () => {
    assert.deepEqual(parse('ten dumplings and a mash', shop), [
      '1x dumplings variant=10',
      '1x mash',
    ]);
    assert.deepEqual(parse('nine pieces and a coke', burgerBar()), ['1x cola']);
  });
});

describe('D: a word that is an item and a variant of the item just named', () => {
  test('a split of a counted mention takes the variant', () => {
    assert.deepEqual(parse('three lunch boxes, two wrap and one mash', shop), [
      '1x lunch-box variant=mash',
      '2x lunch-box variant=wrap',
    ]);
  });

  test('"with a …" qualifies the item just named', () => {
    assert.deepEqual(parse('a lunch box with a mash and a chicken wrap', shop), [
      '1x lunch-box variant=mash',
      '1x wrap variant=chicken',
    ]);
  });

  test('a larger count is a new mention', () => {
    assert.deepEqual(parse('a lunch box and two mash', shop), ['1x lunch-box', '2x mash']);
  });
});

describe('F: a multiplier after the item', () => {
  test('"twice", "times two", "three times"', () => {
    assert.deepEqual(parse('mutton and mash twice please', shop), [
      '2x pie-and-mash variant=mutton',
    ]);
    assert.deepEqual(parse('a chicken wrap times two and a mash', shop), [
      '1x mash',
      '2x wrap variant=chicken',
    ]);
    assert.deepEqual(parse('a mixed doner three times', fixtureMenu('golden-grill-kebab')), [
      '3x mixed-doner',
    ]);
  });
});
