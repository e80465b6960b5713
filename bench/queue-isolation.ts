/**
 * Queue isolation benchmark (not a test): how long a kitchen ticket takes from commit to
 * SUCCEEDED (handed to the edge print queue) while every POS slot is held by a POS that takes
 * 10 s per call, next to the same with an idle POS queue — in one run, p50/p95/max and the ratio.
 * Usage: node --import tsx bench/queue-isolation.ts [tickets]
 */
import { startDispatcher } from '../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets } from '../src/integration/targets/action-target.ts';
import { EdgePrintQueueTarget } from '../src/integration/targets/edge-print-queue-target.ts';
import { ScriptedPosTarget } from '../src/integration/targets/testing/scripted-pos-target.ts';
import { Database } from '../src/platform/db/database.ts';
import { createAppPool } from '../src/platform/db/open-database.ts';
import { newId } from '../src/platform/ids.ts';
import { silentLogger } from '../src/platform/log/index.ts';
import { enqueue, seedTenant, type SeededTenant } from '../test/integration/support/seed.ts';
import { startBenchDatabase } from './support/bench-database.ts';

const tickets = Number(process.argv[2] ?? 40);
const posLatencyMs = 10_000;
const posConcurrency = 4;
const ticketEveryMs = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function statusOf(db: Database, tenant: SeededTenant, id: string): Promise<string> {
  return db.withTenant(tenant.tenantId, async (tx) => {
    const row = await tx.query<{ status: string }>('select status from actions where id = $1', [
      id,
    ]);
    return row.rows[0]!.status;
  });
}

/** Commit → SUCCEEDED of `tickets` printer tickets, one every `ticketEveryMs`, in ms. */
async function ticketLatencies(db: Database, tenant: SeededTenant, round: string) {
  const waits: Promise<number>[] = [];
  for (let i = 0; i < tickets; i++) {
    const ticket = await enqueue(db, tenant, 'dispatch_printer_ticket', `${round}-T${i}`);
    const committedAt = performance.now();
    waits.push(
      (async () => {
        while ((await statusOf(db, tenant, ticket.id)) !== 'SUCCEEDED') await sleep(2);
        return performance.now() - committedAt;
      })(),
    );
    await sleep(ticketEveryMs);
  }
  return Promise.all(waits);
}

async function main(): Promise<void> {
  const database = await startBenchDatabase('isolation');
  const db = new Database(createAppPool(database.appUrl, 20));
  try {
    const tenant = await seedTenant(db, 'Isolation Kitchen');
    await db.withTenant(tenant.tenantId, (tx) =>
      tx.query(
        `insert into edge_devices (tenant_id, id, location_id, name, status) values ($1, $2, $3, 'pi', 'enrolled')`,
        [tenant.tenantId, newId(), tenant.locationId],
      ),
    );
    const slowPos = new ScriptedPosTarget({ latencyMs: posLatencyMs });
    const dispatcher = startDispatcher({
      db,
      logger: silentLogger,
      queues: ['pos', 'printer'],
      queueSettings: { pos: { concurrency: posConcurrency } },
      retrySchedules: { create_pos_order: { attemptTimeoutMs: 3 * posLatencyMs } },
      targets: staticTargets({
        create_pos_order: slowPos,
        dispatch_printer_ticket: new EdgePrintQueueTarget(db),
      }),
      drainTimeoutMs: 100,
    });
    try {
      const idle = await ticketLatencies(db, tenant, 'IDLE');
      for (let i = 0; i < posConcurrency * 3; i++) {
        await enqueue(db, tenant, 'create_pos_order', `SLOW-${i}`);
      }
      while (slowPos.callsByKey.size < posConcurrency) await sleep(5);
      const busySince = performance.now();
      const busy = await ticketLatencies(db, tenant, 'BUSY');
      const busyForMs = performance.now() - busySince;
      const posAnswered = [...slowPos.effects.values()].reduce((sum, n) => sum + n, 0);
      const line = (name: string, values: readonly number[]) =>
        `| ${name} | ${percentile(values, 50).toFixed(1)} | ${percentile(values, 95).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`;
      console.log(
        `\nqueue isolation: ${tickets} printer tickets, one every ${ticketEveryMs} ms; POS calls take ${posLatencyMs / 1000} s, ${posConcurrency} slots\n`,
      );
      console.log('| printer ticket commit → SUCCEEDED | p50 ms | p95 ms | max ms |');
      console.log('|---|---:|---:|---:|');
      console.log(line('POS queue idle', idle));
      console.log(line(`every POS slot held (${posLatencyMs / 1000} s calls)`, busy));
      console.log(
        `\nratio busy/idle p50 ${(percentile(busy, 50) / percentile(idle, 50)).toFixed(2)}; POS calls answered during the ${(busyForMs / 1000).toFixed(1)} s of tickets: ${posAnswered}`,
      );
    } finally {
      await dispatcher.stop();
    }
  } finally {
    await db.close();
    await database.close();
  }
}

await main();
