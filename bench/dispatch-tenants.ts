/**
 * Tenant-count benchmark (not a test): how the dispatcher scales with the number of
 * restaurants that have work at once — the platform is meant for 1,000+ without a rewrite.
 * For each tenant count, the same total of POS actions is spread over that many tenants, then:
 * - one `claim_actions` of 16 is timed while every tenant has ready work (in a transaction
 *   that is rolled back, so nothing moves), p50/p95 over repeated calls;
 * - the dispatcher runs them all (console POS, 16 slots): end-to-end actions/s.
 * Usage: node --import tsx bench/dispatch-tenants.ts [totalActions] [tenantCounts]
 * (`tenantCounts`: comma-separated, default 20,200,1000,2000).
 */
import pg from 'pg';
import { startBenchDatabase } from './support/bench-database.ts';
import { summarizeLatency } from '../src/data/pipeline/latency/percentiles.ts';
import { startDispatcher } from '../src/integration/dispatcher/run-dispatcher.ts';
import { staticTargets } from '../src/integration/targets/action-target.ts';
import { ConsolePosTarget } from '../src/integration/targets/console-pos-target.ts';
import { Database } from '../src/platform/db/database.ts';
import { createAppPool } from '../src/platform/db/open-database.ts';
import { silentLogger } from '../src/platform/log/index.ts';
import { enqueueManyOrders, seedTenant } from '../test/integration/support/seed.ts';

const totalActions = Number(process.argv[2] ?? 6000);
const tenantCounts = (process.argv[3] ?? '20,200,1000,2000').split(',').map(Number);
const concurrency = 16;
const claimSamples = 40;

/** Times one fair claim of `concurrency` actions, rolled back: the work stays ready. */
async function timeClaims(appUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  const timesMs: number[] = [];
  try {
    for (let i = 0; i < claimSamples + 5; i++) {
      await client.query('begin');
      const startedMs = performance.now();
      const claimed = await client.query(
        `select * from claim_actions('pos', 'bench-probe', $1, 60000, '{}'::uuid[])`,
        [concurrency],
      );
      const elapsedMs = performance.now() - startedMs;
      await client.query('rollback');
      if (claimed.rowCount !== concurrency) throw new Error(`claimed ${claimed.rowCount}`);
      if (i >= 5) timesMs.push(elapsedMs); // the first calls plan and warm the cache
    }
  } finally {
    await client.end();
  }
  return timesMs;
}

async function runDispatcher(db: Database, total: number): Promise<number> {
  let succeeded = 0;
  const began = performance.now();
  const dispatcher = startDispatcher({
    db,
    logger: silentLogger,
    queues: ['pos'],
    queueSettings: { pos: { concurrency } },
    targets: staticTargets({ create_pos_order: new ConsolePosTarget(db) }),
    onAttempt: (_queue, outcome) => {
      if (outcome === 'succeeded') succeeded += 1;
    },
  });
  while (succeeded < total) await new Promise((resolve) => setTimeout(resolve, 5));
  const perSecond = total / ((performance.now() - began) / 1000);
  await dispatcher.stop();
  return perSecond;
}

async function main(): Promise<void> {
  const database = await startBenchDatabase('dispatch-tenants');
  const db = new Database(createAppPool(database.appUrl, 20));
  const rows: string[] = [];
  try {
    for (const [round, tenants] of tenantCounts.entries()) {
      const perTenant = Math.max(1, Math.round(totalActions / tenants));
      console.error(`${tenants} tenants × ${perTenant} actions: seeding…`);
      for (let i = 0; i < tenants; i++) {
        const tenant = await seedTenant(db, `Scale ${round}-${i}`);
        await enqueueManyOrders(db, tenant, perTenant, `S${round}T${i}`);
      }
      const claimsMs = await timeClaims(database.appUrl);
      console.error(`${tenants} tenants: dispatching…`);
      const perSecond = await runDispatcher(db, tenants * perTenant);
      const claims = summarizeLatency(claimsMs);
      rows.push(
        `| ${tenants} | ${tenants * perTenant} | ${claims.p50Ms.toFixed(2)} | ${claims.p95Ms.toFixed(2)} | ${perSecond.toFixed(0)} |`,
      );
    }
  } finally {
    await db.close();
    await database.close();
  }
  console.log(
    `\ndispatch by tenant count: ~${totalActions} POS actions (console POS), ${concurrency} slots, claim of ${concurrency} timed ${claimSamples}× with every tenant ready\n`,
  );
  console.log(
    '| tenants with work | actions | claim p50 ms | claim p95 ms | actions/s end to end |',
  );
  console.log('|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}

await main();
