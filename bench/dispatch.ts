/**
 * Dispatch benchmark (not a test): end-to-end actions/s (PENDING → SUCCEEDED with its events
 * and a row written by the target) and commit-to-dispatch latency p50/p99, side by side with
 * graphile-worker and pg-boss doing the equivalent job (a handler that writes one row) on the
 * same embedded PostgreSQL. Usage: node --import tsx bench/dispatch.ts [actions] [latencySamples]
 */
import path from 'node:path';
import { run, makeWorkerUtils } from 'graphile-worker';
import PgBoss from 'pg-boss';
import pg from 'pg';
import { startDispatcher } from '../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets, type ActionTarget } from '../src/integration/targets/action-target.ts';
import { ConsolePosTarget } from '../src/integration/targets/console-pos-target.ts';
import { Database } from '../src/platform/db/database.ts';
import { EmbeddedPostgresServer } from '../src/platform/db/embedded/embedded-postgres-server.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import {
  createAppPool,
  createDatabaseIfMissing,
  withCredentials,
} from '../src/platform/db/open-database.ts';
import { appRole } from '../src/platform/db/app-role.ts';
import { databaseUrl, dropDatabase } from '../src/platform/db/testing/test-database.ts';
import { createLogger, silentLogger } from '../src/platform/log/index.ts';
import { enqueue, enqueueManyOrders, seedTenant } from '../test/integration/support/seed.ts';

const actionCount = Number(process.argv[2] ?? 5000);
const latencySamples = Number(process.argv[3] ?? 200);
const latencyRatePerSecond = 50;
const concurrency = 16;
const tenants = 20;

interface Row {
  system: string;
  actionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await sleep(5);
}

