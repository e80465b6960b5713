/** "two of each" / "three of everything" sets the count of every line ordered before it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';
import { trattoria } from './test-menus.ts';

const menu = trattoria();
const parse = (text: string) => understand(text, menu).lines.map(brief).sort();

describe('a count "of each" after the lines', () => {
  test('sets the count of the lines ordered before it', () => {
    assert.deepEqual(parse('a funghi and an olive bowl, and two of each actually'), [
      '2x funghi',
      '2x olive-bowl',
    ]);
    assert.deepEqual(parse('a romana and a garlic bread, make it three of each'), [
      '3x garlic-bread',
      '3x romana',
    ]);
    assert.deepEqual(parse('a funghi, a romana and an olive bowl, three of everything'), [
      '3x funghi',
      '3x olive-bowl',
      '3x romana',
    ]);
  });
  test('a line ordered after it keeps its own count', () => {
    assert.deepEqual(parse('a funghi and a romana, two of each, and an olive bowl'), [
      '1x olive-bowl',
      '2x funghi',
      '2x romana',
    ]);
  });
});
