/**
 * "X, no wait, make it Y" where Y is a different item: it replaces the line just before the cue
 * when it is the same kind of dish, on a small menu of our own.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { compileMenu } from './lexicon.ts';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';

const item = (id: string, name: string, category: string) => ({ id, name, category, price: 2 });

const bar = compileMenu(
  parseMenuV1({
    format: 'voxeron.menu/v1',
    name: 'Juice Bar',
    currency: 'GBP',
    locale: 'en-GB',
    modifierGroups: [],
    items: [
      item('kale-juice', 'kale juice', 'juices'),
      item('beet-juice', 'beet juice', 'juices'),
      item('flapjack', 'flapjack', 'bakes'),
      item('flapjack-bites', 'flapjack bites', 'snacks'),
    ],
  }),
);

const parse = (text: string) => understand(text, bar).lines.map(brief).sort();

describe('a correction naming a different item', () => {
  test('replaces the line before when it is the same category', () => {
    assert.deepEqual(parse('a kale juice, no wait, make it a beet juice'), ['1x beet-juice']);
  });
  test("replaces it when the new name contains the old one's", () => {
    assert.deepEqual(parse('a flapjack um no wait make it flapjack bites'), ['1x flapjack-bites']);
  });
  test('an addition after the cue keeps both', () => {
    assert.deepEqual(parse('a kale juice, no wait, and a beet juice too'), [
      '1x beet-juice',
      '1x kale-juice',
    ]);
    assert.deepEqual(parse('a kale juice, no wait, a flapjack'), ['1x flapjack', '1x kale-juice']);
  });
});

describe('"sorry" between two mentions', () => {
  test('corrects the line before it, with or without "i mean"', () => {
    assert.deepEqual(parse('a kale juice, sorry, a beet juice'), ['1x beet-juice']);
    assert.deepEqual(parse('a kale juice, sorry i mean a beet juice'), ['1x beet-juice']);
  });
  test('only apologises at the start of the turn, or before an addition', () => {
    assert.deepEqual(parse('sorry, can i also get a kale juice'), ['1x kale-juice']);
    assert.deepEqual(parse('a kale juice, sorry, and a beet juice'), [
      '1x beet-juice',
      '1x kale-juice',
    ]);
  });
});
