import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseMenuV1, type MenuV1Input } from '../../../contracts/menu/index.ts';
import { menuOrderPhrases, menuVocabulary } from './vocabulary.ts';

const demoMenu = parseMenuV1(
  JSON.parse(
    readFileSync(new URL('../../../../data/demo/luigis-pizzeria.json', import.meta.url), 'utf8'),
  ) as MenuV1Input,
);

void describe('menuVocabulary', () => {
  const vocabulary = menuVocabulary(demoMenu);

  void it('holds what a caller names: items, aliases, sizes, options, variants, categories', () => {
    for (const phrase of [
      'pizza margherita',
      'quattro formaggi',
      'coke zero',
      'family size',
      'extra large',
      'jalapenos',
      '12 pieces',
      'drinks',
      'toppings',
    ]) {
      assert.ok(vocabulary.includes(phrase), `missing "${phrase}"`);
    }
  });

  void it('lists each phrase once, whatever its case', () => {
    const lower = vocabulary.map((phrase) => phrase.toLowerCase());
    assert.equal(new Set(lower).size, lower.length);
    // "pepperoni" is an alias of an item and the name of a topping.
    assert.equal(lower.filter((phrase) => phrase === 'pepperoni').length, 1);
  });

  void it('leaves out items that are not available', () => {
    const menu = structuredClone(demoMenu);
    const tiramisu = menu.items.find((item) => item.name === 'tiramisu');
    assert.ok(tiramisu);
    tiramisu.available = false;
    assert.ok(!menuVocabulary(menu).includes('tiramisu'));
    assert.ok(vocabulary.includes('tiramisu'));
  });
});

void describe('menuOrderPhrases', () => {
  const phrases = menuOrderPhrases(demoMenu);

  void it('follows the menu: own sizes before, own options after, included options taken off', () => {
    for (const phrase of [
      'large pepperoni pizza',
      'family size hawaiian',
      'pepperoni pizza with extra mushrooms',
      'hawaiian pizza no pineapple',
      'bottle coke',
    ]) {
      assert.ok(phrases.includes(phrase), `missing "${phrase}"`);
    }
    // A pizza size is not a drink size, and a coke has no toppings.
    assert.ok(!phrases.includes('family size coke'));
    assert.ok(!phrases.some((phrase) => phrase.startsWith('coke with')));
  });

  void it('follows the names in the vocabulary, which can leave them out', () => {
    const vocabulary = menuVocabulary(demoMenu);
    const names = menuVocabulary(demoMenu, { orderPhrases: false });
    assert.deepEqual(vocabulary.slice(0, names.length), names);
    assert.ok(vocabulary.includes('large pepperoni pizza'));
    assert.ok(!names.includes('large pepperoni pizza'));
  });
});
