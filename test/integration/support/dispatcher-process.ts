/**
 * A dispatcher in its own process, for the fault-injection test: the Square adapter against
 * the test's fake server. Configured by environment; prints one JSON line per milestone.
 * Usage: node --import tsx test/integration/support/dispatcher-process.ts
 */
import { startDispatcher } from '../../../src/integration/dispatcher/run-dispatcher.ts';
import type {
  ActionTarget,
  TargetActionType,
  TargetDirectory,
} from '../../../src/integration/targets/action-target.ts';
import { SquareOrdersTarget } from '../../../src/integration/targets/square/square-orders-target.ts';
import { Database } from '../../../src/platform/db/database.ts';
import { createAppPool } from '../../../src/platform/db/open-database.ts';
import { createLogger } from '../../../src/platform/log/index.ts';

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const db = new Database(createAppPool(env('FAULT_APP_URL'), 20));
const logger = createLogger({ level: 'error', bindings: { worker: env('FAULT_WORKER_ID') } });
const attemptTimeoutMs = Number(process.env.FAULT_ATTEMPT_TIMEOUT_MS ?? 1000);
const controller = new AbortController();
let attempts = 0;
const squareByTenant = new Map<string, SquareOrdersTarget>();
const perTenantSquare: TargetDirectory = {
  targetFor: <Type extends TargetActionType>(tenantId: string, type: Type) => {
    if (type !== 'create_pos_order') return undefined;
    let target = squareByTenant.get(tenantId);
    if (!target) {
      target = new SquareOrdersTarget({
        baseUrl: env('FAULT_SQUARE_URL'),
        accessToken: 'fake-square-token',
        squareLocationId: `L-${tenantId}`,
      });
      squareByTenant.set(tenantId, target);
    }
    return target as unknown as ActionTarget<Type>;
  },
};
const dispatcher = startDispatcher({
  db,
  logger,
  signal: controller.signal,
  workerId: env('FAULT_WORKER_ID'),
  queues: ['pos'],
  queueSettings: { pos: { concurrency: Number(process.env.FAULT_CONCURRENCY ?? 32) } },
  retrySchedules: {
    create_pos_order: { initialDelayMs: 50, maxDelayMs: 1000, attemptTimeoutMs },
  },
  leaseMs: Number(process.env.FAULT_LEASE_MS ?? 4000),
  pollIntervalMs: 200,
  drainTimeoutMs: 2000,
  // Each restaurant is its own Square location, as in production: reconciliation searches
  // one location's recent orders, not every tenant's.
  targets: perTenantSquare,
  onAttempt: () => {
    attempts += 1;
  },
});
process.stdout.write(`${JSON.stringify({ ready: dispatcher.workerId })}\n`);
process.on('SIGTERM', () => controller.abort());
await dispatcher.stopped;
await db.close();
process.stdout.write(`${JSON.stringify({ stopped: dispatcher.workerId, attempts })}\n`);
