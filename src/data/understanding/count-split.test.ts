/** "three tacos, two chicken and one steak": a count split into counted variants. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief, fixtureMenu } from './test-helpers.ts';

const tacos = fixtureMenu('el-toro-taqueria');
const parse = (text: string) => understand(text, tacos).lines.map(brief).sort();

describe('a count split into a list of counted variants', () => {
  test('gives one line per part, even when a count is also a variant name', () => {
    assert.deepEqual(parse('three tacos, two chicken and one steak'), [
      '1x tacos +protein/asada',
      '2x tacos +protein/pollo',
    ]);
    assert.deepEqual(parse('four burritos, two chicken, one steak and one chorizo'), [
      '1x burrito +protein/asada',
      '1x burrito +protein/chorizo',
      '2x burrito +protein/pollo',
    ]);
  });
  test('a number that does not add up stays a variant', () => {
    assert.deepEqual(parse('three tacos, two pieces'), ['3x tacos variant=2']);
  });
});
