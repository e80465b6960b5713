import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ActionQueue, ActionType } from '../../contracts/actions/action-type.ts';
import { queueForActionType } from '../../contracts/actions/action-type.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { Registry } from '../../platform/metrics/index.ts';
import type { TargetDirectory } from '../targets/action-target.ts';
import {
  CircuitBreakers,
  type CircuitBreakerOptions,
  type CircuitState,
} from './circuit-breakers.ts';
import { DispatcherMetrics } from './dispatcher-metrics.ts';
import { dispatchAction, type DispatchOutcome } from './dispatch-action.ts';
import { SuccessBatcher } from './success-batch.ts';
import { QueueWorker } from './queue-worker.ts';
import { handBackAction } from './hand-back.ts';
import { defaultRetrySchedules, type RetrySchedule } from './retry-schedule.ts';
import { listenForActions } from './wake-listener.ts';

export interface QueueSettings {
  /** Calls in flight at once on this queue. */
  concurrency: number;
  /**
   * Most actions claimed ahead of free slots (ADR 0016); fewer when calls are slow, none when
   * the lease leaves no room. 0 turns it off. @default concurrency
   */
  prefetch?: number;
}

/** Defaults: POS calls are slow and few, printer hand-offs fast and many. */
export const defaultQueueSettings: Record<ActionQueue, QueueSettings> = {
  pos: { concurrency: 8 },
  printer: { concurrency: 16 },
  messaging: { concurrency: 8 },
  webhook: { concurrency: 8 },
};

export interface StartDispatcherOptions {
  db: Database;
  logger: Logger;
  /** The process's registry (served at /metrics); the dispatcher adds its metrics to it. */
  metrics?: Registry;
  /** Aborting it stops the dispatcher gracefully (like calling `stop()`). */
  signal?: AbortSignal;
  /** Which targets execute which actions, per tenant. */
  targets: TargetDirectory;
  /** Queues to serve. @default every queue, `webhook` included */
  queues?: readonly ActionQueue[];
  queueSettings?: Partial<Record<ActionQueue, Partial<QueueSettings>>>;
  retrySchedules?: Partial<Record<ActionType, Partial<RetrySchedule>>>;
  breaker?: Omit<CircuitBreakerOptions, 'onStateChange'>;
  /** Fallback poll when no NOTIFY arrives, in ms. @default 1000 */
  pollIntervalMs?: number;
  /** How long `stop()` waits for in-flight calls before aborting them, in ms. @default 10_000 */
  drainTimeoutMs?: number;
  /**
   * Lease per claim, in ms. @default 2 × the queue's longest attempt timeout + 15 s, so that
   * reconciliation, the call and recording fit; shorter leases take over dead workers sooner.
   */
  leaseMs?: number;
  /** Names this process in `locked_by`. @default host-pid-random */
  workerId?: string;
  /**
   * Tenants whose actions of a queue must not be dispatched now (integration kill switches,
   * composed by the CLI from RuntimeControls), or `'all'`. Deferred, never failed.
   */
  pausedTenants?: (queue: ActionQueue) => readonly string[] | 'all';
  /** Observes every finished attempt (tests, benchmarks). */
  onAttempt?: (queue: ActionQueue, outcome: DispatchOutcome) => void;
}

export interface RunningDispatcher {
  readonly workerId: string;
  /** Circuit state per tenant × queue, as the gauge exports it. */
  circuitState(queue: ActionQueue, tenantId: string): CircuitState;
  inFlight(): Record<string, number>;
  /** Claims now on every queue (e.g. a kill switch was released). */
  wake(): void;
  /** Stops claiming, waits up to `drainTimeoutMs` for in-flight calls, then aborts them. */
  stop(): Promise<void>;
  /** Resolves when the dispatcher has stopped. */
  readonly stopped: Promise<void>;
}

/**
 * Starts one dispatcher process's workers: one loop per queue with its own concurrency, a
 * LISTEN connection that wakes them, polling as a safety net. Several processes may run
 * against one database; `claim_actions` hands each action to exactly one of them.
 */
