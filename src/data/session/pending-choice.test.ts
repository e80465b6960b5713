import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLocalSessions } from './local-session.ts';

// A chip shop whose kids meal comes as fish, nuggets or sausage, which are dishes of their own too.
const chipShop = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../understanding/fixtures/codfather-chippy.json', import.meta.url),
      'utf8',
    ),
  ),
);

// A diner where "full stack" is a variant of two pancake dishes, one of them also "pancakes".
const diner = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../understanding/fixtures/sunny-side-diner.json', import.meta.url),
      'utf8',
    ),
  ),
);

async function linesAfter(turns: string[], menu = chipShop, at = '2026-01-07T18:00:00Z') {
  const setup = createLocalSessions(menu, { clock: new ManualClock(new Date(at)) });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  const replies: string[] = [];
  for (const text of turns) replies.push((await session.turn(text)).reply);
  const lines = session.state.lines.map((line) =>
    [line.quantity, line.item, line.variant ?? ''].join(' ').trim(),
  );
  await session.hangUp();
  return { lines, replies };
}

describe('the answer to a choice the agent asked for', () => {
  test('fills the choice even when the word is also a dish, and the question is not asked again', async () => {
    const { lines, replies } = await linesAfter(['two kids meals please', 'nuggets']);
    assert.match(replies[0]!, /fish, nuggets or sausage/);
    assert.deepEqual(lines, ['2 kids-meal nuggets']);
    assert.doesNotMatch(replies[1]!, /Which would you like for the kids meal/);
  });

  test('keeps a real addition said with the answer', async () => {
    const { lines } = await linesAfter(['two kids meals please', 'nuggets, and a cup of tea']);
    assert.deepEqual(lines, ['2 kids-meal nuggets', '1 tea']);
  });

  test('does not add the other dish its words also name, which would ask the same again', async () => {
    const { lines, replies } = await linesAfter(
      ['blueberry pancakes please', 'full stack'],
      diner,
      '2026-01-07T10:00:00+01:00',
    );
    assert.match(replies[0]!, /short stack or full stack/);
    assert.deepEqual(lines, ['1 blueberry-pancakes 5']);
    assert.doesNotMatch(replies[1]!, /short stack or full stack/);
  });
});
