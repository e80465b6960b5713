/**
 * Elided mentions whose word is a menu phrase the item before does not take ("a sausage one"
 * after a bacon roll, where "sausage" is also another dish's option), on a small menu of our own.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { compileMenu } from './lexicon.ts';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';

const option = (name: string) => ({ id: name.replace(/ /g, '-'), name, aliases: [] });

const cafe = compileMenu(
  parseMenuV1({
    format: 'voxeron.menu/v1',
    name: 'Market Cafe',
    currency: 'GBP',
    locale: 'en-GB',
    modifierGroups: [
      { id: 'size', name: 'size', kind: 'size', options: [option('regular'), option('large')] },
      { id: 'meats', name: 'meats', options: [option('sausage'), option('black pudding')] },
    ],
    items: [
      {
        id: 'bacon-roll',
        name: 'bacon roll',
        category: 'rolls',
        price: 3,
        modifierGroups: ['size'],
      },
      {
        id: 'sausage-roll',
        name: 'sausage roll',
        category: 'rolls',
        price: 3,
        modifierGroups: ['size'],
      },
      { id: 'fry-up', name: 'fry up', category: 'plates', price: 9, modifierGroups: ['meats'] },
    ],
  }),
);

const parse = (text: string) => understand(text, cafe).lines.map(brief).sort();

describe('an elided mention whose word is a menu phrase that does not fit the item before', () => {
  test('swaps into the name of the item before', () => {
    assert.deepEqual(parse('a bacon roll and a sausage one'), ['1x bacon-roll', '1x sausage-roll']);
  });
  test('each line keeps its own size', () => {
    assert.deepEqual(parse('a bacon roll large and a sausage one regular'), [
      '1x bacon-roll size=large',
      '1x sausage-roll size=regular',
    ]);
  });
});
