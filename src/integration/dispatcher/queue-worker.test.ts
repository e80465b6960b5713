import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Database } from '../../platform/db/database.ts';
import { silentLogger } from '../../platform/log/index.ts';
import type { HandBackReason } from './claim-ahead.ts';
import type { ClaimOptions } from './claim-batch.ts';
import type { ClaimedAction } from './claimed-action.ts';
import { CircuitBreakers } from './circuit-breakers.ts';
import { QueueWorker } from './queue-worker.ts';

const leaseMs = 60_000;
let n = 0;

function claimed(tenantId: string, claimedAtMs = performance.now()): ClaimedAction {
  n += 1;
  return {
    tenantId,
    id: `action-${n}`,
    type: 'create_pos_order',
    queue: 'pos',
    previousStatus: 'PENDING',
    attempt: 1,
    maxAttempts: 8,
    payload: {},
    idempotencyKey: `key-${n}`,
    correlationId: `corr-${n}`,
    sessionId: null,
    leaseExpired: false,
    lockedBy: 'worker',
    lockedUntil: new Date(Date.now() + leaseMs),
    leaseDeadlineMs: claimedAtMs + leaseMs,
    leaseMs,
    createdAt: new Date(),
    lastError: null,
  };
}

/** A worker over fake claims and calls: each call finishes when the test says so. */
function harness(
  options: {
    concurrency?: number;
    startWithinMs?: number;
    paused?: () => readonly string[] | 'all';
    backlog?: ClaimedAction[];
  } = {},
) {
  const backlog = options.backlog ?? [];
  const claims: number[] = [];
  const started: string[] = [];
  const handedBack: { id: string; reason: HandBackReason }[] = [];
  const finishers = new Map<string, () => void>();
  let underWay = 0;
  let mostUnderWay = 0;
  const worker = new QueueWorker({
    queue: 'pos',
    workerId: 'worker',
    concurrency: options.concurrency ?? 2,
    leaseMs,
    startWithinMs: options.startWithinMs ?? 10_000,
    pollIntervalMs: 10,
    db: {} as Database,
    breakers: new CircuitBreakers(),
    metrics: undefined,
    logger: silentLogger,
    ...(options.paused ? { pausedTenants: options.paused } : {}),
    claim: (_db: Database, claim: ClaimOptions) => {
      claims.push(claim.limit);
      return Promise.resolve(backlog.splice(0, claim.limit));
    },
    dispatch: (action, callDone) => {
      started.push(action.id);
      underWay += 1;
      mostUnderWay = Math.max(mostUnderWay, underWay);
      return new Promise((resolve) => {
        finishers.set(action.id, () => {
          underWay -= 1;
          callDone();
          resolve('succeeded');
        });
      });
    },
    handBack: (action, reason) => {
      handedBack.push({ id: action.id, reason });
      return Promise.resolve();
    },
  });
  const finish = (id: string) => {
    const done = finishers.get(id);
    assert.ok(done, `${id} was never started`);
    finishers.delete(id);
    done();
  };
  return {
    worker,
    claims,
    started,
    handedBack,
    finish,
    mostUnderWay: () => mostUnderWay,
    backlog,
  };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  assert.fail(`never happened: ${what}`);
}

