/**
 * Kill switches reach running workers within 2 s (issue 6): a real dispatcher and a real
 * RuntimeControls against PostgreSQL, the switch flipped through the REST API. The reader's
 * periodic reload is set to 10 minutes, so only LISTEN/NOTIFY can make these pass.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { parseMenuV1 } from '../../src/contracts/menu/index.ts';
import {
  createApiFixture,
  seedLocation,
  type ApiFixture,
} from '../../src/control/testing/api-fixture.ts';
import { createLocalSessions } from '../../src/data/session/local-session.ts';
import { SessionManager } from '../../src/data/session/session-manager.ts';
import {
  startDispatcher,
  type RunningDispatcher,
} from '../../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets } from '../../src/integration/targets/action-target.ts';
import { ScriptedPosTarget } from '../../src/integration/targets/testing/scripted-pos-target.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { silentLogger } from '../../src/platform/log/index.ts';
import { RuntimeControls } from '../../src/platform/runtime-controls/index.ts';
import { enqueue, type SeededTenant } from '../integration/support/seed.ts';
import { waitFor } from '../integration/support/wait-for.ts';

let test: TestDatabase;
let api: ApiFixture;
let controls: RuntimeControls;
let dispatcher: RunningDispatcher | undefined;
let tenantA: SeededTenant;
let tenantB: SeededTenant;
let n = 0;
const ref = () => `K-${++n}`;

before(async () => {
  test = await createTestDatabase();
  api = await createApiFixture(test);
  tenantA = { tenantId: api.a.tenantId, ...(await seedLocation(test.db, api.a.tenantId)) };
  tenantB = { tenantId: api.b.tenantId, ...(await seedLocation(test.db, api.b.tenantId)) };
  controls = await RuntimeControls.start({
    db: test.db,
    logger: silentLogger,
    pollIntervalMs: 600_000,
  });
});
afterEach(async () => {
  await dispatcher?.stop();
  dispatcher = undefined;
});
after(async () => {
  await controls.stop();
  await api.app.close();
  await test.close();
});

async function statusOf(tenant: SeededTenant, id: string) {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const row = await tx.query<{ status: string; attempt: number }>(
      'select status, attempt from actions where id = $1',
      [id],
    );
    return row.rows[0]!;
  });
}

const succeeded = (tenant: SeededTenant, id: string) =>
  waitFor(`${id} SUCCEEDED`, async () => (await statusOf(tenant, id)).status === 'SUCCEEDED');

/** Milliseconds until `condition` holds, failing past 2 s. */
async function within2s(what: string, condition: () => boolean): Promise<number> {
  const start = performance.now();
  await waitFor(what, async () => condition(), 2000, 5);
  return performance.now() - start;
}

