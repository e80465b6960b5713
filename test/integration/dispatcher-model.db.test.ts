/**
 * Model-based test (fast-check commands): random interleavings of enqueues, dispatch rounds
 * against a scripted POS with random faults (one that does NOT deduplicate keys, so only the
 * dispatcher's reconcile-before-resend protects it), worker crashes mid-call and operator
 * retries. After every command: terminal states stay terminal (except an operator's retry of
 * a dead letter), at most one effect per idempotency key, and nothing is lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ActionStatus } from '../../src/contracts/actions/action-status.ts';
import { isTerminal } from '../../src/contracts/actions/action-status.ts';
import { CircuitBreakers } from '../../src/integration/dispatcher/circuit-breakers.ts';
import { claimBatch } from '../../src/integration/dispatcher/claim-batch.ts';
import { mustReconcileFirst } from '../../src/integration/dispatcher/claimed-action.ts';
import {
  dispatchAction,
  type DispatchDeps,
} from '../../src/integration/dispatcher/dispatch-action.ts';
import { SuccessBatcher } from '../../src/integration/dispatcher/success-batch.ts';
import { defaultRetrySchedules } from '../../src/integration/dispatcher/retry-schedule.ts';
import { retryAction } from '../../src/control/remediation/operator-actions.ts';
import { staticTargets } from '../../src/integration/targets/action-target.ts';
import type { HttpFault } from '../../src/integration/targets/testing/http-faults.ts';
import { ScriptedPosTarget } from '../../src/integration/targets/testing/scripted-pos-target.ts';
import { silentLogger } from '../../src/platform/log/index.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../src/platform/db/testing/test-database.ts';
import { enqueue, seedTenant, type SeededTenant } from './support/seed.ts';

let test: TestDatabase;
/** How long after its abort a hung request still lands at the scripted POS, in ms. */
const lateLandingMs = 20;

interface Model {
  enqueued: Map<string, string>; // action id → idempotency key
  lastStatus: Map<string, ActionStatus>;
  operatorRetried: Set<string>;
}

interface Real {
  tenant: SeededTenant;
  pos: ScriptedPosTarget;
  deps: DispatchDeps;
  counter: { n: number };
}

async function statuses(real: Real) {
  const rows = await real.deps.db.withTenant(real.tenant.tenantId, (tx) =>
    tx.query<{ id: string; status: ActionStatus; next_attempt_at: Date | null }>(
      'select id::text, status, next_attempt_at from actions',
    ),
  );
  return rows.rows;
}

async function checkInvariants(model: Model, real: Real): Promise<void> {
  const rows = await statuses(real);
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const [id, key] of model.enqueued) {
    const row = byId.get(id);
    assert.ok(row, `action ${id} was lost`);
    const before = model.lastStatus.get(id);
    if (before && isTerminal(before) && !model.operatorRetried.has(id)) {
      assert.equal(row.status, before, `terminal ${before} left for ${row.status}`);
    }
    model.operatorRetried.delete(id);
    model.lastStatus.set(id, row.status);
    if (!isTerminal(row.status) && row.status !== 'DISPATCHED') {
      assert.ok(row.next_attempt_at, 'a waiting action has a due time');
    }
    assert.ok(
      (real.pos.effects.get(key) ?? 0) <= 1,
      `key ${key} had ${real.pos.effects.get(key)} effects`,
    );
  }
}

class Enqueue implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    const action = await enqueue(test.db, real.tenant, 'create_pos_order', `Q-${++real.counter.n}`);
    model.enqueued.set(action.id, action.idempotencyKey);
    await checkInvariants(model, real);
  }
  toString = () => 'enqueue';
}

class DispatchRound implements fc.AsyncCommand<Model, Real> {
  constructor(readonly limit: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const batch = await claimBatch(test.db, {
      queue: 'pos',
      workerId: 'model-worker',
      limit: this.limit,
      leaseMs: 60_000,
      skipTenants: [],
    });
    await Promise.all(
      batch
        .filter((a) => a.tenantId === real.tenant.tenantId)
        .map((a) => dispatchAction(real.deps, a)),
    );
    await checkInvariants(model, real);
  }
  toString = () => `dispatch(${this.limit})`;
}

