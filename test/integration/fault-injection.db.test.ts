/**
 * Thousands of POS write-backs through THREE dispatcher processes against a fake Square that
 * commits-then-fails, hangs, resets, rate-limits, answers 410 and garbage — and one dispatcher
 * is SIGKILLed mid-dispatch. Every action must end terminal, with exactly one order per key
 * and none lost. `VOXERON_TEST_FAULT_ACTIONS` sets the count (default 10,000: about 2.5 minutes on
 * two cores; each restaurant is its own Square location, as in production).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeSquareServer } from '../../src/integration/targets/testing/fake-square-server.ts';
import { randomFaults } from '../../src/integration/targets/testing/http-faults.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueueManyOrders, seedTenant } from './support/seed.ts';
import { waitFor } from './support/wait-for.ts';

const actionCount = Number(process.env.VOXERON_TEST_FAULT_ACTIONS ?? 10_000);
const tenantCount = 20;
const repoRoot = path.resolve(import.meta.dirname, '../..');

let test: TestDatabase;
let square: FakeSquareServer;
const children: ChildProcess[] = [];

function spawnDispatcher(workerId: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'test/integration/support/dispatcher-process.ts')],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        FAULT_APP_URL: test.appUrl,
        FAULT_SQUARE_URL: square.url,
        FAULT_WORKER_ID: workerId,
      },
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${workerId} exited early (${code})`)));
  });
}

async function statusCounts(): Promise<Record<string, number>> {
  const rows = await test.owner.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from actions group by status',
  );
  return Object.fromEntries(rows.rows.map((row) => [row.status, row.n]));
}

before(async () => {
  test = await createTestDatabase();
  square = new FakeSquareServer({
    retryAfterSeconds: 1,
    faults: randomFaults({
      error_after_commit: 0.03,
      unavailable: 0.02,
      hang_after_commit: 0.004,
      hang: 0.004,
      reset_after_commit: 0.02,
      reset: 0.01,
      rate_limited: 0.02,
      gone: 0.002,
      garbage_after_commit: 0.01,
    }),
  });
  await square.start();
});
after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await square.stop();
  await test.close();
});

/** Prints the history of every order at the fake Square whose action did not succeed. */
async function explainOrdersWithoutSuccess(): Promise<void> {
  const succeeded = await test.owner.query<{ key: string }>(
    `select idempotency_key as key from actions where status = 'SUCCEEDED'`,
  );
  const keys = new Set(succeeded.rows.map((row) => row.key));
  for (const [key, order] of square.orders) {
    if (keys.has(key)) continue;
    const action = await test.owner.query<{ id: string; status: string; attempt: number }>(
      `select id::text, status, attempt, last_error from actions where idempotency_key = $1`,
      [key],
    );
    const moves = await test.owner.query(
      `select occurred_at, payload->>'event' as event, payload->>'attempt' as attempt,
              payload->>'reason' as reason
       from events where type = 'ActionStateChanged' and payload->>'action_id' = $1 order by seq`,
      [action.rows[0]?.id ?? ''],
    );
    console.log(
      `order without a succeeded action: ${JSON.stringify(
        {
          key,
          orderCreatedAt: order.created_at,
          writes: square.writeLog.get(key),
          action: action.rows[0],
          moves: moves.rows,
        },
        null,
        2,
      )}`,
    );
  }
}