describe('kill switches in running workers', () => {
  it("integration_off defers one tenant's POS actions within 2 s, others go on; off again, they go out", async () => {
    const pos = new ScriptedPosTarget();
    const reachedPos = (actions: readonly { idempotencyKey: string }[]) =>
      actions.filter((action) => pos.callsByKey.has(action.idempotencyKey)).length;
    dispatcher = startDispatcher({
      db: test.db,
      logger: silentLogger,
      queues: ['pos'],
      pollIntervalMs: 50,
      targets: staticTargets({ create_pos_order: pos }),
      pausedTenants: (queue) => controls.integrationOffTenants(queue),
    });
    controls.onChange(() => dispatcher?.wake());

    const before = [await enqueue(test.db, tenantA, 'create_pos_order', ref())];
    await succeeded(tenantA, before[0]!.id);

    const on = await api.call({
      method: 'POST',
      url: `/v1/tenants/${tenantA.tenantId}/kill-switches`,
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'integration_off', integration: 'pos', reason: 'POS vendor outage' },
    });
    assert.equal(on.statusCode, 201, on.body);
    const tookMs = await within2s('the switch to reach the worker', () =>
      controls.isIntegrationOff(tenantA.tenantId, 'pos'),
    );
    assert.ok(tookMs < 2000);

    const heldA = [];
    const goingB = [];
    for (let i = 0; i < 5; i++) {
      heldA.push(await enqueue(test.db, tenantA, 'create_pos_order', ref()));
      goingB.push(await enqueue(test.db, tenantB, 'create_pos_order', ref()));
    }
    for (const action of goingB) await succeeded(tenantB, action.id);
    // Several poll rounds after B's went out: A's are still untouched, not failed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const action of heldA) {
      assert.deepEqual(await statusOf(tenantA, action.id), { status: 'PENDING', attempt: 0 });
    }
    assert.equal(reachedPos(before), 1);
    assert.equal(reachedPos(heldA), 0, 'no action of the switched-off tenant reached the POS');
    assert.equal(reachedPos(goingB), 5);

    const off = await api.call({
      method: 'DELETE',
      url: `/v1/tenants/${tenantA.tenantId}/kill-switches/${(on.json() as { id: string }).id}`,
      token: api.a.tokens.tenant_admin,
    });
    assert.equal(off.statusCode, 200, off.body);
    for (const action of heldA) await succeeded(tenantA, action.id);
    assert.equal(reachedPos(heldA), 5);
  });

  it('a global integration_off holds every tenant', async () => {
    const pos = new ScriptedPosTarget();
    dispatcher = startDispatcher({
      db: test.db,
      logger: silentLogger,
      queues: ['pos'],
      pollIntervalMs: 50,
      targets: staticTargets({ create_pos_order: pos }),
      pausedTenants: (queue) => controls.integrationOffTenants(queue),
    });
    const on = await api.call({
      method: 'POST',
      url: '/v1/kill-switches',
      token: api.platformToken,
      payload: { kind: 'integration_off', integration: 'pos', reason: 'drill' },
    });
    assert.equal(on.statusCode, 201, on.body);
    await within2s('the global switch to reach the worker', () =>
      controls.isIntegrationOff(tenantB.tenantId, 'pos'),
    );
    const held = [
      await enqueue(test.db, tenantA, 'create_pos_order', ref()),
      await enqueue(test.db, tenantB, 'create_pos_order', ref()),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(pos.callsByKey.size, 0);
    const off = await api.call({
      method: 'DELETE',
      url: `/v1/kill-switches/${(on.json() as { id: string }).id}`,
      token: api.platformToken,
    });
    assert.equal(off.statusCode, 200, off.body);
    await succeeded(tenantA, held[0]!.id);
    await succeeded(tenantB, held[1]!.id);
  });

  it('overflow_off: a call that starts after the switch goes back to the restaurant, a running one goes on', async () => {
    const menu = parseMenuV1(
      JSON.parse(
        readFileSync(
          new URL('../../../shared/eval/menus/luigis-pizzeria.json', import.meta.url),
          'utf8',
        ),
      ),
    );
    const clock = new ManualClock(new Date('2026-01-07T18:00:00Z'));
    const local = createLocalSessions(menu, {
      clock,
      overlay: { tenantId: tenantA.tenantId, locationId: tenantA.locationId },
    });
    const manager = new SessionManager({
      store: local.store,
      context: local.manager.context,
      clock,
      overflowOff: (tenantId, locationId) => controls.isOverflowOff(tenantId, locationId),
    });
    const running = await manager.open({ config: local.config, channel: 'text' });
    assert.equal(running.isEnded, false);

    const on = await api.call({
      method: 'POST',
      url: `/v1/tenants/${tenantA.tenantId}/kill-switches`,
      token: api.a.tokens.tenant_admin,
      payload: { kind: 'overflow_off', locationId: tenantA.locationId, reason: 'staff back' },
    });
    assert.equal(on.statusCode, 201, on.body);
    await within2s('overflow_off to reach the session worker', () =>
      controls.isOverflowOff(tenantA.tenantId, tenantA.locationId),
    );
    const refused = await manager.open({ config: local.config, channel: 'text' });
    assert.equal(refused.isEnded, true);
    assert.equal(refused.outcome, 'escalated');
    assert.equal(controls.isOverflowOff(tenantB.tenantId, tenantB.locationId), false);

    const turn = await running.turn('a large margherita for pickup please');
    assert.equal(turn.ended, false, 'the running call is not cut');
  });
});
