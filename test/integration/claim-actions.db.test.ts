import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { parseEvent } from '../../src/contracts/events/parse-event.ts';
import { appRole } from '../../src/platform/db/app-role.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, enqueueManyOrders, seedTenant, type SeededTenant } from './support/seed.ts';

let test: TestDatabase;
let big: SeededTenant;
let small: SeededTenant;

interface Claimed {
  tenant_id: string;
  id: string;
  previous_status: string;
  attempt: number;
  lease_expired: boolean;
}

async function claim(worker: string, limit: number, leaseMs = 60_000, skip: string[] = []) {
  return test.db.withoutTenant(async (tx) => {
    const rows = await tx.query<Claimed>('select * from claim_actions($1, $2, $3, $4, $5)', [
      'pos',
      worker,
      limit,
      leaseMs,
      skip,
    ]);
    return rows.rows;
  });
}

before(async () => {
  test = await createTestDatabase();
  big = await seedTenant(test.db, 'Big Chain');
  small = await seedTenant(test.db, 'Corner Cafe');
  // The big tenant's backlog is older than the small tenant's one order.
  await enqueueManyOrders(test.db, big, 10_000, 'B');
  await enqueue(test.db, small, 'create_pos_order', 'S-1');
});
after(async () => {
  await test.close();
});

describe('claim_actions (security definer, fair across tenants)', () => {
  it('is not readable cross-tenant by the app role, yet the function claims across tenants', async () => {
    const visible = await test.db.withoutTenant((tx) => tx.query('select 1 from actions'));
    assert.equal(visible.rowCount, 0, 'the app role sees no action without a tenant');
    const rows = await claim('w1', 2);
    assert.equal(rows.length, 2);
    const tenants = new Set(rows.map((row) => row.tenant_id));
    assert.deepEqual(
      [...tenants].sort(),
      [big.tenantId, small.tenantId].sort(),
      "a backlog of 10,000 does not starve the other tenant's one action",
    );
    for (const row of rows) {
      assert.equal(row.attempt, 1);
      assert.equal(row.lease_expired, false);
    }
  });

  it('records every claim as an ActionStateChanged event that satisfies the v1 contract', async () => {
    const events = await test.owner.query<{ envelope: unknown }>(
      `select jsonb_build_object('id', id, 'type', type, 'version', version, 'tenant_id', tenant_id,
         'session_id', session_id, 'correlation_id', correlation_id, 'causation_id', causation_id,
         'occurred_at', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'payload', payload) as envelope
       from events where type = 'ActionStateChanged'`,
    );
    assert.ok((events.rowCount ?? 0) >= 2);
    for (const row of events.rows) parseEvent(row.envelope);
  });

  it('never hands one action to two concurrent claimers (SKIP LOCKED)', async () => {
    const batches = await Promise.all(Array.from({ length: 4 }, (_, i) => claim(`c${i}`, 50)));
    const ids = batches.flat().map((row) => row.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, 200);
  });

  it('reclaims an expired lease and flags it for reconciliation', async () => {
    const tenant = await seedTenant(test.db, 'Crashy');
    await enqueue(test.db, tenant, 'create_pos_order', 'C-1');
    const first = await claim('doomed', 1000, 200, [big.tenantId]);
    const mine = first.find((row) => row.tenant_id === tenant.tenantId);
    assert.ok(mine);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await claim('rescuer', 1000, 60_000, [big.tenantId]);
    const rescued = again.find((row) => row.id === mine.id);
    assert.ok(rescued, 'the expired lease is claimed again');
    assert.equal(rescued.previous_status, 'DISPATCHED');
    assert.equal(rescued.lease_expired, true);
    assert.equal(rescued.attempt, 2);
  });

  it('skips tenants it is told to (an open circuit defers, it does not fail)', async () => {
    const rows = await claim('w-skip', 20, 60_000, [big.tenantId]);
    assert.ok(rows.every((row) => row.tenant_id !== big.tenantId));
  });

  it('cannot be called by PUBLIC, and a non-superuser owner under FORCE RLS claims through its policy', async () => {
    const acl = await test.owner.query<{ ok: boolean }>(
      `select has_function_privilege('public', 'claim_actions(text,text,integer,integer,uuid[])', 'execute') as ok`,
    );
    assert.equal(acl.rows[0]?.ok, false);
    const granted = await test.owner.query<{ ok: boolean }>(
      `select has_function_privilege($1, 'claim_actions(text,text,integer,integer,uuid[])', 'execute') as ok`,
      [appRole],
    );
    assert.equal(granted.rows[0]?.ok, true);
    const policy = await test.owner.query<{ roles: string[] }>(
      `select roles::text[] as roles from pg_policies where tablename = 'actions' and policyname = 'dispatcher_claim'`,
    );
    assert.equal(policy.rowCount, 1);
    // The app role setting the variable itself still sees nothing: the policy is not its own.
    const sneaky = await test.db.withoutTenant(async (tx) => {
      await tx.query(`select set_config('voxeron.dispatcher_claim', 'on', true)`);
      return tx.query('select 1 from actions');
    });
    assert.equal(sneaky.rowCount, 0);
  });

  it('rejects bad arguments', async () => {
    await assert.rejects(
      test.db.withoutTenant((tx) => tx.query(`select * from claim_actions('nope', 'w', 1, 1000)`)),
      (error: pg.DatabaseError) => error.code === '22023',
    );
  });

  // Last: it hands the function to a non-superuser owner for the rest of this database's life.
  it('works for a non-superuser owner under FORCE RLS only through the dispatcher_claim policy', async () => {
    const role = `vx_claim_owner_${test.name.slice(-12)}`;
    await test.owner.query(`create role ${role} nologin nosuperuser nobypassrls`);
    try {
      await test.owner.query(`grant usage on schema public to ${role}`);
      await test.owner.query(`grant select, update on actions to ${role}`);
      await test.owner.query(`grant select, insert on events to ${role}`);
      await test.owner.query(`grant select, insert, update on event_streams to ${role}`);
      for (const table of ['actions', 'events', 'event_streams']) {
        await test.owner.query(`alter policy dispatcher_claim on ${table} to ${role}`);
      }
      await test.owner.query(
        `alter function claim_actions(text,text,integer,integer,uuid[]) owner to ${role}`,
      );
      const direct = await test.owner.connect();
      try {
        await direct.query(`set role ${role}`);
        const seen = await direct.query('select 1 from actions');
        assert.equal(seen.rowCount, 0, 'outside the function the owner role sees nothing');
        await direct.query('reset role');
      } finally {
        direct.release();
      }
      const tenant = await seedTenant(test.db, 'Late Tenant');
      await enqueue(test.db, tenant, 'create_pos_order', 'L-1');
      const rows = await claim('w-owner', 5, 60_000, [big.tenantId]);
      const mine = rows.find((row) => row.tenant_id === tenant.tenantId);
      assert.ok(mine);
      const events = await test.db.withTenant(tenant.tenantId, (tx) =>
        tx.query(`select type, payload from events where payload->>'action_id' = $1`, [mine.id]),
      );
      assert.equal(events.rowCount, 1, 'the claim recorded its ActionStateChanged');
    } finally {
      await test.owner.query(
        `alter function claim_actions(text,text,integer,integer,uuid[]) owner to current_user`,
      );
      for (const table of ['actions', 'events', 'event_streams']) {
        await test.owner.query(`alter policy dispatcher_claim on ${table} to current_user`);
      }
      await test.owner.query(`drop owned by ${role}`);
      await test.owner.query(`drop role ${role}`);
    }
  });
});