void describe('queue worker, claiming ahead (ADR 0016)', () => {
  void it('starts a claimed-ahead action the moment a slot frees, never above its concurrency', async () => {
    const backlog = Array.from({ length: 12 }, () => claimed('t1'));
    const h = harness({ concurrency: 2, backlog });
    const stop = new AbortController();
    const running = h.worker.run(stop.signal);
    await until('two calls under way', () => h.started.length === 2);
    // Once a call has finished the worker knows calls are quick, and claims ahead.
    h.finish(h.started[0]!);
    await until('actions claimed ahead', () => h.worker.claimedAheadCount > 0);
    const claimsBefore = h.claims.length;
    const startedBefore = h.started.length;
    h.finish(h.started[1]!);
    // The freed slot took a waiting action in the same turn, without a claim in between.
    assert.equal(h.started.length, startedBefore + 1);
    assert.equal(h.claims.length, claimsBefore);
    const finished = new Set([h.started[0]!, h.started[1]!]);
    while (finished.size < 12) {
      for (const id of [...h.started]) {
        if (finished.has(id)) continue;
        finished.add(id);
        h.finish(id);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    stop.abort();
    await running;
    assert.ok(h.mostUnderWay() <= 2, `at most 2 calls at once, saw ${h.mostUnderWay()}`);
    assert.deepEqual(h.handedBack, []);
  });

  void it('hands back what it claimed ahead when it stops, and starts none of it', async () => {
    const backlog = Array.from({ length: 10 }, () => claimed('t1'));
    const h = harness({ concurrency: 1, backlog });
    const stop = new AbortController();
    const running = h.worker.run(stop.signal);
    await until('one call under way', () => h.started.length === 1);
    h.finish(h.started[0]!);
    await until('actions claimed ahead', () => h.worker.claimedAheadCount > 0);
    const waiting = h.worker.claimedAheadCount;
    stop.abort();
    await running;
    const startedAtStop = h.started.length;
    for (const id of [...h.started]) if (id !== h.started[0]) h.finish(id);
    await h.worker.drain(1000);
    assert.equal(h.started.length, startedAtStop, 'nothing started after the stop');
    assert.equal(h.handedBack.length, waiting);
    assert.ok(h.handedBack.every((back) => back.reason === 'stopping'));
    assert.equal(
      new Set([...h.started, ...h.handedBack.map((back) => back.id)]).size,
      h.started.length + h.handedBack.length,
      'no action both started and handed back',
    );
  });

  void it("hands back a paused tenant's claimed-ahead actions instead of starting them", async () => {
    let paused: readonly string[] = [];
    const backlog = [claimed('t1'), ...Array.from({ length: 6 }, () => claimed('t2'))];
    const h = harness({ concurrency: 1, backlog, paused: () => paused });
    const stop = new AbortController();
    const running = h.worker.run(stop.signal);
    await until('one call under way', () => h.started.length === 1);
    h.finish(h.started[0]!);
    await until('actions claimed ahead', () => h.worker.claimedAheadCount > 0);
    // The kill switch trips while t2's actions wait for the slot.
    paused = ['t2'];
    const current = h.started.at(-1)!;
    h.finish(current);
    await until('the waiting actions handed back', () => h.worker.claimedAheadCount === 0);
    stop.abort();
    await running;
    await h.worker.drain(1000);
    const t2 = new Set(backlog.slice(1).map((action) => action.id));
    const startedAfterPause = h.started.slice(h.started.indexOf(current) + 1);
    assert.deepEqual(
      startedAfterPause.filter((id) => t2.has(id)),
      [],
      'no paused action started',
    );
    assert.ok(h.handedBack.length > 0);
    assert.ok(h.handedBack.every((back) => back.reason === 'paused' || back.reason === 'stopping'));
  });

  void it('never starts an action that waited so long that its lease could not hold the call', async () => {
    // Claimed long ago (by this process's clock): its lease is mostly spent.
    const old = claimed('t1', performance.now() - 5_000);
    const fresh = claimed('t1');
    const h = harness({ concurrency: 1, startWithinMs: 1_000, backlog: [old, fresh] });
    const stop = new AbortController();
    const running = h.worker.run(stop.signal);
    await until('the fresh action started', () => h.started.includes(fresh.id));
    stop.abort();
    await running;
    h.finish(fresh.id);
    await h.worker.drain(1000);
    assert.ok(!h.started.includes(old.id), 'the stale action was never started');
    assert.deepEqual(h.handedBack, [{ id: old.id, reason: 'waited_too_long' }]);
  });
});
