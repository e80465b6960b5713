/**
 * A short word misheard as its sound-alike spelling ("fu" for "phu"): the edits only respell
 * a sound, so they do not count as swallowing the word. Small menu of our own.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { compileMenu } from './lexicon.ts';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';

const stall = compileMenu(
  parseMenuV1({
    format: 'voxeron.menu/v1',
    name: 'Noodle Stall',
    currency: 'GBP',
    locale: 'en-GB',
    modifierGroups: [
      {
        id: 'size',
        name: 'size',
        kind: 'size',
        options: [
          { id: 'small', name: 'small', aliases: [] },
          { id: 'large', name: 'large', aliases: [] },
        ],
      },
    ],
    items: [
      {
        id: 'phu-bao',
        name: 'phu bao',
        category: 'noodles',
        price: 8,
        modifierGroups: ['size'],
      },
      { id: 'rice', name: 'rice', category: 'sides', price: 2 },
    ],
  }),
);

describe('a sound-alike spelling of a short word', () => {
  test('"fu bao" finds "phu bao"', () => {
    assert.deepEqual(understand('a fu bao large and a rice', stall).lines.map(brief).sort(), [
      '1x phu-bao size=large',
      '1x rice',
    ]);
  });
});
