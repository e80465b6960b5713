import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { delay } from '../clock.ts';
import { createTestDatabase, type TestDatabase } from '../db/testing/test-database.ts';
import { newId } from '../ids.ts';
import { silentLogger } from '../log/index.ts';
import { notifyRuntimeControlsChanged, runtimeControlsChannel } from './channel.ts';
import { RuntimeControls } from './runtime-controls.ts';

let test: TestDatabase;
const tenantA = newId();
const tenantB = newId();

before(async () => {
  test = await createTestDatabase();
  for (const tenant of [tenantA, tenantB]) {
    await test.db.withTenant(tenant, (tx) =>
      tx.query('insert into tenants (id, name, slug) values ($1, $2, $3)', [
        tenant,
        'T',
        `rc-${tenant.slice(-10)}`,
      ]),
    );
  }
});
after(() => test.close());

/** Polls `condition` every 10 ms for up to `withinMs`; the time it took, or a failure. */
async function within(withinMs: number, condition: () => boolean): Promise<number> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > withinMs) assert.fail(`not within ${withinMs} ms`);
    await delay(10);
  }
  return performance.now() - start;
}

async function switchIntegrationOff(tenantId: string, integration: string, notify = true) {
  const id = newId();
  await test.db.withTenant(tenantId, async (tx) => {
    await tx.query(
      `insert into tenant_kill_switches (tenant_id, id, kind, target, reason, created_by)
       values ($1, $2, 'integration_off', $3, 'test', 'test')`,
      [tenantId, id, integration],
    );
    if (notify) await notifyRuntimeControlsChanged(tx, 'kill_switch');
  });
  return id;
}

describe('RuntimeControls', () => {
  it('sees switches and flags of every tenant, and a change within 2 s of its commit', async () => {
    await test.db.withoutTenant(async (tx) => {
      await tx.query(
        `insert into feature_flags (key, enabled, allow_tenant_ids) values ('beta', true, $1)`,
        [[tenantA]],
      );
      await tx.query(
        `insert into global_kill_switches (id, kind, target, reason, created_by)
         values ($1, 'vendor_off', 'acme-asr', 'test', 'test')`,
        [newId()],
      );
    });
    // A long poll: only NOTIFY can make this test pass.
    const controls = await RuntimeControls.start({
      db: test.db,
      logger: silentLogger,
      pollIntervalMs: 600_000,
    });
    try {
      assert.equal(controls.flagEnabled('beta', tenantA), true);
      assert.equal(controls.flagEnabled('beta', tenantB), false);
      assert.equal(controls.isVendorOff('acme-asr', tenantB), true);
      assert.equal(controls.isIntegrationOff(tenantA, 'pos'), false);

      await switchIntegrationOff(tenantA, 'pos');
      await within(2000, () => controls.isIntegrationOff(tenantA, 'pos'));
      assert.equal(controls.isIntegrationOff(tenantB, 'pos'), false);

      await test.db.withTenant(tenantA, async (tx) => {
        await tx.query(`update tenant_kill_switches set cleared_at = now(), cleared_by = 't'`);
        await notifyRuntimeControlsChanged(tx, 'kill_switch');
      });
      await within(2000, () => !controls.isIntegrationOff(tenantA, 'pos'));
    } finally {
      await controls.stop();
    }
  });

  it('survives a dropped LISTEN connection: reconnects and reloads what it missed', async () => {
    const controls = await RuntimeControls.start({
      db: test.db,
      logger: silentLogger,
      pollIntervalMs: 600_000,
      reconnectBaseMs: 50,
    });
    try {
      const killed = await test.owner.query<{ killed: boolean }>(
        `select pg_terminate_backend(pid) as killed from pg_stat_activity
         where datname = current_database() and query = $1`,
        [`listen ${runtimeControlsChannel}`],
      );
      assert.equal(killed.rowCount, 1, 'exactly one listener connection to cut');
      // Committed while the listener is gone: its NOTIFY reaches nobody.
      await switchIntegrationOff(tenantB, 'printer');
      await within(2000, () => controls.isIntegrationOff(tenantB, 'printer'));
      // And the new connection listens again.
      const reloads = controls.reloads;
      await switchIntegrationOff(tenantB, 'messaging');
      await within(2000, () => controls.isIntegrationOff(tenantB, 'messaging'));
      assert.ok(controls.reloads > reloads);
    } finally {
      await controls.stop();
    }
  });

  it('the periodic reload catches a change that was never notified', async () => {
    const controls = await RuntimeControls.start({
      db: test.db,
      logger: silentLogger,
      pollIntervalMs: 100,
    });
    try {
      await switchIntegrationOff(tenantA, 'webhook', false);
      await within(2000, () => controls.isIntegrationOff(tenantA, 'webhook'));
    } finally {
      await controls.stop();
    }
  });
});
