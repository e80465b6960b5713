import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { classifyAgentReply, saysPhrase, SimulatedCaller } from './caller.ts';
import type { Scenario } from './scenario.ts';

const menu = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);
const base: Scenario = {
  id: 'unit',
  menu: 'luigis-pizzeria',
  goal: {
    items: [{ item: 'margherita', quantity: 1, size: 'large' }],
    fulfilment: 'pickup',
    name: 'Sam Lee',
    phone: '+31 6 1234 5678',
  },
  behaviour: { style: 'all-at-once' },
  expect: { outcome: 'order_created' },
};
const greeting = 'Hi, thanks for calling. What can I get for you?';
const readBack = (items: string, name = 'Sam Lee', phone = '061 234 5678') =>
  `Let me read that back: ${items}. That's for pickup, under the name ${name}, phone ${phone}. The total is €20.00. Shall I place the order?`;

describe('a correction "straight away"', () => {
  test('is planned from an option followed by a comma, and said on the next turn', () => {
    const caller = new SimulatedCaller(
      {
        ...base,
        behaviour: { style: 'correction', correction: 'first says small, then corrects to large' },
      },
      menu,
    );
    assert.match(caller.respond(greeting)!, /a small pizza margherita/);
    assert.equal(
      caller.respond('Got it: one small pizza margherita. What name should I put the order under?'),
      'actually, make the pizza margherita large',
    );
    assert.equal(caller.respond('What name should I put the order under?'), 'my name is Sam Lee');
  });

  test('matches whole words only', () => {
    assert.equal(saysPhrase('first says hot, then iced', 'hot'), true);
    assert.equal(saysPhrase('two shots', 'hot'), false);
  });
});

describe('two lines of one item', () => {
  test('are each said with their own variant', () => {
    const caller = new SimulatedCaller(
      {
        ...base,
        goal: {
          ...base.goal,
          items: [
            { item: 'wings', quantity: 2, variant: '6' },
            { item: 'wings', quantity: 1, variant: '12' },
          ],
        },
      },
      menu,
    );
    const said = caller.respond(greeting)!;
    assert.match(said, /two chicken wings, 6 pieces/);
    assert.match(said, /a chicken wings, 12 pieces/);
  });
});

describe('the order read back', () => {
  test('is accepted when it matches the goal', () => {
    const caller = new SimulatedCaller(base, menu);
    assert.equal(
      caller.respond(readBack('one large pizza margherita, €14.00')),
      'yes, that is right',
    );
  });

  test('a wrong size, quantity, missing or extra item, or name is objected to', () => {
    const caller = () => new SimulatedCaller(base, menu);
    assert.equal(
      caller().respond(readBack('one small pizza margherita, €9.00')),
      'no, make the pizza margherita large',
    );
    assert.equal(
      caller().respond(readBack('two large pizza margheritas, €28.00')),
      'no, I wanted a large pizza margherita',
    );
    assert.equal(
      caller().respond(readBack('one large pizza margherita, €14.00; one calzone, €9.00')),
      'no, please remove the calzone',
    );
    assert.equal(
      caller().respond(readBack('one calzone, €9.00')),
      'no, I also wanted a large pizza margherita',
    );
    assert.equal(
      caller().respond(readBack('one large pizza margherita, €14.00', 'Sam Leigh')),
      'no, the name is Sam Lee',
    );
    assert.equal(
      caller().respond(readBack('one large pizza margherita, €14.00', 'Sam Lee', '061 234 5670')),
      'no, my number is +31 6 1234 5678',
    );
  });

  test('an item it cannot make out is accepted rather than argued with', () => {
    const caller = new SimulatedCaller(base, menu);
    assert.equal(
      caller.respond(readBack('one large pizza margherita, €14.00; one mystery box, €3.00')),
      'yes, that is right',
    );
  });
});

describe('a yes-or-no question', () => {
  test('"Is that everything?" is answered yes when the order is all said', () => {
    const caller = new SimulatedCaller(base, menu);
    caller.respond(greeting);
    const asked = 'Is that everything? Please say yes or no.';
    assert.equal(classifyAgentReply(asked), 'everything');
    assert.equal(caller.respond(asked), "yes, that's everything");
  });
});
