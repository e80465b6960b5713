import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimBatch } from '../../src/integration/dispatcher/claim-batch.ts';
import type { ClaimedAction } from '../../src/integration/dispatcher/claimed-action.ts';
import { isLeaseLost } from '../../src/integration/dispatcher/record-outcome.ts';
import { SuccessBatcher } from '../../src/integration/dispatcher/success-batch.ts';
import { parseTargetInput } from '../../src/integration/targets/target-contracts.ts';
import { newId } from '../../src/platform/ids.ts';
import { newWebhookSecret } from '../../src/platform/webhooks/standard-webhooks.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, seedTenant, type SeededTenant } from './support/seed.ts';

let test: TestDatabase;

before(async () => {
  test = await createTestDatabase();
});
after(async () => {
  await test.close();
});

async function claimAll(count: number, workerId = 'batch-worker'): Promise<ClaimedAction[]> {
  const claimed: ClaimedAction[] = [];
  while (claimed.length < count) {
    const batch = await claimBatch(test.db, {
      queue: 'pos',
      workerId,
      limit: count - claimed.length,
      leaseMs: 60_000,
      skipTenants: [],
    });
    assert.ok(batch.length > 0, 'ready actions to claim');
    claimed.push(...batch);
  }
  return claimed;
}

function accepted(action: ClaimedAction) {
  const draft = parseTargetInput('create_pos_order', action.payload) as { order_reference: string };
  return {
    status: 'accepted',
    order_reference: draft.order_reference,
    pos_order_id: `POS-${action.id.slice(0, 8)}`,
    estimated_ready_at: null,
  };
}

async function eventsOf(tenant: SeededTenant, actionId: string): Promise<string[]> {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const rows = await tx.query<{ type: string; payload: Record<string, unknown> }>(
      `select type, payload from events where payload->>'action_id' = $1 order by seq`,
      [actionId],
    );
    return rows.rows.map((row) =>
      row.type === 'ActionStateChanged'
        ? `${String(row.payload.event)}→${String(row.payload.to)}`
        : row.type,
    );
  });
}

async function statusOf(tenant: SeededTenant, actionId: string): Promise<string> {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const row = await tx.query<{ status: string }>('select status from actions where id = $1', [
      actionId,
    ]);
    return row.rows[0]!.status;
  });
}

