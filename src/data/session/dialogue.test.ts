import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { LocalSessionOptions } from './local-session.ts';
import { createLocalSessions } from './local-session.ts';
import { rulesDialoguePolicy } from './policy.ts';
import { openAt, pizzeria, textCall } from './testing/text-call.ts';

/** A call that ends, and completes its session exactly once. */
async function call(turns: string[], options: LocalSessionOptions = {}, menu = pizzeria) {
  const result = await textCall(turns, options, menu);
  assert.equal(
    result.events.filter((event) => event.type === 'SessionCompleted').length,
    1,
    'exactly one SessionCompleted',
  );
  return result;
}

/** The phone number is read back and confirmed before the order is. */
const ORDER = [
  'a large pepperoni pizza for pickup',
  'my name is Anna de Vries',
  '06 1234 5678',
  'yes',
];

describe('dialogue manager', () => {
  test('a whole order: read-back with prices, yes, committed with three actions', async () => {
    const { session, replies, store } = await call([...ORDER, 'yes']);
    assert.match(replies.at(-2)!, /read that back: one large pepperoni pizza, €14\.00/);
    assert.match(replies.at(-2)!, /total is €14\.00/);
    assert.equal(session.outcome, 'order_created');
    assert.match(session.order!.orderReference, /^A-\d{4}$/);
    assert.deepEqual(
      store.actionsOf(session.ref.sessionId).map((action) => action.type),
      ['create_pos_order', 'dispatch_printer_ticket', 'send_confirmation_message'],
    );
    assert.equal(session.order!.documents.draft.customer.phone, '+31612345678');
  });

  test('a correction after the read-back is applied and read back again', async () => {
    const { session, replies } = await call([...ORDER, 'actually, make that small', 'yes']);
    assert.match(replies.at(-2)!, /one small pepperoni pizza/);
    assert.equal(session.order!.documents.draft.lines[0]!.size, 'small');
  });

  test('removing an item', async () => {
    const { session } = await call([
      'a large pepperoni pizza and a coke for pickup',
      'remove the coke',
      "that's all",
      'my name is Anna de Vries',
      '06 1234 5678',
      'yes',
      'yes',
    ]);
    assert.deepEqual(
      session.order!.documents.draft.lines.map((line) => line.item),
      ['pepperoni-pizza'],
    );
  });

  test("an 86'd item is refused with an alternative", async () => {
    const { all, session } = await call(['a calzone please'], {
      kitchen: { unavailableItemIds: ['calzone'] },
    });
    assert.match(all, /calzone is sold out right now\. Would you like the \w+/i);
    assert.deepEqual(session.state.lines, []);
  });

  test('an item sold out mid-call is seen within the cache TTL', async () => {
    const clock = openAt();
    const setup = createLocalSessions(pizzeria, { clock, ttlMs: 1000 });
    const session = await setup.manager.open({ config: setup.config, channel: 'text' });
    setup.source.setKitchen({ unavailableItemIds: ['tiramisu'] });
    clock.advance(1500);
    const turn = await session.turn('a tiramisu');
    assert.match(turn.reply, /sold out/);
  });

  test('delivery outside the area → pickup offered; declining ends with no order', async () => {
    const { all, session } = await call([
      'two calzones for delivery',
      'my name is Anna de Vries',
      '06 1234 5678',
      'yes',
      'Kalverstraat 1, 9999 Elsewhere',
      'no thanks',
    ]);
    assert.match(all, /don't deliver to 9999\. Would you like to pick it up instead\?/);
    assert.equal(session.outcome, 'no_order');
  });

  test('below the delivery minimum is said with the amounts', async () => {
    const { all } = await call([
      'a tiramisu for delivery',
      'my name is Anna de Vries',
      '06 1234 5678',
      'yes',
      'Prinsengracht 263, 1016 Amsterdam',
    ]);
    assert.match(all, /minimum for delivery is €15\.00, and your order comes to €5\.50/);
  });

  test('closed now: says when it opens and ends', async () => {
    const setup = createLocalSessions(pizzeria, {
      clock: new ManualClock(new Date('2026-01-07T09:00:00Z')),
    });
    const session = await setup.manager.open({ config: setup.config, channel: 'text' });
    assert.match(session.greeting, /closed right now\. We open again today at 16:00/);
    assert.equal(session.outcome, 'no_order');
    assert.equal(setup.store.eventsOf(session.ref.sessionId).at(-1)!.type, 'SessionCompleted');
  });

  test('a long kitchen wait is stated before confirming', async () => {
    const { replies } = await call(ORDER, { kitchen: { pickupWaitMinutes: 60 } });
    assert.match(replies.at(-1)!, /wait is about 60 minutes.*Shall I place the order\?/);
  });

  test('age-restricted items: ID is checked at pickup', async () => {
    const { replies } = await call([
      'two beers for pickup',
      'my name is Anna de Vries',
      '06 1234 5678',
      'yes',
    ]);
    assert.match(replies.at(-1)!, /check ID at pickup/);
  });

  test('questions are answered and the flow resumes', async () => {
    const { replies } = await call(['what time do you close tonight?', 'how much is a margherita']);
    assert.match(replies[1]!, /open today from 16:00 until 22:00\. What would you like to order\?/);
    assert.match(replies[2]!, /small €7\.50, medium €9\.50/);
  });

  test('off-menu: not on the menu, categories suggested', async () => {
    const { replies } = await call(["I'd like a lasagna"]);
    assert.match(replies[1]!, /don't have lasagna on our menu\. We have pizza, sides/);
  });

  test('wants a human → HumanEscalated with a summary (warm), or a callback', async () => {
    const warm = await call(['a large pepperoni pizza', 'can I talk to a real person please']);
    const escalated = warm.events.find((event) => event.type === 'HumanEscalated');
    assert.ok(escalated);
    const payload = escalated.payload as { mode: string; reason: string; summary: string };
    assert.equal(payload.mode, 'warm');
    assert.equal(payload.reason, 'caller_request');
    assert.match(payload.summary, /Items so far: one large pepperoni pizza/);
    assert.equal(warm.session.outcome, 'escalated');
    const callback = await call(['can I talk to a real person please'], {
      runtime: { humanAvailable: false },
    });
    assert.equal(
      (callback.events.find((e) => e.type === 'HumanEscalated')!.payload as { mode: string }).mode,
      'callback',
    );
  });

  test('abuse for several turns → ended_by_agent', async () => {
    const { session } = await call([
      'you stupid machine',
      'blah blah wobble',
      'shut up idiot',
      'zib zab',
      'useless garbage',
    ]);
    assert.equal(session.outcome, 'ended_by_agent');
  });

  test('repeated unclear input → re-asked with varied wording, then escalated', async () => {
    const { replies, session } = await call(['mm uh', 'hmm eh', 'erm uh', 'uh uh', 'mm']);
    assert.notEqual(replies[1], replies[2]);
    assert.equal(session.outcome, 'escalated');
  });

  test('silence → re-prompt, then end', async () => {
    const { replies, session } = await call(['', '', '', '']);
    assert.match(replies[1]!, /still there/);
    assert.equal(session.outcome, 'no_order');
  });

  test('a Dutch start is asked to continue in English', async () => {
    const { replies } = await call(['Hallo, ik wil graag bestellen']);
    assert.match(replies[1]!, /continue in English/);
  });

  test('bad input never throws: empty, 10 kB, binary-looking, non-English', async () => {
    const big = 'pizza '.repeat(1800);
    const binary = String.fromCharCode(...Array.from({ length: 200 }, (_, k) => k % 256));
    const { session } = await call(['', big, binary, 'こんにちは ピザ', '¿Tienen pizza?']);
    assert.ok(session.isEnded);
  });

  test('a caller who never answers: the call ends and is recorded', async () => {
    const { session } = await call(Array.from({ length: 10 }, () => ''));
    assert.equal(session.outcome, 'no_order');
  });

  test('a menu with no items: no throw, escalated and recorded', async () => {
    // The schema alone (import validation would refuse it): a menu emptied after import.
    const empty = MenuV1.parse({ ...pizzeria, items: [] });
    const { session } = await call(['a pizza'], {}, empty);
    assert.equal(session.outcome, 'escalated');
  });

  test('a failing tool → apology and escalation, never a crash', async () => {
    const setup = createLocalSessions(pizzeria, { clock: openAt(), ttlMs: 0 });
    setup.source.failWith = new Error('database down');
    const session = await setup.manager.open({ config: setup.config, channel: 'text' });
    assert.match(session.greeting, /went wrong/);
    assert.equal(session.outcome, 'escalated');
    const types = setup.store.eventsOf(session.ref.sessionId).map((event) => event.type);
    assert.deepEqual(types, ['HumanEscalated', 'SessionCompleted']);
  });

  test('a failed commit escalates and writes no order', async () => {
    const setup = createLocalSessions(pizzeria, { clock: openAt() });
    const session = await setup.manager.open({ config: setup.config, channel: 'text' });
    for (const text of ORDER) await session.turn(text);
    setup.store.failNextCommit = new Error('commit failed');
    await session.turn('yes');
    assert.equal(session.outcome, 'escalated');
    assert.equal(setup.store.actionsOf(session.ref.sessionId).length, 0);
  });
});

describe('latency budget', () => {
  test('two policy decisions in a row over budget hand the call to a person', async () => {
    const clock = openAt();
    const slowPolicy = {
      name: 'slow',
      decide: (input: Parameters<typeof rulesDialoguePolicy.decide>[0]) => {
        clock.advance(2000); // over the 1500 ms budget of restaurant/v1
        return rulesDialoguePolicy.decide(input);
      },
    };
    const { session, events, all } = await call(
      ['a large pepperoni pizza', 'for pickup', 'my name is Anna'],
      { clock, policy: slowPolicy },
    );
    assert.equal(session.outcome, 'escalated');
    const escalated = events.find((event) => event.type === 'HumanEscalated');
    assert.equal((escalated?.payload as { reason: string }).reason, 'latency_budget');
    assert.match(all, /trouble keeping up/);
  });

  test('one slow turn alone is tolerated', async () => {
    const clock = openAt();
    let calls = 0;
    const onceSlow = {
      name: 'once-slow',
      decide: (input: Parameters<typeof rulesDialoguePolicy.decide>[0]) => {
        if (calls++ === 0) clock.advance(2000);
        return rulesDialoguePolicy.decide(input);
      },
    };
    const { session } = await call([...ORDER, 'yes'], { clock, policy: onceSlow });
    assert.equal(session.outcome, 'order_created');
  });
});