export function startDispatcher(options: StartDispatcherOptions): RunningDispatcher {
  const { db, logger } = options;
  const workerId =
    options.workerId ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const metrics = options.metrics ? new DispatcherMetrics(options.metrics) : undefined;
  const breakers = new CircuitBreakers({
    ...options.breaker,
    onStateChange: (queue, tenantId, state) => {
      metrics?.setCircuit(queue, tenantId, state);
      logger.info({ queue, tenantId, state }, 'circuit state changed');
    },
  });
  const schedules = Object.fromEntries(
    Object.entries(defaultRetrySchedules).map(([type, schedule]) => [
      type,
      { ...schedule, ...options.retrySchedules?.[type as ActionType] },
    ]),
  ) as Record<ActionType, RetrySchedule>;

  const claimStop = new AbortController();
  const interrupt = new AbortController();
  const recordTimeoutMs = 10_000;
  const deps = {
    db,
    targets: options.targets,
    breakers,
    schedules,
    metrics,
    logger,
    interruptSignal: interrupt.signal,
    recordTimeoutMs,
    successes: new SuccessBatcher({ db, recordTimeoutMs }),
  };
  const queues =
    options.queues ?? ([...new Set(Object.values(queueForActionType))] as ActionQueue[]);
  const workers = queues.map((queue) => {
    const types = (Object.keys(queueForActionType) as ActionType[]).filter(
      (type) => queueForActionType[type] === queue,
    );
    // The lease must outlast reconciliation plus the call, with room for recording.
    const longestMs = Math.max(...types.map((type) => schedules[type].attemptTimeoutMs));
    const leaseMs = options.leaseMs ?? 2 * longestMs + 15_000;
    const concurrency =
      options.queueSettings?.[queue]?.concurrency ?? defaultQueueSettings[queue].concurrency;
    return new QueueWorker({
      queue,
      workerId,
      concurrency,
      prefetch: options.queueSettings?.[queue]?.prefetch ?? concurrency,
      leaseMs,
      // An action claimed ahead must start while its lease still holds a reconciliation and a
      // call at their full timeouts, before the quarter-lease kept for recording the outcome.
      startWithinMs: (leaseMs * 3) / 4 - 2 * longestMs,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      db,
      breakers,
      metrics,
      logger,
      ...(options.pausedTenants ? { pausedTenants: options.pausedTenants } : {}),
      dispatch: async (action, callDone) => {
        const outcome = await dispatchAction(deps, action, callDone);
        options.onAttempt?.(queue, outcome);
        return outcome;
      },
      handBack: async (action, reason) => {
        await handBackAction(db, action, reason, AbortSignal.timeout(recordTimeoutMs));
        options.onAttempt?.(queue, 'deferred');
      },
    });
  });
  const byQueue = new Map(workers.map((worker) => [worker.queue, worker]));

  const listening = listenForActions(
    db,
    (queue) => byQueue.get(queue)?.wake(),
    logger,
    claimStop.signal,
  );
  const running = Promise.all(workers.map((worker) => worker.run(claimStop.signal)));
  logger.info({ workerId, queues }, 'dispatcher started');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      claimStop.abort();
      await running;
      const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
      const drained = await Promise.all(workers.map((worker) => worker.drain(drainTimeoutMs)));
      if (drained.includes(false)) {
        logger.warn({ workerId }, 'in-flight calls outlived the drain timeout; interrupting them');
        interrupt.abort();
        // Interrupted attempts record themselves as "outcome unknown", bounded by recordTimeoutMs.
        await Promise.all(workers.map((worker) => worker.drain(deps.recordTimeoutMs + 1000)));
      }
      await listening;
      logger.info({ workerId }, 'dispatcher stopped');
    })();
    return stopping;
  };
  options.signal?.addEventListener('abort', () => void stop(), { once: true });
  if (options.signal?.aborted) void stop();

  let resolveStopped: () => void;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  void running.then(() => stop()).then(() => resolveStopped());

  return {
    workerId,
    circuitState: (queue, tenantId) => breakers.state(queue, tenantId),
    inFlight: () =>
      Object.fromEntries(workers.map((worker) => [worker.queue, worker.inFlightCount])),
    wake: () => {
      for (const worker of workers) worker.wake();
    },
    stop,
    stopped,
  };
}
