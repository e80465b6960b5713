import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLocalSessions } from './local-session.ts';

const bombay = parseMenuV1(
  JSON.parse(
    readFileSync(new URL('../understanding/fixtures/bombay-spice.json', import.meta.url), 'utf8'),
  ),
);

async function call(turns: string[]) {
  const setup = createLocalSessions(bombay, {
    clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
  });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  const replies: string[] = [];
  for (const text of turns) if (!session.isEnded) replies.push((await session.turn(text)).reply);
  await session.hangUp();
  return { replies, session };
}

describe('a question the menu cannot answer', () => {
  test('is answered honestly, with someone at the restaurant offered', async () => {
    const { replies, session } = await call(['is your meat halal?']);
    assert.match(replies[0]!, /^I'm sorry, I don't know that/);
    assert.match(replies[0]!, /someone at the restaurant/);
    assert.match(replies[0]!, /what would you like to order\?$/);
    assert.equal(session.state.lines.length, 0);
  });

  test('naming a dish does not order it', async () => {
    const { replies, session } = await call(['is the chicken tikka spicy?']);
    assert.match(replies[0]!, /don't know/);
    assert.equal(session.state.lines.length, 0);
  });

  test('a yes to the offer puts the caller through; an order carries on', async () => {
    const accepted = await call(['does the naan contain nuts?', 'yes please']);
    assert.equal(accepted.session.outcome, 'escalated');
    const ordered = await call(['is your meat halal?', 'two butter chicken please']);
    assert.notEqual(ordered.session.outcome, 'escalated');
    assert.equal(ordered.session.state.lines[0]?.item, 'butter-chicken');
  });
});

describe('a question about a menu category', () => {
  test('lists what the category holds', async () => {
    const { replies } = await call(['do you have vegetarian dishes?']);
    assert.match(replies[0]!, /^Yes, for vegetarian we have /);
    assert.doesNotMatch(replies[0]!, /not sure/);
  });
});
