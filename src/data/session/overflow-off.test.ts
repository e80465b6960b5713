import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseMenuV1 } from '../../contracts/menu/index.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createLocalSessions } from './local-session.ts';
import { SessionManager } from './session-manager.ts';

const pizzeria = parseMenuV1(
  JSON.parse(
    readFileSync(
      new URL('../../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
      'utf8',
    ),
  ),
);

describe('overflow kill switch at session start', () => {
  it('hands a new call back to the restaurant and leaves a running call alone', async () => {
    // A Wednesday, 19:00 in Amsterdam: open.
    const clock = new ManualClock(new Date('2026-01-07T18:00:00Z'));
    const local = createLocalSessions(pizzeria, { clock });
    let overflowOff = false;
    const asked: string[] = [];
    const manager = new SessionManager({
      store: local.store,
      context: local.manager.context,
      clock,
      overflowOff: (tenantId, locationId) => {
        asked.push(`${tenantId}/${locationId}`);
        return overflowOff;
      },
    });

    const running = await manager.open({ config: local.config, channel: 'text' });
    assert.equal(running.isEnded, false);
    overflowOff = true;

    const refused = await manager.open({ config: local.config, channel: 'text' });
    assert.equal(refused.isEnded, true);
    assert.equal(refused.outcome, 'escalated');
    assert.equal(refused.escalation?.mode, 'cold');
    assert.match(refused.greeting, /putting you through to the restaurant/);
    assert.equal(local.store.sessions.has(refused.ref.sessionId), false, 'nothing recorded');
    assert.deepEqual(asked, [
      `${local.config.overlay.tenantId}/${local.config.overlay.locationId}`,
      `${local.config.overlay.tenantId}/${local.config.overlay.locationId}`,
    ]);

    // The call that began before the switch goes on.
    const turn = await running.turn('a large margherita for pickup please');
    assert.equal(turn.ended, false);
    assert.ok(turn.reply.length > 0);
    assert.equal(local.store.sessions.has(running.ref.sessionId), true);
  });
});
