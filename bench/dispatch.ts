/**
 * Dispatch benchmark (not a test): end-to-end actions/s (PENDING → SUCCEEDED with its events
 * and a row written by the target) and commit-to-dispatch latency p50/p99, side by side with
 * graphile-worker and pg-boss on the same embedded PostgreSQL, each in two variants:
 * - equivalent: the handler does what a Voxeron action leaves behind — the console POS order
 *   (its own transaction, under RLS) and the action's three events in the tenant's stream
 *   (dispatch, succeed, OrderCreated; written with the same relaxed commit Voxeron uses);
 * - bare: the handler writes one row, as the queues' own benchmarks do.
 * Each system runs `rounds` times, interleaved; the table shows medians.
 * Usage: node --import tsx bench/dispatch.ts [actions] [latencySamples] [rounds] [systems]
 * (`systems`: a comma-separated subset of voxeron, graphile-eq, pg-boss-eq, graphile-bare,
 * pg-boss-bare; all by default.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Logger, run, makeWorkerUtils } from 'graphile-worker';
import PgBoss from 'pg-boss';
import pg from 'pg';
import { startBenchDatabase } from './support/bench-database.ts';
import { startDispatcher } from '../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets, type ActionTarget } from '../src/integration/targets/action-target.ts';
import { ConsolePosTarget } from '../src/integration/targets/console-pos-target.ts';
import { Database } from '../src/platform/db/database.ts';
import { createAppPool } from '../src/platform/db/open-database.ts';
import { silentLogger } from '../src/platform/log/index.ts';
import {
  enqueue,
  enqueueManyOrders,
  payloadFor,
  seedTenant,
  type SeededTenant,
} from '../test/integration/support/seed.ts';
import type { ToolInput, ToolOutput } from '../src/contracts/tools/registry.ts';
import { transitionEvent } from '../src/platform/db/action-move.ts';
import type { ClaimedAction } from '../src/integration/dispatcher/claimed-action.ts';
import { outcomeEvents } from '../src/integration/dispatcher/domain-events.ts';
import { appendEvents, idempotencyKeyFor } from '../src/platform/db/outbox.ts';
import { newId } from '../src/platform/ids.ts';

const actionCount = Number(process.argv[2] ?? 5000);
const latencySamples = Number(process.argv[3] ?? 200);
const rounds = Number(process.argv[4] ?? 3);
const onlySystems = process.argv[5]?.split(',');
const latencyRatePerSecond = 50;
const concurrency = 16;
const tenants = 20;

interface Row {
  system: string;
  actionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU per job (the throughput phase and the latency phase), in ms. */
  nodeCpuMsPerJob?: number;
  postgresCpuMsPerJob?: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** CPU time of every `postgres` process on this machine, in ms (Linux /proc; else NaN). */
function postgresCpuMs(): number {
  try {
    const tick = 10; // USER_HZ is 100 on Linux
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime + stime, and cutime + cstime: the backends that exited (their parent is a
        // postgres process too, the postmaster).
        total +=
          (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) *
          tick;
      } catch {
        // the process ended meanwhile
      }
    }
    return total;
  } catch {
    return NaN;
  }
}

/** Runs `bench` and adds the CPU it cost per job, in this process and in PostgreSQL. */
async function withCpu(jobs: number, bench: () => Promise<Row>): Promise<Row> {
  const node = process.cpuUsage();
  const postgres = postgresCpuMs();
  const row = await bench();
  const used = process.cpuUsage(node);
  return {
    ...row,
    nodeCpuMsPerJob: (used.user + used.system) / 1000 / jobs,
    postgresCpuMsPerJob: (postgresCpuMs() - postgres) / jobs,
  };
}