describe('fault injection: three dispatcher processes, one killed', () => {
  it(
    `delivers ${actionCount} actions: all terminal, one effect per key, none lost`,
    { timeout: 600_000 },
    async () => {
      const tenants = [];
      for (let i = 0; i < tenantCount; i++) tenants.push(await seedTenant(test.db, `Fault ${i}`));
      const perTenant = Math.ceil(actionCount / tenantCount);
      for (const [i, tenant] of tenants.entries()) {
        await enqueueManyOrders(test.db, tenant, perTenant, `F${i}`);
      }
      const total = perTenant * tenantCount;
      const startedMs = Date.now();
      const [victim] = await Promise.all(
        ['dispatcher-a', 'dispatcher-b', 'dispatcher-c'].map((id) => spawnDispatcher(id)),
      );

      // Kill one while it holds leases: SIGKILL, no goodbye.
      const heldAtKill = await waitFor(
        'dispatcher-a to hold leases after some progress',
        async () => {
          const done = (await statusCounts()).SUCCEEDED ?? 0;
          if (done < total / 5) return false;
          const held = await test.owner.query<{ n: number }>(
            `select count(*)::int as n from actions where status = 'DISPATCHED' and locked_by = 'dispatcher-a'`,
          );
          return held.rows[0]!.n > 0 && held.rows[0]!.n;
        },
        120_000,
        5,
      );
      victim!.kill('SIGKILL');

      const final = await waitFor(
        'every action to be terminal',
        async () => {
          const counts = await statusCounts();
          const terminal =
            (counts.SUCCEEDED ?? 0) + (counts.DEAD_LETTER ?? 0) + (counts.CANCELED ?? 0);
          return terminal === total && counts;
        },
        560_000,
        250,
      );
      const elapsedMs = Date.now() - startedMs;
      for (const child of children.slice(1)) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }

      // Exactly one Square order per succeeded action's reference; none for dead letters (410).
      const succeeded = await test.owner.query<{ reference: string }>(
        `select payload->>'order_reference' as reference from actions where status = 'SUCCEEDED'`,
      );
      const doubles = [...square.ordersByReference.values()].filter((count) => count > 1).length;
      const missing = succeeded.rows.filter(
        (row) => square.ordersByReference.get(row.reference) !== 1,
      );
      const deadCodes = await test.owner.query<{ code: string; n: number }>(
        `select last_error->>'code' as code, count(*)::int as n from actions where status = 'DEAD_LETTER' group by 1`,
      );
      const reclaimed = await test.owner.query<{ n: number }>(
        `select count(*)::int as n from events where type = 'ActionStateChanged' and payload->>'reason' like 'lease_expired%' and payload->>'event' = 'fail'`,
      );
      const retries = await test.owner.query<{ n: number }>(
        `select count(*)::int as n from events where type = 'ActionStateChanged' and payload->>'event' = 'schedule_retry'`,
      );
      // Actions a first "no such order" would have dead-lettered (ADR 0019), and how many of
      // them a request still in flight turned into an order before the second question.
      const confirmations = await test.owner.query<{ status: string; n: number }>(
        `select a.status, count(*)::int as n from actions a
         join (select distinct (payload->>'action_id')::uuid as id from events
               where type = 'ActionStateChanged' and payload->>'reason' like 'confirming_no_effect%') c
           on c.id = a.id
         group by 1`,
      );
      const figures = {
        actions: total,
        tenants: tenantCount,
        dispatcherProcesses: 3,
        killedMidDispatchHolding: heldAtKill,
        elapsedSeconds: Number((elapsedMs / 1000).toFixed(1)),
        actionsPerSecond: Math.round(total / (elapsedMs / 1000)),
        final,
        deadLetterCodes: Object.fromEntries(deadCodes.rows.map((row) => [row.code, row.n])),
        retriesScheduled: retries.rows[0]!.n,
        leasesTakenOver: reclaimed.rows[0]!.n,
        confirmedNoEffectThenEnded: Object.fromEntries(
          confirmations.rows.map((row) => [row.status, row.n]),
        ),
        squareWrites: [...square.writesByKey.values()].reduce((a, b) => a + b, 0),
        squareOrders: square.orders.size,
        faultsPlayed: Object.fromEntries(square.faultsPlayed),
        doubleEffects: doubles,
        succeededWithoutExactlyOneOrder: missing.length,
      };
      console.log(`fault injection figures: ${JSON.stringify(figures, null, 2)}`);
      await explainOrdersWithoutSuccess();

      assert.equal(
        (final.SUCCEEDED ?? 0) + (final.DEAD_LETTER ?? 0),
        total,
        'every action terminal, none lost',
      );
      assert.equal(doubles, 0, 'at most one effect per key');
      assert.equal(missing.length, 0, 'every success has exactly one order at the POS');
      assert.equal(square.orders.size, final.SUCCEEDED ?? 0, 'no order without a succeeded action');
      assert.ok(reclaimed.rows[0]!.n >= 1, "the killed dispatcher's leases were taken over");
      for (const row of deadCodes.rows) {
        assert.ok(
          ['http_410', 'outcome_unknown', 'unavailable', 'max_attempts_exceeded'].includes(
            row.code,
          ),
          `dead letter ${row.code}`,
        );
      }
    },
  );
});
