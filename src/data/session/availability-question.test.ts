/** "do you guys have X?" in a call: answered as a question, nothing ordered. */
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

async function firstReply(text: string) {
  const setup = createLocalSessions(bombay, {
    clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
  });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  const { reply } = await session.turn(text);
  const lines = session.state.lines.length;
  await session.hangUp();
  return { reply, lines };
}

describe('a casual availability question', () => {
  test('is answered, not taken as an order', async () => {
    for (const said of [
      'do you guys have butter chicken?',
      'you got butter chicken?',
      'have you guys got butter chicken',
    ]) {
      const { reply, lines } = await firstReply(said);
      assert.match(reply, /^Yes, we have the /, said);
      assert.equal(lines, 0, said);
    }
  });
});
