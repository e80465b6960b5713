import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DialogueAct, EditAct } from './acts.ts';
import { applyEdit } from './edits.ts';
import { understand } from './understand.ts';
import { brief, cafe, pizzeria } from './test-helpers.ts';

const pizza = pizzeria();
const acts = (text: string) => understand(text, pizza).acts;
const first = <T extends DialogueAct['type']>(text: string, type: T) =>
  acts(text).find((act): act is Extract<DialogueAct, { type: T }> => act.type === type);

describe('edits', () => {
  const order = understand('a large pepperoni, a medium veggie and a coke', pizza).lines;
  const edit = (text: string): EditAct => {
    const found = acts(text).find((act): act is EditAct => act.type === 'edit');
    assert.ok(found, `no edit in "${text}": ${JSON.stringify(acts(text))}`);
    return found;
  };
  const after = (text: string) => applyEdit(order, edit(text), pizza).map(brief);

  test('make that two / actually large', () => {
    assert.deepEqual(after('make that two'), [
      '1x pepperoni-pizza size=large',
      '1x veggie size=medium',
      '2x cola',
    ]);
    assert.deepEqual(after('actually make it a large').slice(0, 2), [
      '1x pepperoni-pizza size=large',
      '1x veggie size=medium',
    ]);
    const size = edit('actually large');
    assert.equal(size.edit, 'set_size');
  });

  test('no onions on the second one', () => {
    assert.deepEqual(
      after('no onions on the second one')[1],
      '1x veggie size=medium -toppings/onions',
    );
  });

  test('extra cheese on the pepperoni', () => {
    assert.deepEqual(
      after('extra cheese on the pepperoni')[0],
      '1x pepperoni-pizza size=large +toppings/cheese(extra)',
    );
  });

  test('remove the coke / cancel that', () => {
    assert.deepEqual(after('remove the coke'), [
      '1x pepperoni-pizza size=large',
      '1x veggie size=medium',
    ]);
    assert.deepEqual(after('cancel that'), [
      '1x pepperoni-pizza size=large',
      '1x veggie size=medium',
    ]);
  });

  test('change the cola to a fanta keeps the size', () => {
    assert.deepEqual(after('change the cola to a fanta')[2], '1x fanta');
    const bottle = [{ item: 'cola', quantity: 1, size: 'bottle', modifiers: [] }];
    assert.deepEqual(applyEdit(bottle, edit('swap the coke for a fanta'), pizza).map(brief), [
      '1x fanta size=bottle',
    ]);
  });

  test('cancel the order', () => {
    assert.ok(first('cancel the whole order', 'cancel_order'));
    assert.ok(first('can we start over', 'cancel_order'));
  });

  test('an edit produces no new order lines', () => {
    assert.deepEqual(understand('remove the coke', pizza).lines, []);
    assert.deepEqual(understand('change the cola to a fanta', pizza).lines, []);
  });
});

describe('yes, no, greetings', () => {
  test('affirm and deny in English and Dutch', () => {
    for (const text of ['yes', 'yeah that is right', 'correct', 'ja', 'klopt', 'yes please'])
      assert.ok(first(text, 'affirm'), text);
    for (const text of ['no', 'nope', 'nee', 'no, that is wrong'])
      assert.ok(first(text, 'deny'), text);
  });

  test('"no onions" is a change, not a no', () => {
    assert.equal(first('no onions', 'deny'), undefined);
  });

  test('greeting with a language guess', () => {
    assert.equal(first('hi there', 'greeting')?.language, 'en');
    assert.equal(first('hallo ik wil graag bestellen', 'greeting')?.language, 'nl');
  });
});

