/**
 * General order-talk rules found on the unseen menus, each checked with sentences of our own
 * (not the fixture utterances) on the fixture and dev menus.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdit } from './edits.ts';
import { understand } from './understand.ts';
import { brief, burgerBar, cafe, fixtureMenu, pizzeria } from './test-helpers.ts';
import type { MenuLexicon } from './lexicon.ts';

const parse = (text: string, lexicon: MenuLexicon) =>
  understand(text, lexicon).lines.map(brief).sort();

const kebab = fixtureMenu('golden-grill-kebab');
const indian = fixtureMenu('bombay-spice');
const tacos = fixtureMenu('el-toro-taqueria');
const sushi = fixtureMenu('sakura-sushi');
const burgers = burgerBar();
const pizza = pizzeria();
const coffee = cafe();

describe('C: a generic mention is dropped only when the named items fill its count', () => {
  test('an alias of the generic item is a real line', () => {
    assert.deepEqual(parse('three doners and a chicken shish', kebab), [
      '1x chicken-shish',
      '3x lamb-doner',
    ]);
    assert.deepEqual(parse('three burgers and a bacon cheeseburger', burgers), [
      '1x bacon-cheeseburger',
      '3x classic',
    ]);
  });

  test('an exact count is still an announcement', () => {
    assert.deepEqual(parse('two burgers, a cheeseburger and a chicken burger', burgers), [
      '1x cheeseburger',
      '1x chicken-burger',
    ]);
  });
});

describe('A: a count with only qualifying words is a new line of the nearby item', () => {
  test('"and one peshwari" after the item', () => {
    assert.deepEqual(parse('two garlic naans and one peshwari', indian), [
      '1x naan variant=peshwari',
      '2x naan variant=garlic',
    ]);
    assert.deepEqual(parse('two plain croissants and one chocolate', coffee), [
      '1x croissant variant=chocolate',
      '2x croissant variant=plain',
    ]);
  });

  test('"one keema and two plain naans": the item named after', () => {
    assert.deepEqual(parse('one keema and two plain naans', indian), [
      '1x naan variant=keema',
      '2x naan variant=plain',
    ]);
    assert.deepEqual(parse('a prawn and a lamb biryani', indian), [
      '1x biryani +protein/lamb',
      '1x biryani +protein/prawn',
    ]);
  });

  test('"a … one" keeps the earlier line and takes what follows', () => {
    assert.deepEqual(parse('a vegetable jalfrezi and a paneer one, both hot', indian), [
      '1x jalfrezi +protein/paneer +spice/hot',
      '1x jalfrezi +protein/vegetable +spice/hot',
    ]);
    assert.deepEqual(parse('a steak quesadilla and a chorizo one with guac', tacos), [
      '1x quesadilla +protein/asada',
      '1x quesadilla +protein/chorizo +toppings/guacamole',
    ]);
    assert.deepEqual(parse('a large chicken doner and a regular one with chilli', kebab), [
      '1x chicken-doner size=large',
      '1x chicken-doner size=regular +sauce/chilli',
    ]);
    assert.deepEqual(parse('an oat latte and a soy one', coffee), [
      '1x latte +milk/oat',
      '1x latte +milk/soy',
    ]);
  });

  test('"a chicken one" after a lamb shish is the chicken shish', () => {
    assert.deepEqual(parse('a lamb shish and a chicken one', kebab), [
      '1x chicken-shish',
      '1x lamb-shish',
    ]);
  });

  test('the count may be a spoken numeric variant ("two pork ones" of 2-piece tacos)', () => {
    assert.deepEqual(parse('two chicken tacos and two pork ones', tacos), [
      '1x tacos variant=2 +protein/pastor',
      '1x tacos variant=2 +protein/pollo',
    ]);
  });

  test('splits and modifiers are not elided mentions', () => {
    assert.deepEqual(parse('two pizzas, one large and one small', pizza), [
      '1x build-your-own size=large',
      '1x build-your-own size=small',
    ]);
    assert.deepEqual(parse('a pizza with ham and a pineapple', pizza), ['1x hawaiian']);
  });
});

describe('B: self-corrections inside one utterance', () => {
  test('a new mention of the same item replaces the earlier line', () => {
    assert.deepEqual(parse('a keema naan, i mean a cheese naan', indian), [
      '1x naan variant=cheese',
    ]);
    assert.deepEqual(
      parse('two boiled rice, sorry, one boiled rice and one mushroom rice', indian),
      ['1x boiled-rice', '1x mushroom-rice'],
    );
  });

  test("a bare count or size replaces the line's own", () => {
    assert.deepEqual(parse('four cokes, no wait, five', kebab), ['5x coke']);
    assert.deepEqual(parse('two diet cokes, make it three', kebab), ['3x diet-coke']);
    assert.deepEqual(parse('a regular chips, no wait, a large', kebab), ['1x chips size=large']);
    assert.deepEqual(parse('a salmon nigiri, no wait, two', sushi), ['2x salmon-nigiri']);
  });

  test('an addition after the cue is not a correction', () => {
    assert.deepEqual(parse('a pepperoni pizza, sorry, another pepperoni pizza', pizza), [
      '1x pepperoni-pizza',
      '1x pepperoni-pizza',
    ]);
    assert.deepEqual(parse('a coke, sorry, and a fanta', pizza), ['1x cola', '1x fanta']);
  });

  test('a "sorry" between two drinks corrects the first', () => {
    assert.deepEqual(parse('a coke, sorry, a fanta', pizza), ['1x fanta']);
    assert.deepEqual(parse('a coke, sorry i mean a fanta', pizza), ['1x fanta']);
  });
});

describe('D: a count before a numeric variant', () => {
  test('the first of two variant numbers is the count', () => {
    assert.deepEqual(parse('two four piece baklava', kebab), ['2x baklava variant=4']);
    assert.deepEqual(parse('three twelve piece falafel', kebab), ['3x falafel variant=12']);
    assert.deepEqual(parse('two orders of six falafel', kebab), ['2x falafel variant=6']);
  });
});

describe('E: a digit count is never part of a misheard phrase', () => {
  test('"4 gulab jamun", "2 saag aloo"', () => {
    assert.deepEqual(parse('4 gulab jamun', indian), ['4x gulab-jamun']);
    assert.deepEqual(parse('2 saag aloo and 3 tarka dal', indian), ['2x saag-aloo', '3x dal']);
  });
});

describe('G: plurals of names with digits or short words', () => {
  test('"three 7ups", "two chicken 65s", "four seven ups"', () => {
    assert.deepEqual(parse('three 7ups', kebab), ['3x 7up']);
    assert.deepEqual(parse('four seven ups', kebab), ['4x 7up']);
    assert.deepEqual(parse('2 chicken 65s', indian), ['2x chicken-65']);
  });
});

describe('I: "the" inside a menu name', () => {
  test('"corn on the cob"', () => {
    assert.deepEqual(parse('two corn on the cobs and a horchata', tacos), [
      '1x horchata',
      '2x elote',
    ]);
  });
});

describe('H: a variant that names its item, said before the item', () => {
  test('"a garlic and cheese naan" is one naan', () => {
    assert.deepEqual(parse('a garlic and cheese naan and a coke', indian), [
      '1x coke',
      '1x naan variant=cheese-garlic',
    ]);
  });
});

describe('F: a group named alone picks no arbitrary option', () => {
  test('"with sauce" on a group without a default adds nothing', () => {
    assert.deepEqual(parse('a chicken wrap with sauce', kebab), ['1x chicken-wrap']);
    assert.deepEqual(parse('a latte with syrup', coffee), ['1x latte']);
  });

  test('a group with a standard option still gets it', () => {
    assert.deepEqual(parse('a latte with milk', coffee), ['1x latte +milk/whole']);
  });
});

describe('an edit that makes a multi-choice option replaces the earlier choice', () => {
  const order = understand('a chicken doner with garlic sauce and a coke', kebab).lines;
  const after = (text: string) => {
    let lines = order;
    for (const act of understand(text, kebab).acts)
      if (act.type === 'edit') lines = applyEdit(lines, act, kebab);
    return lines.map(brief).sort();
  };

  test('"make the doner bbq sauce" replaces, "add bbq sauce" adds', () => {
    assert.deepEqual(after('actually, make the chicken doner bbq sauce'), [
      '1x chicken-doner +sauce/bbq',
      '1x coke',
    ]);
    assert.deepEqual(after('can you add bbq sauce to the chicken doner'), [
      '1x chicken-doner +sauce/bbq +sauce/garlic',
      '1x coke',
    ]);
  });
});
