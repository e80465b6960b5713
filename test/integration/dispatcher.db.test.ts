import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { claimBatch } from '../../src/integration/dispatcher/claim-batch.ts';
import { isLeaseLost, recordSuccess } from '../../src/integration/dispatcher/record-outcome.ts';
import {
  startDispatcher,
  type RunningDispatcher,
  type StartDispatcherOptions,
} from '../../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets } from '../../src/integration/targets/action-target.ts';
import { ConsolePosTarget } from '../../src/integration/targets/console-pos-target.ts';
import { EdgePrintQueueTarget } from '../../src/integration/targets/edge-print-queue-target.ts';
import type { HttpFault } from '../../src/integration/targets/testing/http-faults.ts';
import { ScriptedPosTarget } from '../../src/integration/targets/testing/scripted-pos-target.ts';
import { silentLogger } from '../../src/platform/log/index.ts';
import { newId } from '../../src/platform/ids.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, seedTenant, type SeededTenant } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';

let test: TestDatabase;

/** Faults for one key's successive calls only: leftovers of other tests get none. */
const forKey =
  (key: string, ...faults: HttpFault[]) =>
  ({ n, idempotencyKey }: { n: number; idempotencyKey: string }): HttpFault =>
    idempotencyKey === key ? (faults[n] ?? 'none') : 'none';
let running: RunningDispatcher[] = [];
let n = 0;
const ref = () => `D-${++n}`;

const fastRetries = {
  create_pos_order: { initialDelayMs: 20, maxDelayMs: 50, attemptTimeoutMs: 2000 },
  dispatch_printer_ticket: { initialDelayMs: 20, maxDelayMs: 50, attemptTimeoutMs: 2000 },
};

function start(options: Partial<StartDispatcherOptions> & Pick<StartDispatcherOptions, 'targets'>) {
  const dispatcher = startDispatcher({
    db: test.db,
    logger: silentLogger,
    pollIntervalMs: 50,
    retrySchedules: fastRetries,
    queues: ['pos', 'printer'],
    ...options,
  });
  running.push(dispatcher);
  return dispatcher;
}

async function actionRow(tenant: SeededTenant, id: string) {
  return test.db.withTenant(tenant.tenantId, async (tx) => {
    const row = await tx.query<{
      status: string;
      attempt: number;
      last_error: { code: string } | null;
      result: unknown;
    }>('select status, attempt, last_error, result from actions where id = $1', [id]);
    return row.rows[0]!;
  });
}