async function benchVoxeron(ownerUrl: string, appUrl: string): Promise<Row> {
  const db = new Database(createAppPool(appUrl, 20));
  const seeded = [];
  for (let i = 0; i < tenants; i++) seeded.push(await seedTenant(db, `Bench ${i}`));
  for (const [i, tenant] of seeded.entries()) {
    await enqueueManyOrders(db, tenant, Math.ceil(actionCount / tenants), `B${i}`);
  }
  const total = Math.ceil(actionCount / tenants) * tenants;
  const startedAt = new Map<string, number>();
  const pos = new ConsolePosTarget(db);
  const timed: ActionTarget<'create_pos_order'> = {
    actionType: 'create_pos_order',
    name: 'timed-console-pos',
    execute: (payload, context) => {
      startedAt.set(context.idempotencyKey, performance.now());
      return pos.execute(payload, context);
    },
    reconcile: (payload, context) => pos.reconcile(payload, context),
  };
  let succeeded = 0;
  const began = performance.now();
  const dispatcher = startDispatcher({
    db,
    logger: silentLogger,
    queues: ['pos'],
    queueSettings: { pos: { concurrency } },
    targets: staticTargets({ create_pos_order: timed }),
    onAttempt: (_queue, outcome) => {
      if (outcome === 'succeeded') succeeded += 1;
    },
  });
  await waitUntil(() => succeeded >= total);
  const actionsPerSecond = total / ((performance.now() - began) / 1000);
  const latencies: number[] = [];
  for (let i = 0; i < latencySamples; i++) {
    const action = await enqueue(db, seeded[i % tenants]!, 'create_pos_order', `L-${i}`);
    const committedAt = performance.now();
    void waitUntil(() => startedAt.has(action.idempotencyKey)).then(() =>
      latencies.push(startedAt.get(action.idempotencyKey)! - committedAt),
    );
    await sleep(1000 / latencyRatePerSecond);
  }
  await waitUntil(() => latencies.length >= latencySamples);
  await dispatcher.stop();
  await db.close();
  void ownerUrl;
  return {
    system: 'voxeron dispatcher',
    actionsPerSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

async function benchGraphile(ownerUrl: string): Promise<Row> {
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 20 });
  await owner.query('create table if not exists bench_rows (system text, id text)');
  const startedAt = new Map<string, number>();
  let done = 0;
  const utils = await makeWorkerUtils({ connectionString: ownerUrl });
  await utils.migrate();
  await utils.addJobs(
    Array.from({ length: actionCount }, (_, i) => ({
      identifier: 'noop',
      payload: { id: `t-${i}` },
    })),
  );
  const began = performance.now();
  const runner = await run({
    connectionString: ownerUrl,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: undefined,
    taskList: {
      noop: async (payload, helpers) => {
        const id = (payload as { id: string }).id;
        startedAt.set(id, performance.now());
        await helpers.query(`insert into bench_rows values ('graphile', $1)`, [id]);
        done += 1;
      },
    },
  });
  await waitUntil(() => done >= actionCount);
  const actionsPerSecond = actionCount / ((performance.now() - began) / 1000);
  const latencies: number[] = [];
  for (let i = 0; i < latencySamples; i++) {
    const id = `l-${i}`;
    await utils.addJob('noop', { id });
    const committedAt = performance.now();
    void waitUntil(() => startedAt.has(id)).then(() =>
      latencies.push(startedAt.get(id)! - committedAt),
    );
    await sleep(1000 / latencyRatePerSecond);
  }
  await waitUntil(() => latencies.length >= latencySamples);
  await runner.stop();
  await utils.release();
  await owner.end();
  return {
    system: 'graphile-worker 0.17.3',
    actionsPerSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

async function benchPgBoss(ownerUrl: string): Promise<Row> {
  const boss = new PgBoss({ connectionString: ownerUrl, max: 20 });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue('noop');
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 20 });
  const startedAt = new Map<string, number>();
  let done = 0;
  await boss.insert(
    Array.from({ length: actionCount }, (_, i) => ({ name: 'noop', data: { id: `t-${i}` } })),
  );
  const began = performance.now();
  await boss.work<{ id: string }>(
    'noop',
    { batchSize: concurrency, pollingIntervalSeconds: 0.5 },
    async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          startedAt.set(job.data.id, performance.now());
          await owner.query(`insert into bench_rows values ('pg-boss', $1)`, [job.data.id]);
          done += 1;
        }),
      );
    },
  );
  await waitUntil(() => done >= actionCount);
  const actionsPerSecond = actionCount / ((performance.now() - began) / 1000);
  const latencies: number[] = [];
  for (let i = 0; i < latencySamples; i++) {
    const id = `l-${i}`;
    await boss.send('noop', { id });
    const committedAt = performance.now();
    void waitUntil(() => startedAt.has(id)).then(() =>
      latencies.push(startedAt.get(id)! - committedAt),
    );
    await sleep(1000 / latencyRatePerSecond);
  }
  await waitUntil(() => latencies.length >= latencySamples);
  await boss.stop({ graceful: false, wait: true });
  await owner.end();
  return {
    system: 'pg-boss 10.4.2',
    actionsPerSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

async function main(): Promise<void> {
  const logger = createLogger({ level: 'warn' });
  const server = new EmbeddedPostgresServer({
    dataDir: path.resolve(import.meta.dirname, '..', '.voxeron', 'bench'),
    port: 0,
    ownerPassword: 'voxeron-bench-owner',
    logger,
  });
  await server.start();
  try {
    const serverUrl = server.ownerUrl('postgres');
    const name = 'voxeron_bench';
    await dropDatabase(serverUrl, name);
    await createDatabaseIfMissing(serverUrl, name);
    const ownerUrl = databaseUrl(serverUrl, name);
    await migrate({ ownerUrl, appPassword: 'voxeron-bench-app', logger });
    const appUrl = withCredentials(ownerUrl, appRole, 'voxeron-bench-app');
    const rows = [
      await benchVoxeron(ownerUrl, appUrl),
      await benchGraphile(ownerUrl),
      await benchPgBoss(ownerUrl),
    ];
    console.log(
      `\ndispatch benchmark: ${actionCount} jobs (${tenants} tenants for voxeron), concurrency ${concurrency}, latency from ${latencySamples} jobs at ${latencyRatePerSecond}/s\n`,
    );
    console.log('| system | jobs/s end to end | commit→dispatch p50 ms | p99 ms |');
    console.log('|---|---:|---:|---:|');
    for (const row of rows) {
      console.log(
        `| ${row.system} | ${row.actionsPerSecond.toFixed(0)} | ${row.p50Ms.toFixed(1)} | ${row.p99Ms.toFixed(1)} |`,
      );
    }
    console.log(
      '\nvoxeron: each job is a claim (with ActionStateChanged), a pos_orders row and SUCCEEDED + ActionStateChanged + OrderCreated, all under RLS as voxeron_app; the others write one row as the owner.',
    );
  } finally {
    await server.stop();
  }
}

await main();
