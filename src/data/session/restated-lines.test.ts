import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLocalSessions } from './local-session.ts';

const pizzeria = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);

async function call(turns: string[]) {
  const setup = createLocalSessions(pizzeria, {
    clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
  });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  for (const text of turns) if (!session.isEnded) await session.turn(text);
  await session.hangUp();
  return session.order?.documents.draft;
}

const toReadBack = [
  'two large pepperoni pizzas and a coke for pickup',
  'my name is Sam Lee',
  'zero six one two three four five six seven eight',
  'yes',
];

describe('"no, I wanted …" at the read-back', () => {
  test('replaces the lines of the items it names again', async () => {
    const draft = await call([...toReadBack, 'no, I wanted one large pepperoni pizza', 'yes']);
    const pizzas = draft!.lines.filter((line) => line.item === 'pepperoni-pizza');
    assert.deepEqual(
      pizzas.map((line) => line.quantity),
      [1],
    );
    assert.equal(draft!.lines.length, 2);
  });

  test('"no, I also wanted …" still adds', async () => {
    const draft = await call([...toReadBack, 'no, I also wanted a large pepperoni pizza', 'yes']);
    const count = draft!.lines
      .filter((line) => line.item === 'pepperoni-pizza')
      .reduce((sum, line) => sum + line.quantity, 0);
    assert.equal(count, 3);
  });
});
