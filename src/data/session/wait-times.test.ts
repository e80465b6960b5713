import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLocalSessions } from './local-session.ts';
import type { StaticKitchen } from './static-source.ts';
import { waitMinutesFor } from './wait-times.ts';

const pizzeria = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);

async function readBackFor(kitchen: Partial<StaticKitchen>) {
  const setup = createLocalSessions(pizzeria, {
    clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
    kitchen,
  });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  let reply = '';
  for (const text of [
    'two large pepperoni pizzas for delivery',
    'my name is Sam Lee',
    'zero six one two three four five six seven eight',
    'yes',
    'Damrak 1, 1012 Amsterdam',
  ])
    reply = (await session.turn(text)).reply;
  await session.hangUp();
  return reply;
}

describe('the delivery wait promised', () => {
  test('is never shorter than the kitchen wait', () => {
    const waits = { pickup_wait_minutes: 50, delivery_wait_minutes: 35 };
    assert.equal(waitMinutesFor(waits, 'delivery'), 50);
    assert.equal(waitMinutesFor(waits, 'pickup'), 50);
    assert.equal(waitMinutesFor({ ...waits, delivery_wait_minutes: null }, 'delivery'), 50);
    assert.equal(waitMinutesFor({ ...waits, pickup_wait_minutes: 20 }, 'delivery'), 35);
  });

  test('a busy kitchen makes the read-back promise no delivery sooner', async () => {
    const reply = await readBackFor({ pickupWaitMinutes: 50, deliveryWaitMinutes: 35 });
    assert.match(reply, /read that back/);
    assert.doesNotMatch(reply, /35 minutes/);
    assert.match(reply, /50 minutes/);
  });

  test('a kitchen wait alone gives a delivery wait on top of it', async () => {
    const reply = await readBackFor({ pickupWaitMinutes: 50 });
    assert.match(reply, /65 minutes/);
  });
});
