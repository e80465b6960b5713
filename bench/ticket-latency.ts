/**
 * Ticket latency (not a test): from the commit of a print job to the ticket printed at the
 * simulator, through the link server, the mTLS link, an enrolled edge agent and ESC/POS. One
 * job at a time, so each is a fresh wake-up; with LISTEN wake-ups and with the poll alone,
 * interleaved, both at the default poll interval.
 * Usage: node --import tsx bench/ticket-latency.ts [jobsPerMode] [rounds]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchDatabase } from './support/bench-database.ts';
import { summarizeLatency } from '../src/data/pipeline/latency/percentiles.ts';
import { examplePrinterTicket } from '../src/contracts/testing/index.ts';
import { EdgeAgent } from '../src/edge/agent/edge-agent.ts';
import { enrollAgent } from '../src/edge/agent/enroll.ts';
import { startEdgeLinkServer } from '../src/edge/link-server/edge-link-server.ts';
import { issueEnrollmentCode } from '../src/edge/link-server/enrollment.ts';
import { loadOrCreatePlatformCa } from '../src/edge/pki/platform-ca.ts';
import { PrinterSim } from '../src/edge/printer-sim/printer-sim.ts';
import { Database } from '../src/platform/db/database.ts';
import { createAppPool } from '../src/platform/db/open-database.ts';
import { newId } from '../src/platform/ids.ts';
import { seedTenant, type SeededTenant } from '../test/integration/support/seed.ts';

const jobsPerMode = Number(process.argv[2] ?? 40);
const rounds = Number(process.argv[3] ?? 2);

async function insertJob(db: Database, tenant: SeededTenant): Promise<void> {
  const jobId = newId();
  const ticket = {
    ...examplePrinterTicket(),
    job_id: jobId,
    tenant_id: tenant.tenantId,
    location_id: tenant.locationId,
  };
  await db.withTenant(tenant.tenantId, (tx) =>
    tx.query(
      `insert into print_jobs (tenant_id, id, location_id, order_ref, printer_id, ticket)
       values ($1, $2, $3, 'A-1042', 'kitchen-1', $4)`,
      [tenant.tenantId, jobId, tenant.locationId, JSON.stringify(ticket)],
    ),
  );
}

async function measure(
  db: Database,
  tenant: SeededTenant,
  wakeUps: boolean,
  dir: string,
): Promise<number[]> {
  const ca = await loadOrCreatePlatformCa(path.join(dir, 'pki'));
  const sim = await PrinterSim.start({ port: 0 });
  const server = await startEdgeLinkServer({ db, ca, port: 0, enrollmentPort: 0, wakeUps });
  const controller = new AbortController();
  let running: Promise<void> | undefined;
  try {
    const { code } = await issueEnrollmentCode(db, { ...tenant, name: `bench ${newId()}` });
    const config = await enrollAgent({
      platformUrl: `https://127.0.0.1:${server.enrollmentPort}`,
      code,
      configFile: path.join(dir, `${newId()}.json`),
      printers: [{ printer_id: 'kitchen-1', host: '127.0.0.1', port: sim.port }],
    });
    running = new EdgeAgent(config).run(controller.signal);
    while (!server.connectedDevices().includes(config.device_id)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const latenciesMs: number[] = [];
    for (let i = 0; i < jobsPerMode; i++) {
      // A random moment in the poll cycle, as orders arrive in real life.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 1000));
      const before = sim.printed.length;
      const startedMs = performance.now();
      await insertJob(db, tenant);
      while (sim.printed.length === before) await new Promise((resolve) => setImmediate(resolve));
      latenciesMs.push(performance.now() - startedMs);
    }
    return latenciesMs;
  } finally {
    controller.abort();
    await running;
    await server.close();
    await sim.close();
  }
}

async function main(): Promise<void> {
  const database = await startBenchDatabase('ticket-latency');
  const db = new Database(createAppPool(database.appUrl, 10));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxeron-ticket-latency-'));
  const results = new Map<string, number[]>([
    ['LISTEN wake-up + 1 s poll', []],
    ['1 s poll only', []],
  ]);
  try {
    const tenant = await seedTenant(db, 'Ticket Bench');
    for (let round = 1; round <= rounds; round++) {
      for (const wakeUps of [true, false]) {
        const name = wakeUps ? 'LISTEN wake-up + 1 s poll' : '1 s poll only';
        results.get(name)!.push(...(await measure(db, tenant, wakeUps, dir)));
        console.error(`round ${round}/${rounds}: ${name} done`);
      }
    }
  } finally {
    await db.close();
    await database.close();
  }
  console.log(
    `\nticket latency, commit of the print job → ticket printed at the simulator (${jobsPerMode * rounds} jobs per mode, one at a time)\n`,
  );
  console.log('| mode | p50 ms | p95 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  for (const [name, values] of results) {
    const latency = summarizeLatency(values);
    console.log(
      `| ${name} | ${latency.p50Ms.toFixed(1)} | ${latency.p95Ms.toFixed(1)} | ${latency.maxMs.toFixed(1)} |`,
    );
  }
}

await main();
