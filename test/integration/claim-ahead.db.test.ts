import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claimBatch } from '../../src/integration/dispatcher/claim-batch.ts';
import { mustReconcileFirst } from '../../src/integration/dispatcher/claimed-action.ts';
import { handBackAction, notStartedCode } from '../../src/integration/dispatcher/hand-back.ts';
import { startDispatcher } from '../../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets, type ActionTarget } from '../../src/integration/targets/action-target.ts';
import { ConsolePosTarget } from '../../src/integration/targets/console-pos-target.ts';
import { silentLogger } from '../../src/platform/log/index.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, enqueueManyOrders, seedTenant, type SeededTenant } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';

let test: TestDatabase;
let n = 0;
const ref = () => `CA-${++n}`;

before(async () => {
  test = await createTestDatabase();
});
after(async () => {
  await test.close();
});

async function row(tenant: SeededTenant, id: string) {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const found = await tx.query<{
      status: string;
      attempt: number;
      locked_by: string | null;
      last_error: { code: string } | null;
    }>('select status, attempt, locked_by, last_error from actions where id = $1', [id]);
    return found.rows[0]!;
  });
}

async function moves(tenant: SeededTenant, actionId: string) {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const rows = await tx.query<{ payload: { event: string; to: string } }>(
      `select payload from events where type = 'ActionStateChanged' and payload->>'action_id' = $1 order by seq`,
      [actionId],
    );
    return rows.rows.map(({ payload }) => `${payload.event}→${payload.to}`);
  });
}

describe('claiming ahead (ADR 0016)', () => {
  it('hands an unstarted action back as RETRYING, due at once, every move an event', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    const [held] = await claimBatch(test.db, {
      queue: 'pos',
      workerId: 'w-ahead',
      limit: 1,
      leaseMs: 60_000,
      skipTenants: [],
    });
    assert.equal(held?.id, action.id);
    await handBackAction(test.db, held, 'stopping', AbortSignal.timeout(10_000));
    const after = await row(tenant, action.id);
    assert.equal(after.status, 'RETRYING');
    assert.equal(after.locked_by, null);
    assert.equal(after.last_error?.code, notStartedCode);
    assert.deepEqual(await moves(tenant, action.id), [
      'dispatch→DISPATCHED',
      'fail→FAILED',
      'schedule_retry→RETRYING',
    ]);
    // Due at once: the next claim takes it, and it need not reconcile (nothing was sent).
    const [again] = await claimBatch(test.db, {
      queue: 'pos',
      workerId: 'w-next',
      limit: 1,
      leaseMs: 60_000,
      skipTenants: [],
    });
    assert.equal(again?.id, action.id);
    assert.equal(mustReconcileFirst(again), false);
  });

  it('keeps an earlier unknown outcome unknown: the next attempt still reconciles first', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    const claim = (workerId: string, leaseMs: number) =>
      claimBatch(test.db, { queue: 'pos', workerId, limit: 1, leaseMs, skipTenants: [] });
    await claim('w-died', 100);
    // The first worker "died" mid-call: its lease runs out and the next claim takes over.
    const taken = await waitFor('the lease to expire and be taken over', async () => {
      const [next] = await claim('w-ahead', 60_000);
      return next;
    });
    assert.equal(taken.leaseExpired, true);
    await handBackAction(test.db, taken, 'waited_too_long', AbortSignal.timeout(10_000));
    assert.equal((await row(tenant, action.id)).last_error?.code, 'outcome_unknown');
    const [again] = await claim('w-next', 60_000);
    assert.equal(again?.id, action.id);
    assert.equal(mustReconcileFirst(again), true);
  });

  it('loses nothing when a dispatcher holding actions ahead stops: one order per key', async () => {
    const tenant = await seedTenant(test.db);
    const count = 120;
    await enqueueManyOrders(test.db, tenant, count, ref());
    const pos = new ConsolePosTarget(test.db);
    let calls = 0;
    // After 10 quick calls the next ones hold their slots until released, so that the worker,
    // knowing calls are quick, fills its buffer ahead while every slot is busy.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const counted: ActionTarget<'create_pos_order'> = {
      actionType: 'create_pos_order',
      name: 'counted-console-pos',
      execute: async (payload, context) => {
        calls += 1;
        if (calls > 10) await gate;
        return pos.execute(payload, context);
      },
      reconcile: (payload, context) => pos.reconcile(payload, context),
    };
    const options = {
      db: test.db,
      logger: silentLogger,
      queues: ['pos'] as const,
      pollIntervalMs: 50,
      queueSettings: { pos: { concurrency: 4, prefetch: 8 } },
      targets: staticTargets({ create_pos_order: counted }),
    };
    let handedBack = 0;
    const first = startDispatcher({
      ...options,
      queues: [...options.queues],
      onAttempt: (_queue, outcome) => {
        if (outcome === 'deferred') handedBack += 1;
      },
    });
    // 4 calls held in their slots and more claimed ahead of them.
    // Only once the 10 quick calls are recorded and all 4 slots hold a call does "more than 4
    // DISPATCHED" mean actions wait in the buffer; before that, a quick call being recorded counts.
    await waitFor('actions claimed ahead of the busy slots', async () => {
      if (calls < 14) return false;
      const rows = await test.db.withTenant(tenant.tenantId, (tx) =>
        tx.query<{ status: string; n: string }>(
          `select status, count(*)::text as n from actions where status in ('DISPATCHED', 'SUCCEEDED') group by status`,
        ),
      );
      const byStatus = Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
      return byStatus.SUCCEEDED === 10 && (byStatus.DISPATCHED ?? 0) > 4;
    });
    const stopping = first.stop();
    release();
    await stopping;
    assert.ok(handedBack > 0, 'the actions claimed ahead were handed back unstarted');
    const second = startDispatcher({ ...options, queues: [...options.queues] });
    try {
      const states = await waitFor(
        'every action to succeed',
        async () => {
          const rows = await test.db.withTenant(tenant.tenantId, (tx) =>
            tx.query<{ status: string; n: string }>(
              `select status, count(*)::text as n from actions where type = 'create_pos_order' group by status`,
            ),
          );
          const byStatus = Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
          return byStatus.SUCCEEDED === count && byStatus;
        },
        60_000,
      );
      assert.deepEqual(states, { SUCCEEDED: count });
    } finally {
      await second.stop();
    }
    const orders = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query<{ n: string; keys: string }>(
        `select count(*)::text as n, count(distinct idempotency_key)::text as keys from pos_orders`,
      ),
    );
    assert.equal(Number(orders.rows[0]!.keys), count, 'an order for every key');
    assert.equal(Number(orders.rows[0]!.n), count, 'exactly one order per key');
    // Whatever was handed back carries its moves: FAILED then RETRYING, never a dead letter.
    const dead = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query(
        `select 1 from events where type = 'ActionStateChanged' and payload->>'to' = 'DEAD_LETTER'`,
      ),
    );
    assert.equal(dead.rowCount, 0);
  });
});
