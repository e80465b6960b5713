import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { classifyAgentReply, samePhone, SimulatedCaller, wrongPart } from './caller.ts';
import type { Scenario } from './scenario.ts';

const menu = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);
const scenario: Scenario = {
  id: 'unit',
  menu: 'luigis-pizzeria',
  goal: {
    items: [
      { item: 'margherita', quantity: 1, size: 'medium' },
      { item: 'cola', quantity: 4 },
    ],
    fulfilment: 'pickup',
    name: 'Sam Lee',
    phone: '+31 6 1234 5678',
  },
  behaviour: { style: 'all-at-once' },
  expect: { outcome: 'order_created' },
};

describe('the simulated caller answers read-back checks against its goal', () => {
  test('phone read-back: yes when it is the goal number, in any form; else no', () => {
    const caller = new SimulatedCaller(scenario, menu);
    assert.equal(
      classifyAgentReply('I have your number as 061 234 5678. Is that right?'),
      'check_phone',
    );
    assert.equal(
      caller.respond('I have your number as 061 234 5678. Is that right?'),
      "yes, that's right",
    );
    assert.equal(
      caller.respond('I have your number as 061 230 5678. Is that right?'),
      "no, that's wrong",
    );
    assert.equal(samePhone('as +31 6 1234 5678.', '06 1234 5678'), true);
    assert.equal(samePhone('as 061 234 5679.', '+31 6 1234 5678'), false);
  });

  test('asked again: the one wrong group, or else the whole number', () => {
    const caller = new SimulatedCaller(scenario, menu);
    const again = "Sorry about that. What's the number, then? Or just the digits I got wrong.";
    caller.respond('I have your number as 061 230 5678. Is that right?');
    assert.equal(caller.respond(again), 'two three four');
    caller.respond('I have your number as 061 230 5670. Is that right?');
    assert.match(caller.respond(again)!, /^my number is \+31 6 1234 5678$/);
    assert.deepEqual(wrongPart('081 234 5678', '+31 6 1234 5678'), ['0', '6', '1']);
    assert.equal(wrongPart('081 234 5670', '+31 6 1234 5678'), undefined);
    assert.equal(wrongPart('061 234 56789', '+31 6 1234 5678'), undefined);
  });

  test('quantity read-back: yes for the goal count, no otherwise; then how many', () => {
    const caller = new SimulatedCaller(scenario, menu);
    const right =
      'Got it: one medium pizza margherita. Just to check: four coca colas, is that right?';
    assert.equal(classifyAgentReply(right), 'check_quantity');
    assert.equal(caller.respond(right), "yes, that's right");
    assert.equal(
      caller.respond('Just to check: 40 coca colas, is that right?'),
      "no, that's wrong",
    );
    assert.equal(
      caller.respond('Just to check: 40 fanta oranges, is that right?'),
      "no, that's wrong",
    );
    assert.equal(
      caller.respond('Sorry about that. How many coca colas would you like?'),
      'four coca colas',
    );
    assert.equal(caller.respond('How many fanta oranges would you like?'), 'no thanks');
  });
});