/** The median of each figure over the rounds (latency percentiles: the median round's). */
function medianRow(rows: readonly Row[]): Row {
  const median = (pick: (row: Row) => number) => percentile(rows.map(pick), 50);
  return {
    system: rows[0]!.system,
    actionsPerSecond: median((row) => row.actionsPerSecond),
    p50Ms: median((row) => row.p50Ms),
    p99Ms: median((row) => row.p99Ms),
    nodeCpuMsPerJob: median((row) => row.nodeCpuMsPerJob ?? NaN),
    postgresCpuMsPerJob: median((row) => row.postgresCpuMsPerJob ?? NaN),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that failed: the bench stops with it instead of waiting for a count never reached. */
let jobFailure: unknown;

async function waitUntil(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) {
    if (jobFailure !== undefined) throw new Error('a benchmark job failed', { cause: jobFailure });
    await sleep(5);
  }
}

function failOnError(work: JobWork): JobWork {
  return (id) =>
    work(id).catch((error: unknown) => {
      jobFailure = error;
      throw error;
    });
}

async function benchVoxeron(appUrl: string, round: number): Promise<Row> {
  const db = new Database(createAppPool(appUrl, 20));
  const seeded = [];
  for (let i = 0; i < tenants; i++) seeded.push(await seedTenant(db, `Bench ${i}`));
  for (const [i, tenant] of seeded.entries()) {
    await enqueueManyOrders(db, tenant, Math.ceil(actionCount / tenants), `R${round}B${i}`);
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
    const action = await enqueue(db, seeded[i % tenants]!, 'create_pos_order', `R${round}L-${i}`);
    const committedAt = performance.now();
    void waitUntil(() => startedAt.has(action.idempotencyKey)).then(() =>
      latencies.push(startedAt.get(action.idempotencyKey)! - committedAt),
    );
    await sleep(1000 / latencyRatePerSecond);
  }
  await waitUntil(() => latencies.length >= latencySamples);
  await dispatcher.stop();
  await db.close();
  return {
    system: 'voxeron dispatcher',
    actionsPerSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** graphile-worker logs every job at INFO: that is not what is measured. */
const quietGraphile = new Logger(() => () => undefined);

/** What a competitor's handler does for job `id` (see the header: equivalent or bare). */
type JobWork = (id: string) => Promise<void>;

async function benchGraphile(
  ownerUrl: string,
  variant: string,
  round: number,
  work: JobWork,
): Promise<Row> {
  const startedAt = new Map<string, number>();
  let done = 0;
  // Our own pool, so that connections the server closes at the end do not crash the bench.
  const pgPool = new pg.Pool({ connectionString: ownerUrl, max: concurrency + 4 });
  pgPool.on('error', () => undefined);
  const utils = await makeWorkerUtils({ pgPool, logger: quietGraphile });
  await utils.migrate();
  const prefix = `g-${variant}-r${round}`;
  await utils.addJobs(
    Array.from({ length: actionCount }, (_, i) => ({
      identifier: 'job',
      payload: { id: `${prefix}-${i}` },
    })),
  );
  const began = performance.now();
  const runner = await run({
    pgPool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: quietGraphile,
    taskList: {
      job: async (payload) => {
        const id = (payload as { id: string }).id;
        startedAt.set(id, performance.now());
        await work(id);
        done += 1;
      },
    },
  });
  await waitUntil(() => done >= actionCount);
  const actionsPerSecond = actionCount / ((performance.now() - began) / 1000);
  const latencies: number[] = [];
  for (let i = 0; i < latencySamples; i++) {
    const id = `${prefix}-l-${i}`;
    await utils.addJob('job', { id });
    const committedAt = performance.now();
    void waitUntil(() => startedAt.has(id)).then(() =>
      latencies.push(startedAt.get(id)! - committedAt),
    );
    await sleep(1000 / latencyRatePerSecond);
  }
  await waitUntil(() => latencies.length >= latencySamples);
  await runner.stop();
  await utils.release();
  await pgPool.end();
  return {
    system: `graphile-worker 0.17.3, ${variant}`,
    actionsPerSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Runs `items` through `work`, at most `width` at a time. */
async function inPool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

async function benchPgBoss(
  ownerUrl: string,
  variant: string,
  round: number,
  work: JobWork,
): Promise<Row> {
  const boss = new PgBoss({ connectionString: ownerUrl, max: 20 });
  boss.on('error', () => undefined);
  await boss.start();
  const queue = `job-${variant}-r${round}`;
  await boss.createQueue(queue);
  const startedAt = new Map<string, number>();
  let done = 0;
  await boss.insert(
    Array.from({ length: actionCount }, (_, i) => ({ name: queue, data: { id: `${queue}-${i}` } })),
  );
  const began = performance.now();
  // pg-boss 10 waits its polling interval (at least 0.5 s) after every fetch, so it gets large
  // batches, run `concurrency` at a time: its best configuration for this job.
  await boss.work<{ id: string }>(
    queue,
    { batchSize: 400, pollingIntervalSeconds: 0.5 },
    async (jobs) => {
      await inPool(jobs, concurrency, async (job) => {
        startedAt.set(job.data.id, performance.now());
        await work(job.data.id);
        done += 1;
      });
    },
  );
  await waitUntil(() => done >= actionCount);
  const actionsPerSecond = actionCount / ((performance.now() - began) / 1000);
  const latencies: number[] = [];
  for (let i = 0; i < latencySamples; i++) {
    const id = `${queue}-l-${i}`;
    await boss.send(queue, { id });
    const committedAt = performance.now();
    void waitUntil(() => startedAt.has(id)).then(() =>
      latencies.push(startedAt.get(id)! - committedAt),
    );
    await sleep(1000 / latencyRatePerSecond);
  }
  await waitUntil(() => latencies.length >= latencySamples);
  await boss.stop({ graceful: false, wait: true });
  return {
    system: `pg-boss 10.4.2, ${variant}`,
    actionsPerSecond,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** The bare job: one row, written as the owner. */
function bareJob(owner: pg.Pool, system: string): JobWork {
  return async (id) => {
    await owner.query(`insert into bench_rows values ($1, $2)`, [system, id]);
  };
}

/**
 * The equivalent job: the console POS order, then the dispatch, succeed and OrderCreated
 * events in the tenant's stream — what one Voxeron action leaves in the database.
 */
function equivalentJob(db: Database, tenants: readonly SeededTenant[]): JobWork {
  const pos = new ConsolePosTarget(db);
  let n = 0;
  return async (id) => {
    const tenant = tenants[n++ % tenants.length]!;
    const reference = id.toUpperCase();
    const draft = payloadFor(
      'create_pos_order',
      tenant,
      reference,
    ) as ToolInput<'create_pos_order'>;
    const action = {
      id: newId(),
      type: 'create_pos_order' as const,
      correlationId: newId(),
      sessionId: null,
    };
    const result = (await pos.execute(draft, {
      tenantId: tenant.tenantId,
      actionId: action.id,
      idempotencyKey: idempotencyKeyFor(tenant.tenantId, 'create_pos_order', reference),
      signal: AbortSignal.timeout(10_000),
    })) as ToolOutput<'create_pos_order'>;
    if (result.status !== 'accepted') throw new Error(`the console POS refused ${reference}`);
    const moves = [
      transitionEvent(action, { from: 'PENDING', event: 'dispatch', attempt: 1, reason: null }),
      transitionEvent(action, { from: 'DISPATCHED', event: 'succeed', attempt: 1, reason: null }),
    ];
    const business = outcomeEvents({ ...action, attempt: 1 } as ClaimedAction, draft, {
      kind: 'succeeded',
      result,
    });
    await db.withTenant(
      tenant.tenantId,
      (tx) => appendEvents(tx, [...moves.map((move) => move.event), ...business]),
      { synchronousCommit: false },
    );
  };
}

async function main(): Promise<void> {
  const database = await startBenchDatabase('dispatch');
  try {
    const { ownerUrl, appUrl } = database;
    const owner = new pg.Pool({ connectionString: ownerUrl, max: 20 });
    owner.on('error', () => undefined);
    await owner.query('create table if not exists bench_rows (system text, id text)');
    const db = new Database(createAppPool(appUrl, 20));
    const competitorTenants = [];
    for (let i = 0; i < tenants; i++) competitorTenants.push(await seedTenant(db, `Queue ${i}`));
    const equivalent = failOnError(equivalentJob(db, competitorTenants));
    const graphileBare = failOnError(bareJob(owner, 'graphile'));
    const pgBossBare = failOnError(bareJob(owner, 'pg-boss'));
    const allSystems: [string, (round: number) => Promise<Row>][] = [
      ['voxeron', (round) => benchVoxeron(appUrl, round)],
      ['graphile-eq', (round) => benchGraphile(ownerUrl, 'equivalent', round, equivalent)],
      ['pg-boss-eq', (round) => benchPgBoss(ownerUrl, 'equivalent', round, equivalent)],
      ['graphile-bare', (round) => benchGraphile(ownerUrl, 'bare', round, graphileBare)],
      ['pg-boss-bare', (round) => benchPgBoss(ownerUrl, 'bare', round, pgBossBare)],
    ];
    const systems = allSystems.filter(
      ([name]) => onlySystems === undefined || onlySystems.includes(name),
    );
    // Interleaved rounds, so that a busy moment on this shared machine hits every system.
    const runs = new Map<string, Row[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const [name, bench] of systems) {
        const row = await withCpu(actionCount + latencySamples, () => bench(round));
        runs.set(name, [...(runs.get(name) ?? []), row]);
        console.error(
          `round ${round}/${rounds}: ${row.system} ${row.actionsPerSecond.toFixed(0)} jobs/s`,
        );
      }
    }
    const rows = [...runs.values()].map(medianRow);
    await db.close();
    await owner.end();
    console.log(
      `\ndispatch benchmark: ${actionCount} jobs (${tenants} tenants for voxeron), concurrency ${concurrency}, latency from ${latencySamples} jobs at ${latencyRatePerSecond}/s; medians of ${rounds} interleaved rounds\n`,
    );
    console.log(
      '| system | jobs/s end to end | commit→dispatch p50 ms | p99 ms | CPU ms/job: node | PostgreSQL |',
    );
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows) {
      console.log(
        `| ${row.system} | ${row.actionsPerSecond.toFixed(0)} | ${row.p50Ms.toFixed(1)} | ${row.p99Ms.toFixed(1)} | ${row.nodeCpuMsPerJob?.toFixed(2)} | ${row.postgresCpuMsPerJob?.toFixed(2)} |`,
      );
    }
    console.log(
      "\nvoxeron: each job is a claim (with ActionStateChanged), a pos_orders row and SUCCEEDED + ActionStateChanged + OrderCreated, all under RLS as voxeron_app. equivalent: the same order row and three events from the queue's handler; bare: one row written as the owner.",
    );
  } finally {
    await database.close();
  }
}

await main();