describe('successes recorded in batches (record_successes)', () => {
  it('writes the successes of several tenants in one batch, each with its events in order', async () => {
    const tenants = [await seedTenant(test.db, 'Batch A'), await seedTenant(test.db, 'Batch B')];
    const byTenant = new Map(tenants.map((tenant) => [tenant.tenantId, tenant]));
    for (const tenant of tenants) {
      for (let i = 0; i < 3; i++) await enqueue(test.db, tenant, 'create_pos_order', `SB-${i}`);
    }
    const claimed = await claimAll(6);
    const batcher = new SuccessBatcher({ db: test.db, recordTimeoutMs: 10_000 });
    await Promise.all(
      claimed.map((action) =>
        batcher.record(
          action,
          parseTargetInput('create_pos_order', action.payload),
          accepted(action),
        ),
      ),
    );
    for (const action of claimed) {
      const tenant = byTenant.get(action.tenantId)!;
      assert.equal(await statusOf(tenant, action.id), 'SUCCEEDED');
      assert.deepEqual(await eventsOf(tenant, action.id), [
        'dispatch→DISPATCHED',
        'succeed→SUCCEEDED',
        'OrderCreated',
      ]);
    }
    // Positions stay gapless per tenant however the batch interleaved them.
    for (const tenant of tenants) {
      const seqs = await test.db.withTenant(tenant.tenantId, async (tx) =>
        (await tx.query<{ seq: string }>('select seq from events order by seq')).rows.map((row) =>
          Number(row.seq),
        ),
      );
      assert.deepEqual(
        seqs,
        seqs.map((_, index) => index + 1),
      );
    }
  });

  it('rejects only the action whose lease was lost; the rest of its batch commits', async () => {
    const tenant = await seedTenant(test.db, 'Batch lease');
    for (let i = 0; i < 3; i++) await enqueue(test.db, tenant, 'create_pos_order', `LL-${i}`);
    const [lost, ...kept] = await claimAll(3);
    // Another worker took the first one over (its lease expired): this worker's copy is stale.
    await test.owner.query(`update actions set locked_by = 'rescuer' where id = $1`, [lost!.id]);
    const batcher = new SuccessBatcher({ db: test.db, recordTimeoutMs: 10_000 });
    const outcomes = await Promise.allSettled(
      [lost!, ...kept].map((action) =>
        batcher.record(
          action,
          parseTargetInput('create_pos_order', action.payload),
          accepted(action),
        ),
      ),
    );
    assert.equal(outcomes[0]!.status, 'rejected');
    assert.ok(isLeaseLost((outcomes[0] as PromiseRejectedResult).reason));
    assert.deepEqual(
      outcomes.slice(1).map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled'],
    );
    assert.equal(await statusOf(tenant, lost!.id), 'DISPATCHED');
    assert.deepEqual(
      await eventsOf(tenant, lost!.id),
      ['dispatch→DISPATCHED'],
      'nothing of it written',
    );
    for (const action of kept) assert.equal(await statusOf(tenant, action.id), 'SUCCEEDED');
  });

  it('enqueues the webhook deliveries of subscribed endpoints in the same transaction', async () => {
    const tenant = await seedTenant(test.db, 'Batch hooks');
    const endpointId = newId();
    await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query(
        `insert into webhook_endpoints (tenant_id, id, url, event_types, secret) values ($1, $2, $3, $4, $5)`,
        [
          tenant.tenantId,
          endpointId,
          'https://receiver.example/hook',
          ['OrderCreated'],
          newWebhookSecret(),
        ],
      ),
    );
    await enqueue(test.db, tenant, 'create_pos_order', 'WH-1');
    const [action] = await claimAll(1);
    const batcher = new SuccessBatcher({ db: test.db, recordTimeoutMs: 10_000 });
    await batcher.record(
      action!,
      parseTargetInput('create_pos_order', action!.payload),
      accepted(action!),
    );
    const deliveries = await test.db.withTenant(
      tenant.tenantId,
      async (tx) =>
        (
          await tx.query<{ endpoint_id: string; event_type: string }>(
            `select payload->>'endpoint_id' as endpoint_id, payload->>'event_type' as event_type
           from actions where type = 'webhook'`,
          )
        ).rows,
    );
    assert.deepEqual(deliveries, [{ endpoint_id: endpointId, event_type: 'OrderCreated' }]);
  });

  it('an outcome whose events break their contract fails alone; its batch commits', async () => {
    const tenant = await seedTenant(test.db, 'Batch fails');
    for (let i = 0; i < 2; i++) await enqueue(test.db, tenant, 'create_pos_order', `BF-${i}`);
    const [broken, fine] = await claimAll(2);
    const batcher = new SuccessBatcher({ db: test.db, recordTimeoutMs: 10_000 });
    const outcomes = await Promise.allSettled([
      // No order id: OrderCreated would break its contract.
      batcher.record(broken!, parseTargetInput('create_pos_order', broken!.payload), {
        status: 'accepted',
        pos_order_id: 42,
      }),
      batcher.record(fine!, parseTargetInput('create_pos_order', fine!.payload), accepted(fine!)),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['rejected', 'fulfilled'],
    );
    assert.equal(await statusOf(tenant, broken!.id), 'DISPATCHED');
    assert.deepEqual(await eventsOf(tenant, broken!.id), ['dispatch→DISPATCHED']);
    assert.equal(await statusOf(tenant, fine!.id), 'SUCCEEDED');
  });
});