/** A worker claims, sends (the effect may happen), and dies before recording anything. */
class CrashMidCall implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    const batch = await claimBatch(test.db, {
      queue: 'pos',
      workerId: 'doomed',
      limit: 2,
      leaseMs: 100,
      skipTenants: [],
    });
    for (const action of batch) {
      const context = {
        tenantId: action.tenantId,
        actionId: action.id,
        idempotencyKey: action.idempotencyKey,
        // Within its lease, as the real dispatcher's calls are (a quarter kept for recording).
        signal: AbortSignal.timeout(75 - lateLandingMs),
      };
      // It follows the protocol up to the call (reconcile first when the last outcome is
      // unknown), then dies before recording.
      if (mustReconcileFirst(action)) {
        const found = await real.pos
          .reconcile(action.payload as never, context)
          .catch(() => undefined);
        if (found?.found !== false) continue;
      }
      await real.pos.execute(action.payload as never, context).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 120));
    await checkInvariants(model, real);
  }
  toString = () => 'crash-mid-call';
}

class OperatorRetry implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => [...model.lastStatus.values()].includes('DEAD_LETTER');
  async run(model: Model, real: Real) {
    const id = [...model.lastStatus].find(([, status]) => status === 'DEAD_LETTER')![0];
    await test.db.withTenant(real.tenant.tenantId, (tx) =>
      retryAction(tx, { operator: 'op-model' }, id),
    );
    model.operatorRetried.add(id);
    await checkInvariants(model, real);
  }
  toString = () => 'operator-retry';
}

before(async () => {
  test = await createTestDatabase();
});
after(async () => {
  await test.close();
});

const faultArbitrary = fc.constantFrom<HttpFault>(
  'none',
  'none',
  'none',
  'error_after_commit',
  'unavailable',
  'rate_limited',
  'reset_after_commit',
  'reset',
  'gone',
  'garbage_after_commit',
  'hang_after_commit',
  'hang',
);

describe('dispatcher model', () => {
  it(
    'keeps terminal states terminal, one effect per key, nothing lost',
    { timeout: 170_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(faultArbitrary, { minLength: 1, maxLength: 60 }),
          fc.commands(
            [
              fc.constant(new Enqueue()),
              fc.integer({ min: 1, max: 4 }).map((limit) => new DispatchRound(limit)),
              fc.constant(new CrashMidCall()),
              fc.constant(new OperatorRetry()),
            ],
            { maxCommands: 25 },
          ),
          async (faults, commands) => {
            const tenant = await seedTenant(test.db, 'Model Diner');
            let call = 0;
            const pos = new ScriptedPosTarget({
              honoursIdempotencyKey: false,
              retryAfterMs: 1,
              // A request cut off by our timeout still lands, a little later (ADR 0019).
              hangLandsLateAfterMs: lateLandingMs,
              faults: () => faults[call++ % faults.length]!,
            });
            const schedule = {
              initialDelayMs: 1,
              maxDelayMs: 2,
              attemptTimeoutMs: 50,
              confirmNoEffectAfterMs: 5 * lateLandingMs,
            };
            const deps: DispatchDeps = {
              db: test.db,
              targets: staticTargets({ create_pos_order: pos }),
              breakers: new CircuitBreakers({ failureThreshold: 1_000_000 }),
              schedules: { ...defaultRetrySchedules, create_pos_order: schedule },
              metrics: undefined,
              logger: silentLogger,
              interruptSignal: new AbortController().signal,
              recordTimeoutMs: 5000,
              successes: new SuccessBatcher({ db: test.db, recordTimeoutMs: 5000 }),
            };
            const model: Model = {
              enqueued: new Map(),
              lastStatus: new Map(),
              operatorRetried: new Set(),
            };
            const real: Real = { tenant, pos, deps, counter: { n: 0 } };
            await fc.asyncModelRun(() => ({ model, real }), commands);
            // Drain: with time, every action ends terminal.
            for (let round = 0; round < 200; round++) {
              const rows = await statuses(real);
              if (rows.every((row) => isTerminal(row.status))) break;
              await new DispatchRound(8).run(model, real);
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            const rows = await statuses(real);
            assert.ok(
              rows.every((row) => isTerminal(row.status)),
              'everything ends terminal',
            );
            for (const row of rows) {
              if (row.status === 'DEAD_LETTER') {
                assert.equal(
                  pos.effects.get(model.enqueued.get(row.id)!) ?? 0,
                  0,
                  'a dead letter has no effect at the POS',
                );
              }
              if (row.status === 'SUCCEEDED') {
                assert.equal(
                  pos.effects.get(model.enqueued.get(row.id)!),
                  1,
                  'a success has exactly one effect',
                );
              }
            }
          },
        ),
        { numRuns: 15 },
      );
    },
  );
});
