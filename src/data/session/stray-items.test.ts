import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { saysAddition, saysAddVerb } from '../understanding/index.ts';
import { createLocalSessions } from './local-session.ts';

const pizzeria = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);

/** A pickup order and `details` (name, phone), then `answers` to the read-back. */
async function call(details: string[], answers: string[]) {
  const setup = createLocalSessions(pizzeria, {
    clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
  });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  const replies: string[] = [];
  for (const text of ['a large pepperoni pizza for pickup', ...details, ...answers]) {
    if (session.isEnded) break;
    replies.push((await session.turn(text)).reply);
  }
  await session.hangUp();
  return { session, replies, items: session.order?.documents.draft.lines.map((line) => line.item) };
}
/** Name, phone, and the yes to the phone number read back. */
const details = [
  'my name is anna de vries',
  'zero six one two three four five six seven eight',
  'yes',
];
const readBackThen = (...answers: string[]) => call(details, answers);

describe('the answer to the read-back', () => {
  test('a yes with a stray menu word and no add cue places the order as read back', async () => {
    const { session, replies } = await readBackThen('yep coke right');
    assert.match(replies[3]!, /read that back/);
    assert.equal(session.outcome, 'order_created');
    assert.deepEqual(
      session.order!.documents.draft.lines.map((line) => line.item),
      ['pepperoni-pizza'],
    );
  });

  test('a yes that adds an item says so and adds it', async () => {
    for (const answer of ['yes, and add a coke', 'yes, also a coke', 'yeah two cokes']) {
      const { session, replies } = await readBackThen(answer, 'yes');
      assert.match(replies[4]!, /cola/i, answer);
      assert.equal(session.outcome, 'order_created', answer);
      assert.deepEqual(
        session.order!.documents.draft.lines.map((line) => line.item).sort(),
        ['cola', 'pepperoni-pizza'],
        answer,
      );
    }
  });

  test('a misheard name with a menu word adds nothing; "can I also get" does', async () => {
    const misheard = await call(['my and a coke', 'anna', details[1]!, 'yes'], ['yes']);
    assert.deepEqual(misheard.items, ['pepperoni-pizza']);
    assert.equal(misheard.session.order!.documents.draft.customer.name, 'Anna');
    const added = await call(['can i also get a coke', 'anna', details[1]!, 'yes'], ['yes']);
    assert.deepEqual(added.items?.sort(), ['cola', 'pepperoni-pizza']);
  });

  test('add cues: add words and quantities, not a bare yes with an item', () => {
    assert.equal(saysAddition('yep coffee right'), false);
    assert.equal(saysAddition("oh yes that's right"), false);
    assert.equal(saysAddition('yes and a coffee'), true);
    assert.equal(saysAddition('yes can I also get a tiramisu'), true);
    assert.equal(saysAddition('yes two coffees'), true);
    assert.equal(saysAddVerb('my and a green'), false);
    assert.equal(saysAddVerb('oh and add a coke'), true);
  });
});
