import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pluralise } from './plural.ts';

describe('item names said for more than one', () => {
  test('a name that is already plural stays', () => {
    for (const name of ['street tacos', 'chips', 'fries', 'chicken nuggets', 'wings', 'ribs'])
      assert.equal(pluralise(name), name);
  });

  test('-ch, -x, -z take -es; -sh dish names and a consonant -y are handled', () => {
    assert.equal(pluralise('sandwich'), 'sandwiches');
    assert.equal(pluralise('meal box'), 'meal boxes');
    assert.equal(pluralise('lamb shish'), 'lamb shish');
    assert.equal(pluralise('side dish'), 'side dishes');
    assert.equal(pluralise('berry smoothie'), 'berry smoothies');
    assert.equal(pluralise('curry'), 'curries');
    assert.equal(pluralise('burrito'), 'burritos');
  });

  test('the head noun of a longer name, and a dish "and" another stays whole', () => {
    assert.equal(pluralise('cup of tea'), 'cups of tea');
    assert.equal(pluralise('family deal for 4'), 'family deals for 4');
    assert.equal(pluralise('fish and chips'), 'fish and chips');
    assert.equal(pluralise('pepperoni pizza'), 'pepperoni pizzas');
    assert.equal(pluralise('chicken 65'), 'chicken 65');
  });
});
