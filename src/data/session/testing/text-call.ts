/**
 * One text call through the local sessions, for the session tests: the caller's turns said in
 * order (until the call ends), then a hang-up. Luigi's pizzeria (the eval menu) on a clock at
 * which it is open, unless the options say otherwise.
 */
import { readFileSync } from 'node:fs';
import type { MenuV1 } from '../../../contracts/menu/index.ts';
import { parseMenuV1 } from '../../../contracts/menu/index.ts';
import { ManualClock } from '../../../platform/clock.ts';
import type { LocalSessionOptions } from '../local-session.ts';
import { createLocalSessions } from '../local-session.ts';

/** An eval menu by name ("luigis-pizzeria"). */
export const evalMenu = (name: string): MenuV1 =>
  parseMenuV1(
    JSON.parse(
      readFileSync(
        new URL(`../../../../../shared/eval/menus/${name}.json`, import.meta.url),
        'utf8',
      ),
    ),
  );

export const pizzeria = evalMenu('luigis-pizzeria');

/** A Wednesday, 19:00 in Amsterdam: Luigi's is open. */
export const openAt = () => new ManualClock(new Date('2026-01-07T18:00:00Z'));

/** The call's replies (the greeting first), its session, events and the order's draft. */
export async function textCall(
  turns: readonly string[],
  options: LocalSessionOptions = {},
  menu: MenuV1 = pizzeria,
) {
  const setup = createLocalSessions(menu, { clock: openAt(), ...options });
  const session = await setup.manager.open({ config: setup.config, channel: 'text' });
  const replies = [session.greeting];
  for (const text of turns) {
    if (session.isEnded) break;
    replies.push((await session.turn(text)).reply);
  }
  await session.hangUp();
  return {
    session,
    replies,
    all: replies.join('\n'),
    events: setup.store.eventsOf(session.ref.sessionId),
    store: setup.store,
    draft: session.order?.documents.draft,
  };
}