describe('contact details', () => {
  test('names', () => {
    assert.equal(first("it's anna de vries", 'provide_name')?.name, 'Anna de Vries');
    assert.equal(first('my name is john', 'provide_name')?.name, 'John');
    assert.equal(
      first('under the name pieter van dijk please', 'provide_name')?.name,
      'Pieter van Dijk',
    );
    assert.equal(first("it's a large pizza", 'provide_name'), undefined);
  });

  test('phone numbers', () => {
    assert.equal(
      first('oh six one two three four five six seven eight', 'provide_phone')?.phone,
      '0612345678',
    );
    assert.equal(
      first('zero six double five one two three four five six', 'provide_phone')?.phone,
      '0655123456',
    );
    assert.equal(first('my number is +31 6 1234 5678', 'provide_phone')?.phone, '+31612345678');
    assert.equal(first('06 12 34 56 78', 'provide_phone')?.phone, '0612345678');
    assert.equal(
      first('six one two, triple seven, eight nine two one', 'provide_phone')?.phone,
      undefined,
    );
    assert.deepEqual(
      understand('zero six double five one two three four five six', pizza).lines,
      [],
    );
  });

  test('addresses', () => {
    const address = first('keizersgracht 123, 1015 CJ amsterdam', 'provide_address');
    assert.equal(address?.street, 'Keizersgracht');
    assert.equal(address?.houseNumber, '123');
    assert.equal(address?.postcode, '1015 CJ');
    assert.equal(address?.city, 'Amsterdam');
    assert.equal(first('i live at 12 baker street', 'provide_address')?.houseNumber, '12');
  });
});

describe('fulfilment, time, questions, escalation', () => {
  test('pickup and delivery', () => {
    for (const text of ['pickup please', "i'll collect it", "we'll come get it", 'takeaway']) {
      assert.equal(first(text, 'fulfilment')?.method, 'pickup', text);
    }
    assert.equal(first('delivery please', 'fulfilment')?.method, 'delivery');
    assert.equal(first('can you deliver it', 'fulfilment')?.method, 'delivery');
  });

  test('times', () => {
    assert.equal(first('at 7', 'time_request')?.at, '19:00');
    assert.equal(first('around seven thirty', 'time_request')?.at, '19:30');
    assert.equal(first('as soon as possible', 'time_request')?.asap, true);
    assert.equal(first('in 30 minutes', 'time_request')?.inMinutes, 30);
  });

  test('questions', () => {
    assert.equal(first('what time do you close', 'question')?.topic, 'hours');
    const price = first('how much is a large pepperoni', 'question');
    assert.equal(price?.topic, 'price');
    assert.deepEqual(price?.itemIds, ['pepperoni-pizza']);
    const oat = understand('do you have oat milk', cafe()).acts.find(
      (act) => act.type === 'question',
    );
    assert.equal(oat?.type === 'question' && oat.topic, 'availability');
    assert.deepEqual(oat?.type === 'question' && oat.options, [
      { groupId: 'milk', optionId: 'oat' },
    ]);
    assert.equal(first("what's on the menu", 'question')?.topic, 'menu');
    assert.equal(first('how long will it take', 'question')?.topic, 'wait_time');
    assert.equal(first('do you deliver to 1017', 'question')?.postcode, '1017');
    assert.deepEqual(understand('how much is a large pepperoni', pizza).lines, []);
  });

  test('speak to a human', () => {
    assert.ok(first('can i speak to a real person', 'speak_to_human'));
    assert.ok(first('let me talk to the manager', 'speak_to_human'));
  });

  test('finish and off-menu', () => {
    assert.ok(first("that's it thanks", 'finish_order'));
    assert.equal(
      understand('a cortado', cafe()).acts.find((act) => act.type === 'off_menu')?.type,
      'off_menu',
    );
  });
});

describe('robustness', () => {
  test('bad input never throws, says unclear, stays fast', () => {
    const inputs = [
      '',
      '   ',
      'x'.repeat(10_000),
      'pizza '.repeat(2_000),
      '\u0000\u0001\u0002\ufffd',
      'ééé ñ 漢字 😀',
      'ik wil graag een pizza margherita',
    ];
    for (const input of inputs) {
      const started = performance.now();
      const result = understand(input, pizza);
      assert.ok(performance.now() - started < 1000, `slow on ${input.slice(0, 20)}`);
      assert.ok(Array.isArray(result.acts) && result.acts.length > 0);
    }
    assert.equal(understand('', pizza).acts[0]?.type, 'unclear');
    assert.equal(understand('\u0000\u0001', pizza).acts[0]?.type, 'unclear');
    assert.equal(
      understand('漢字 ok 😀 ¿qué?', pizza).acts.some((act) => act.type === 'add_items'),
      false,
    );
    assert.equal(understand(42 as unknown as string, pizza).acts[0]?.type, 'unclear');
  });
});