async function eventsOf(tenant: SeededTenant, actionId: string) {
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

async function settled(tenant: SeededTenant, id: string, status: string, timeoutMs = 10_000) {
  return waitFor(
    `action ${id} to be ${status}`,
    async () => {
      const row = await actionRow(tenant, id);
      return row.status === status && row;
    },
    timeoutMs,
  );
}

before(async () => {
  test = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(running.map((dispatcher) => dispatcher.stop()));
  running = [];
});
after(async () => {
  await test.close();
});

describe('dispatcher', () => {
  it('stops when told to stop at once, while its LISTEN connection is still being opened', async () => {
    // `voxeron start` does this when the HTTP port turns out to be taken: a stop that came
    // before the LISTEN connection was up used to wait for it forever.
    const dispatcher = start({ targets: staticTargets({}) });
    const stoppedInTime = await Promise.race([
      dispatcher.stop().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 20_000).unref()),
    ]);
    assert.equal(stoppedInTime, true, 'stop() returned');
  });

  it('writes an order to the console POS: SUCCEEDED, with its state events and OrderCreated in order', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    start({ targets: staticTargets({ create_pos_order: new ConsolePosTarget(test.db) }) });
    await settled(tenant, action.id, 'SUCCEEDED');
    assert.deepEqual(await eventsOf(tenant, action.id), [
      'dispatch→DISPATCHED',
      'succeed→SUCCEEDED',
      'OrderCreated',
    ]);
    const orders = await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query('select 1 from pos_orders where idempotency_key = $1', [action.idempotencyKey]),
    );
    assert.equal(orders.rowCount, 1);
  });

  it('retries a retryable failure with backoff and sends the same idempotency key each time', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    const pos = new ScriptedPosTarget({
      faults: forKey(action.idempotencyKey, 'unavailable', 'rate_limited'),
      retryAfterMs: 30,
    });
    start({ targets: staticTargets({ create_pos_order: pos }) });
    const row = await settled(tenant, action.id, 'SUCCEEDED');
    assert.equal(row.attempt, 3);
    assert.equal(pos.callsByKey.get(action.idempotencyKey), 3);
    assert.deepEqual(await eventsOf(tenant, action.id), [
      'dispatch→DISPATCHED',
      'fail→FAILED',
      'schedule_retry→RETRYING',
      'OrderWritebackFailed',
      'dispatch→DISPATCHED',
      'fail→FAILED',
      'schedule_retry→RETRYING',
      'OrderWritebackFailed',
      'dispatch→DISPATCHED',
      'succeed→SUCCEEDED',
      'OrderCreated',
    ]);
  });

  it('dead-letters a permanent refusal at once (410), without retrying', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    const pos = new ScriptedPosTarget({ faults: forKey(action.idempotencyKey, 'gone') });
    start({ targets: staticTargets({ create_pos_order: pos }) });
    const row = await settled(tenant, action.id, 'DEAD_LETTER');
    assert.equal(row.attempt, 1);
    assert.equal(row.last_error?.code, 'http_410');
  });

  it('reconciles after a 500-after-commit instead of resending: one order at a POS without idempotency', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    const pos = new ScriptedPosTarget({
      honoursIdempotencyKey: false,
      faults: forKey(action.idempotencyKey, 'error_after_commit'),
    });
    start({ targets: staticTargets({ create_pos_order: pos }) });
    await settled(tenant, action.id, 'SUCCEEDED');
    assert.equal(pos.effects.get(action.idempotencyKey), 1);
    assert.equal(pos.callsByKey.get(action.idempotencyKey), 1, 'found by reconcile, not resent');
  });

  it("refuses a zombie's outcome once its lease was taken over", async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    const [zombie] = await claimBatch(test.db, {
      queue: 'pos',
      workerId: 'zombie',
      limit: 1,
      leaseMs: 100,
      skipTenants: [],
    });
    assert.equal(zombie?.id, action.id);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [rescuer] = await claimBatch(test.db, {
      queue: 'pos',
      workerId: 'rescuer',
      limit: 1,
      leaseMs: 60_000,
      skipTenants: [],
    });
    assert.equal(rescuer?.id, action.id);
    assert.equal(rescuer?.leaseExpired, true);
    await assert.rejects(
      recordSuccess(test.db, zombie!, undefined, { status: 'accepted' }),
      isLeaseLost,
    );
    const row = await actionRow(tenant, action.id);
    assert.equal(row.status, 'DISPATCHED');
    assert.equal(row.attempt, 2);
    assert.deepEqual(await eventsOf(tenant, action.id), [
      'dispatch→DISPATCHED',
      'fail→FAILED',
      'schedule_retry→RETRYING',
      'dispatch→DISPATCHED',
    ]);
  });

  it('keeps queues apart: a printer ticket goes out while both POS slots hang', async () => {
    const tenant = await seedTenant(test.db);
    await test.db.withTenant(tenant.tenantId, (tx) =>
      tx.query(
        `insert into edge_devices (tenant_id, id, location_id, name, status) values ($1, $2, $3, 'pi', 'enrolled')`,
        [tenant.tenantId, newId(), tenant.locationId],
      ),
    );
    // Ordered by events, not by the clock: the POS calls never answer until the dispatcher
    // stops, so the ticket can only succeed if the printer queue does not wait for them.
    const hungPos = new ScriptedPosTarget({ faults: () => 'hang' });
    const orders = await Promise.all(
      [1, 2, 3, 4].map(() => enqueue(test.db, tenant, 'create_pos_order', ref())),
    );
    start({
      targets: staticTargets({
        create_pos_order: hungPos,
        dispatch_printer_ticket: new EdgePrintQueueTarget(test.db),
      }),
      retrySchedules: {
        create_pos_order: { attemptTimeoutMs: 120_000 },
      },
      queueSettings: { pos: { concurrency: 2 } },
      drainTimeoutMs: 100,
    });
    await waitFor('the POS calls to start', async () => hungPos.callsByKey.size === 2);
    const ticket = await enqueue(test.db, tenant, 'dispatch_printer_ticket', ref());
    await settled(tenant, ticket.id, 'SUCCEEDED', 30_000);
    assert.equal(hungPos.effects.size, 0, 'no POS call has answered yet');
    assert.equal(hungPos.callsByKey.size, 2, 'POS concurrency is 2');
    const pending = await Promise.all(orders.map((order) => actionRow(tenant, order.id)));
    assert.equal(pending.filter((row) => row.status === 'PENDING').length, 2);
  });

  it('fills every slot when work arrives one action at a time (no slot idles behind a slow call)', async () => {
    const tenant = await seedTenant(test.db);
    const others = (
      await test.owner.query<{ id: string }>('select id::text from tenants where id <> $1', [
        tenant.tenantId,
      ])
    ).rows.map((row) => row.id);
    const hungPos = new ScriptedPosTarget({ faults: () => 'hang' });
    start({
      targets: staticTargets({ create_pos_order: hungPos }),
      retrySchedules: { create_pos_order: { attemptTimeoutMs: 120_000 } },
      queueSettings: { pos: { concurrency: 4 } },
      // Only this tenant's actions take slots (earlier tests leave hung ones of others).
      pausedTenants: () => others,
      drainTimeoutMs: 100,
    });
    // Earlier tests leave hung actions of other tenants behind: count this tenant's calls only.
    const keys: string[] = [];
    const started = () => keys.filter((key) => hungPos.callsByKey.has(key)).length;
    for (let i = 0; i < 4; i++) {
      keys.push((await enqueue(test.db, tenant, 'create_pos_order', ref())).idempotencyKey);
      await waitFor(`call ${i + 1} to start`, async () => started() === i + 1);
    }
  });

  it('never lets a call outlive its lease: a slow POS is cut off in time, no other worker takes over', async () => {
    const tenant = await seedTenant(test.db);
    const slowPos = new ScriptedPosTarget({ latencyMs: 5000 });
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    start({
      targets: staticTargets({ create_pos_order: slowPos }),
      retrySchedules: {
        create_pos_order: { attemptTimeoutMs: 10_000, initialDelayMs: 60_000, maxDelayMs: 60_000 },
      },
      // Well short of the POS's 5 s, yet long enough that a loaded machine (CI, 2 cores) still
      // records the cut-off before the lease runs out; at 1 s a slow run was taken over.
      leaseMs: 2000,
    });
    const row = await settled(tenant, action.id, 'RETRYING', 10_000);
    assert.equal(row.attempt, 1);
    assert.equal(row.last_error?.code, 'outcome_unknown', JSON.stringify(row.last_error));
    assert.deepEqual(await eventsOf(tenant, action.id), [
      'dispatch→DISPATCHED',
      'fail→FAILED',
      'schedule_retry→RETRYING',
      'OrderWritebackFailed',
    ]);
  });

  it('never dead-letters because reconciliation failed: the outcome stays unknown until the POS answers', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    // 1: 503 (nothing written); 2: 410 — giving up, but the POS cannot be asked (lookup 503);
    // 3: asks first (not found), sends, succeeds.
    const pos = new ScriptedPosTarget({
      faults: forKey(action.idempotencyKey, 'unavailable', 'gone'),
      failingLookups: 1,
    });
    start({ targets: staticTargets({ create_pos_order: pos }) });
    const row = await settled(tenant, action.id, 'SUCCEEDED');
    assert.equal(row.attempt, 3);
    assert.equal(pos.lookups, 2);
    assert.equal(pos.effects.get(action.idempotencyKey), 1);
    const moves = await eventsOf(tenant, action.id);
    assert.ok(!moves.includes('give_up→DEAD_LETTER'), moves.join(', '));
  });

  it('asks again before dead-lettering: a request cut off by the timeout that lands late is found, not lost', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref(), { maxAttempts: 1 });
    // The only attempt hangs and is cut off at 200 ms; the POS reads it 300 ms later, after
    // the immediate question ("no such order") was answered.
    const pos = new ScriptedPosTarget({
      faults: forKey(action.idempotencyKey, 'hang'),
      hangLandsLateAfterMs: 300,
    });
    start({
      targets: staticTargets({ create_pos_order: pos }),
      retrySchedules: {
        create_pos_order: { attemptTimeoutMs: 200, confirmNoEffectAfterMs: 1000 },
      },
    });
    const row = await settled(tenant, action.id, 'SUCCEEDED');
    assert.equal(pos.effects.get(action.idempotencyKey), 1);
    assert.equal(pos.callsByKey.get(action.idempotencyKey), 1, 'found, never resent');
    assert.equal(pos.lookups, 2, 'asked at once, then again a second later');
    assert.equal(row.attempt, 2);
    const moves = await eventsOf(tenant, action.id);
    assert.ok(!moves.includes('give_up→DEAD_LETTER'), moves.join(', '));
  });

  it('resends after a timeout only once the cut-off request has settled: one order at a POS that ignores keys', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    // Attempt 1 hangs, is cut off at 200 ms, and lands 300 ms later. Asked sooner, the POS
    // would say "no such order" and the resend would make a second one.
    const pos = new ScriptedPosTarget({
      honoursIdempotencyKey: false,
      faults: forKey(action.idempotencyKey, 'hang'),
      hangLandsLateAfterMs: 300,
    });
    start({
      targets: staticTargets({ create_pos_order: pos }),
      retrySchedules: {
        create_pos_order: {
          initialDelayMs: 20,
          maxDelayMs: 50,
          attemptTimeoutMs: 200,
          confirmNoEffectAfterMs: 1000,
        },
      },
    });
    const row = await settled(tenant, action.id, 'SUCCEEDED');
    assert.equal(row.attempt, 2);
    assert.equal(pos.callsByKey.get(action.idempotencyKey), 1, 'found by the question, not resent');
    assert.equal(pos.effects.get(action.idempotencyKey), 1);
  });

  it('dead-letters only when the second question, later, finds nothing either, with the first reason', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref(), { maxAttempts: 2 });
    const pos = new ScriptedPosTarget({
      faults: forKey(action.idempotencyKey, 'unavailable', 'gone'),
    });
    start({
      targets: staticTargets({ create_pos_order: pos }),
      retrySchedules: {
        create_pos_order: {
          initialDelayMs: 20,
          maxDelayMs: 50,
          attemptTimeoutMs: 2000,
          confirmNoEffectAfterMs: 300,
        },
      },
    });
    const confirming = await settled(tenant, action.id, 'RETRYING');
    const waiting = await waitFor(
      'the confirming state',
      async () => {
        const row = await actionRow(tenant, action.id);
        return row.last_error?.code === 'confirming_no_effect' && row;
      },
      10_000,
    );
    assert.ok(confirming);
    assert.equal(waiting.attempt, 2, 'recorded by the second attempt');
    const row = await settled(tenant, action.id, 'DEAD_LETTER');
    assert.equal(row.last_error?.code, 'http_410', 'the reason it died of, not the confirmation');
    assert.equal(row.attempt, 3, 'one more claim, which only asked');
    assert.equal(pos.callsByKey.get(action.idempotencyKey), 2, 'never sent a third time');
    assert.equal(pos.lookups, 2);
    assert.equal(pos.effects.get(action.idempotencyKey), undefined);
  });

  it('opens the circuit per tenant × queue, defers (not fails) that tenant, and exports the gauge', async () => {
    const sick = await seedTenant(test.db, 'Sick POS');
    const healthy = await seedTenant(test.db, 'Healthy POS');
    const sickPos = new ScriptedPosTarget({ faults: () => 'unavailable' });
    const goodPos = new ScriptedPosTarget();
    const registry = new Registry();
    const dispatcher = start({
      metrics: registry,
      breaker: { failureThreshold: 2, openMs: 60_000 },
      targets: {
        targetFor: (tenantId) => (tenantId === sick.tenantId ? sickPos : goodPos) as never,
      },
    });
    const first = await enqueue(test.db, sick, 'create_pos_order', ref());
    await waitFor(
      'the circuit to open',
      async () => dispatcher.circuitState('pos', sick.tenantId) === 'open',
    );
    const deferred = await enqueue(test.db, sick, 'create_pos_order', ref());
    const fine = await enqueue(test.db, healthy, 'create_pos_order', ref());
    await settled(healthy, fine.id, 'SUCCEEDED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const untouched = await actionRow(sick, deferred.id);
    assert.deepEqual([untouched.status, untouched.attempt], ['PENDING', 0]);
    assert.equal((await actionRow(sick, first.id)).status, 'RETRYING');
    const gauge = await registry.getSingleMetric('voxeron_circuit_state')!.get();
    const value = gauge.values.find(
      (v) => v.labels.tenant === sick.tenantId && v.labels.queue === 'pos',
    );
    assert.equal(value?.value, 2);
    assert.equal(dispatcher.circuitState('pos', healthy.tenantId), 'closed');
  });

  it('stops gracefully: a hung call is interrupted after the drain timeout and left to reconcile', async () => {
    const tenant = await seedTenant(test.db);
    const action = await enqueue(test.db, tenant, 'create_pos_order', ref());
    const pos = new ScriptedPosTarget({
      faults: forKey(action.idempotencyKey, 'hang_after_commit'),
    });
    const dispatcher = start({
      targets: staticTargets({ create_pos_order: pos }),
      drainTimeoutMs: 200,
      retrySchedules: {
        create_pos_order: { attemptTimeoutMs: 30_000, confirmNoEffectAfterMs: 300 },
      },
    });
    await waitFor('the call to hang', async () => pos.callsByKey.has(action.idempotencyKey));
    const stopStarted = Date.now();
    await dispatcher.stop();
    assert.ok(Date.now() - stopStarted < 5000, 'the stop is bounded');
    const row = await actionRow(tenant, action.id);
    assert.equal(row.status, 'RETRYING');
    assert.equal(row.last_error?.code, 'outcome_unknown', JSON.stringify(row.last_error));
    // The next dispatcher reconciles and finds the committed order: no second call.
    start({ targets: staticTargets({ create_pos_order: pos }) });
    await settled(tenant, action.id, 'SUCCEEDED');
    assert.equal(pos.callsByKey.get(action.idempotencyKey), 1);
    assert.equal(pos.effects.get(action.idempotencyKey), 1);
  });
});
