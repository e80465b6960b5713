/** "frikandellen speciaal": a Dutch plural of a multi-word name's first word names the item. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';
import { snackbar } from './test-menus.ts';

const menu = snackbar();
const parse = (text: string) => understand(text, menu).lines.map(brief).sort();

describe('Dutch plurals in multi-word names', () => {
  test('"-en" with a doubled consonant, "-en" and "-s"', () => {
    assert.deepEqual(parse('twee ballen speciaal en een kroket'), ['1x kroket', '2x bal-speciaal']);
    assert.deepEqual(parse('twee frieten speciaal'), ['2x friet-speciaal']);
    assert.deepEqual(parse('two friets speciaal please'), ['2x friet-speciaal']);
  });
  test('the singular still names the item', () => {
    assert.deepEqual(parse('een bal speciaal en een bal'), ['1x bal', '1x bal-speciaal']);
  });
});
