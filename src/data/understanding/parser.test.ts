import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { understand } from './understand.ts';
import { brief, burgerBar, cafe, pizzeria } from './test-helpers.ts';
import type { MenuLexicon } from './lexicon.ts';

const parse = (text: string, lexicon: MenuLexicon) =>
  understand(text, lexicon).lines.map(brief).sort();

describe('order lines', () => {
  const pizza = pizzeria();
  const coffee = cafe();

  test('quantities in words, digits and phrases', () => {
    assert.deepEqual(parse('three cokes', pizza), ['3x cola']);
    assert.deepEqual(parse('12 cokes', pizza), ['12x cola']);
    assert.deepEqual(parse('a couple of tiramisus', pizza), ['2x tiramisu']);
    assert.deepEqual(parse('twenty one fantas', pizza), ['21x fanta']);
  });

  test('"a dozen" is the variant when the item has one, else a quantity', () => {
    assert.deepEqual(parse('a dozen wings', pizza), ['1x wings variant=12']);
    assert.deepEqual(parse('half a dozen wings', pizza), ['1x wings variant=6']);
    assert.deepEqual(parse('a dozen cokes', pizza), ['12x cola']);
  });

  test('speech-recogniser misspellings still find the menu', () => {
    assert.deepEqual(parse('pepper only pizza', pizza), ['1x pepperoni-pizza']);
    assert.deepEqual(parse('a large pepperonni', pizza), ['1x pepperoni-pizza size=large']);
    assert.deepEqual(parse('a margarita', pizza), ['1x margherita']);
    assert.deepEqual(parse('a hawaian pizza', pizza), ['1x hawaiian']);
    assert.deepEqual(parse('an expresso', coffee), ['1x espresso']);
    assert.deepEqual(parse('a cap with oat', coffee), ['1x cappuccino +milk/oat']);
    assert.deepEqual(parse('a capucino', coffee), ['1x cappuccino']);
    assert.deepEqual(parse('two lates', coffee), ['2x latte']);
  });

  test('modifiers attach to the item they follow or precede', () => {
    assert.deepEqual(
      parse('a large pepperoni and a small hawaiian without pineapple and two cokes', pizza),
      ['1x hawaiian size=small -toppings/pineapple', '1x pepperoni-pizza size=large', '2x cola'],
    );
    assert.deepEqual(parse('an oat latte and a soy cappuccino', coffee), [
      '1x cappuccino +milk/soy',
      '1x latte +milk/oat',
    ]);
  });

  test('qualifiers only where the group allows them', () => {
    assert.deepEqual(parse('a margherita with extra cheese', pizza), [
      '1x margherita +toppings/cheese(extra)',
    ]);
    assert.deepEqual(parse('a caesar with extra ranch', pizza), ['1x caesar +dressing/ranch']);
  });

  test('removals need a removable group or an included option', () => {
    assert.deepEqual(parse('a hawaiian no ham', pizza), ['1x hawaiian -toppings/ham']);
    assert.deepEqual(parse('wings without garlic dip', pizza), ['1x wings']);
  });

  test('options of groups the item lacks are dropped', () => {
    assert.deepEqual(parse('a tiramisu with oat milk', coffee), []);
    assert.deepEqual(parse('a large calzone', pizza), ['1x calzone']);
  });

  test('a description resolves to the item whose includes it names', () => {
    assert.deepEqual(parse('a pizza with ham and pineapple', pizza), ['1x hawaiian']);
    assert.deepEqual(parse('a large pizza with tuna', pizza), [
      '1x build-your-own size=large +toppings/tuna',
    ]);
  });

  test('splits: "three lattes, one with oat"', () => {
    assert.deepEqual(parse('three lattes, one with oat milk', coffee), [
      '1x latte +milk/oat',
      '2x latte',
    ]);
  });

  test('nothing on the menu gives no lines', () => {
    assert.deepEqual(parse('a cortado', coffee), []);
    assert.deepEqual(parse('i would like a sandwich with avocado', pizza), []);
  });
});

describe('the unseen burger bar (written after the parser)', () => {
  const burgers = burgerBar();

  test('doneness "medium rare" is not the size "medium"', () => {
    assert.deepEqual(parse('a cheeseburger medium rare and medium fries', burgers), [
      '1x cheeseburger +doneness/medium-rare',
      '1x fries size=medium',
    ]);
  });

  test('variants named before the item, by spoken numbers', () => {
    assert.deepEqual(parse('two double cheeseburgers and six nuggets', burgers), [
      '1x nuggets variant=6',
      '2x cheeseburger variant=double',
    ]);
    assert.deepEqual(parse('a chocolate shake and a brownie', burgers), [
      '1x brownie',
      '1x milkshake variant=chocolate',
    ]);
  });

  test('a described burger becomes the menu item with those toppings', () => {
    assert.deepEqual(parse('a burger with cheese', burgers), ['1x cheeseburger']);
    assert.deepEqual(parse('a burger with bacon', burgers), ['1x classic +toppings/bacon']);
  });

  test('the same word in two groups resolves by the item', () => {
    assert.deepEqual(parse('fries with mayo and a chicken burger no mayo', burgers), [
      '1x chicken-burger -toppings/mayo',
      '1x fries +dip/mayo-dip',
    ]);
  });

  test('misheard words', () => {
    assert.deepEqual(parse('a bacon chese burger', burgers), ['1x bacon-cheeseburger']);
    assert.deepEqual(parse('onion ring with aoli', burgers), ['1x onion-rings +dip/aioli']);
    assert.deepEqual(parse('a large lemonaid', burgers), ['1x lemonade size=large']);
  });
});
