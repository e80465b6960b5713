/** A variant named after a comma belongs to the item just named, not to another dish. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief, fixtureMenu } from './test-helpers.ts';

const parse = (text: string, menu: string) =>
  understand(text, fixtureMenu(menu)).lines.map(brief).sort();

describe('a variant after a comma', () => {
  test('qualifies the item just named, even when the word is also an item', () => {
    assert.deepEqual(parse('two kids meals, nuggets', 'codfather-chippy'), [
      '2x kids-meal variant=nuggets',
    ]);
  });
  test('qualifies the item just named when other dishes share the variant', () => {
    assert.deepEqual(parse('two banh mis, lemongrass chicken', 'pho-saigon'), [
      '2x banh-mi variant=lemongrass-chicken',
    ]);
    assert.deepEqual(parse('a vermicelli bowl, grilled pork', 'pho-saigon'), [
      '1x bun variant=grilled-pork',
    ]);
    assert.deepEqual(
      parse('a blueberry pancakes, full stack, with whipped cream', 'sunny-side-diner'),
      ['1x blueberry-pancakes variant=5 +sweet-toppings/whipped-cream'],
    );
  });
  test('a counted or joined mention after the comma is still a line of its own', () => {
    assert.deepEqual(parse('two kids meals, one nuggets and one sausage', 'codfather-chippy'), [
      '1x kids-meal variant=nuggets',
      '1x kids-meal variant=sausage',
    ]);
    assert.deepEqual(parse('a kids meal, and a nuggets', 'codfather-chippy'), [
      '1x kids-meal',
      '1x nuggets',
    ]);
  });
});
