/** "extra cheese and mushrooms": a qualifier covers the whole list of options joined by "and". */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { compileMenu } from './lexicon.ts';
import { understand } from './understand.ts';
import { brief } from './test-helpers.ts';

const option = (name: string) => ({ id: name.replace(/ /g, '-'), name });

const shop = compileMenu(
  parseMenuV1({
    format: 'voxeron.menu/v1',
    name: 'Chips and Toast',
    currency: 'GBP',
    locale: 'en-GB',
    modifierGroups: [
      {
        id: 'seasoning',
        name: 'seasoning',
        max: 4,
        qualifiers: ['extra', 'light'],
        options: [option('salt and vinegar'), option('salt'), option('vinegar'), option('pepper')],
      },
      {
        id: 'toppings',
        name: 'toppings',
        max: 4,
        qualifiers: ['extra'],
        options: [option('cheese'), option('mushrooms')],
      },
      { id: 'sauce', name: 'sauce', options: [option('ketchup'), option('mayo')] },
    ],
    items: [
      {
        id: 'chips',
        name: 'chips',
        category: 'sides',
        price: 3,
        modifierGroups: ['seasoning'],
        includes: ['salt', 'vinegar'],
      },
      { id: 'sp-chips', name: 'salt and pepper chips', category: 'sides', price: 4 },
      {
        id: 'toastie',
        name: 'toastie',
        category: 'mains',
        price: 5,
        modifierGroups: ['toppings', 'sauce'],
      },
    ],
  }),
);

const parse = (text: string) => understand(text, shop).lines.map(brief).sort();

describe('a qualifier before options joined by "and"', () => {
  test('one option whose name holds "and" takes it whole', () => {
    assert.deepEqual(parse('chips with extra salt and vinegar'), [
      '1x chips +seasoning/salt-and-vinegar(extra)',
    ]);
  });
  test('applies to both options of a pair the menu serves together', () => {
    assert.deepEqual(parse('chips with extra salt, and vinegar'), [
      '1x chips +seasoning/salt(extra) +seasoning/vinegar',
    ]);
    assert.deepEqual(parse('chips with extra vinegar and salt'), [
      '1x chips +seasoning/salt(extra) +seasoning/vinegar(extra)',
    ]);
    assert.deepEqual(parse('chips with light salt and pepper'), [
      '1x chips +seasoning/pepper(light) +seasoning/salt(light)',
    ]);
  });
  test('the same in a change to a line already ordered', () => {
    const edit = understand('extra vinegar and salt on the chips', shop).acts.find(
      (act) => act.type === 'edit',
    );
    assert.ok(edit?.type === 'edit' && edit.edit === 'modify', JSON.stringify(edit));
    assert.deepEqual(
      edit.changes.map((change) => `${change.options[0]?.optionId}:${change.qualifier}`),
      ['vinegar:extra', 'salt:extra'],
    );
  });
  test('not to options the menu does not pair, nor to a group without qualifiers', () => {
    assert.deepEqual(parse('a toastie with extra cheese and mushrooms'), [
      '1x toastie +toppings/cheese(extra) +toppings/mushrooms',
    ]);
    assert.deepEqual(parse('a toastie with extra cheese and mayo'), [
      '1x toastie +sauce/mayo +toppings/cheese(extra)',
    ]);
  });
});
