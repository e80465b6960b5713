import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLocalSessions } from './local-session.ts';
import { nameFromAnswer } from './name-answer.ts';

const pizzeria = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);

async function nameFromCall(nameTurn: string) {
  const setup = createLocalSessions(pizzeria, {
    clock: new ManualClock(new Date('2026-01-07T18:00:00Z')),
  });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  await session.turn('a large pepperoni pizza for pickup');
  const reply = (await session.turn(nameTurn)).reply;
  await session.hangUp();
  return { name: session.state.name, reply };
}

describe("the caller's name keeps its spelling", () => {
  const cases: [string, string][] = [
    ['my name is Jan-Willem de Boer', 'Jan-Willem de Boer'],
    ["it's Siobhan O'Brien", "Siobhan O'Brien"],
    ['my name is José Müller', 'José Müller'],
    ['under the name Zoë', 'Zoë'],
    ['my name is jan-willem de boer', 'Jan-Willem de Boer'],
    ["my name is o'brien", "O'Brien"],
  ];
  for (const [said, stored] of cases) {
    test(`"${said}" → ${stored}`, async () => {
      const { name } = await nameFromCall(said);
      assert.equal(name, stored);
    });
  }

  test('a bare answer keeps accents, hyphens and apostrophes', () => {
    assert.equal(nameFromAnswer('José Müller'), 'José Müller');
    assert.equal(nameFromAnswer('um it is jan-willem de boer'), 'Jan-Willem de Boer');
    assert.equal(nameFromAnswer("put it under O'Brien please"), "O'Brien");
    assert.equal(nameFromAnswer('zoë'), 'Zoë');
  });
});
