import type { ActionQueue } from '../../contracts/actions/action-type.ts';
import { delay, settleWithin } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { CircuitBreakers } from './circuit-breakers.ts';
import { claimBatch, type ClaimOptions } from './claim-batch.ts';
import type { ClaimedAction } from './claimed-action.ts';
import { ClaimAhead, type HandBackReason } from './claim-ahead.ts';
import type { DispatcherMetrics } from './dispatcher-metrics.ts';
import type { DispatchOutcome } from './dispatch-action.ts';

export interface QueueWorkerOptions {
  queue: ActionQueue;
  workerId: string;
  /** Calls in flight at once for this queue, across all tenants. */
  concurrency: number;
  /**
   * Most actions claimed ahead of free slots, so that a freed slot starts its next call without
   * waiting for a claim (ADR 0016). The worker holds fewer when calls are slow. 0 turns it off.
   * @default concurrency
   */
  prefetch?: number;
  /** Most actions claimed per round trip. @default concurrency + prefetch */
  batchSize?: number;
  /** Lease per claim, in ms: longer than reconcile + call, or a slow call gets taken over. */
  leaseMs: number;
  /**
   * How long a claimed action may wait for a slot, in ms, and still start with its full attempt
   * timeout inside its lease. One that waited longer is handed back, never started.
   */
  startWithinMs: number;
  /** Poll when no notification came, in ms (NOTIFY can be missed across reconnects). */
  pollIntervalMs: number;
  db: Database;
  breakers: CircuitBreakers;
  metrics: DispatcherMetrics | undefined;
  logger: Logger;
  /**
   * Runs one attempt. It calls `callDone` once the target has answered: the slot is free for
   * the next call while the outcome is still being recorded (recording is batched, ADR 0015).
   */
  dispatch: (action: ClaimedAction, callDone: () => void) => Promise<DispatchOutcome>;
  /**
   * Gives back an action claimed ahead that will not be started (stopping, its tenant paused,
   * or it waited too long): DISPATCHED → FAILED → RETRYING, due at once, nothing sent.
   */
  handBack: (action: ClaimedAction, reason: HandBackReason) => Promise<void>;
  /**
   * Tenants whose actions of this queue must wait (an integration kill switch), or `'all'`.
   * Asked before every claim and before every start; their actions stay PENDING/RETRYING.
   */
  pausedTenants?: (queue: ActionQueue) => readonly string[] | 'all';
  /** Claims a batch. @default claimBatch (tests replace it) */
  claim?: (db: Database, options: ClaimOptions) => Promise<ClaimedAction[]>;
}

/**
 * The loop of one queue: claims for its free slots plus a small buffer ahead of them, starts
 * each claimed action as soon as a slot is free, and sleeps until a NOTIFY, a freed slot or
 * the poll interval. Queues run side by side with their own slots, so a POS that takes 10 s
 * per call never delays a printer ticket.
 */
export class QueueWorker {
  /** Attempts not finished, recording and hand-backs included (what a drain waits for). */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Target calls under way: what `concurrency` limits. */
  private callsUnderWay = 0;
  private readonly ahead: ClaimAhead;
  private nudge: (() => void) | undefined;
  private nudged = false;
  /** Set when the worker is told to stop: nothing waiting starts after that. */
  private stopping = false;

  constructor(private readonly options: QueueWorkerOptions) {
    this.ahead = new ClaimAhead({
      concurrency: options.concurrency,
      prefetch: options.prefetch ?? options.concurrency,
      startWithinMs: options.startWithinMs,
    });
  }

  get queue(): ActionQueue {
    return this.options.queue;
  }

  /** Target calls under way. */
  get inFlightCount(): number {
    return this.callsUnderWay;
  }

  /** Actions claimed and waiting for a slot. */
  get claimedAheadCount(): number {
    return this.ahead.size;
  }

  /** New work may be ready (NOTIFY on this queue). */
  wake(): void {
    this.nudged = true;
    this.nudge?.();
  }

  /**
   * Claims and dispatches until `signal` aborts; then hands back what was claimed ahead and
   * not started. In-flight calls are left for {@link drain}.
   */
  async run(signal: AbortSignal): Promise<void> {
    const { concurrency, logger, queue } = this.options;
    const claim = this.options.claim ?? claimBatch;
    let failures = 0;
    const stop = () => {
      this.stopping = true;
    };
    signal.addEventListener('abort', stop, { once: true });
    if (signal.aborted) stop();
    while (!signal.aborted) {
      this.startWaiting();
      const free = concurrency - this.callsUnderWay;
      const wanted = Math.min(
        this.ahead.wanted(free),
        this.options.batchSize ?? concurrency + this.ahead.maxPrefetch,
      );
      let claimed = 0;
      const paused = this.options.pausedTenants?.(queue) ?? [];
      if (wanted > 0 && paused !== 'all') {
        try {
          const batch = await claim(this.options.db, {
            queue,
            workerId: this.options.workerId,
            limit: wanted,
            leaseMs: this.options.leaseMs,
            skipTenants: [...this.options.breakers.deferredTenants(queue), ...paused],
            signal,
          });
          failures = 0;
          claimed = batch.length;
          this.ahead.add(batch);
          this.startWaiting();
        } catch (error) {
          if (signal.aborted) break;
          failures += 1;
          logger.warn({ err: error, queue }, 'claiming actions failed; backing off');
          await delay(Math.min(100 * 2 ** failures, 5000), signal).catch(() => undefined);
          continue;
        }
      }
      // A full batch means more may be waiting: claim again at once.
      if (claimed > 0 && claimed === wanted) continue;
      await this.sleep(signal);
    }
    // Nothing claimed ahead may start once the worker stops: hand it all back.
    for (const action of this.ahead.takeAll()) this.handBack(action, 'stopping');
  }

  /** Waits for in-flight attempts and hand-backs, at most `timeoutMs`; true when all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    const all = Promise.allSettled([...this.inFlight]).then(() => true as const);
    return (await settleWithin(all, timeoutMs)) === true;
  }

  /** Starts waiting actions while slots are free; hands back those that must not start. */
  private startWaiting(): void {
    while (!this.stopping && this.callsUnderWay < this.options.concurrency) {
      const next = this.ahead.next();
      if (!next) return;
      if (next.stale) {
        this.handBack(next.action, 'waited_too_long');
        continue;
      }
      const paused = this.options.pausedTenants?.(this.queue) ?? [];
      if (paused === 'all' || paused.includes(next.action.tenantId)) {
        this.handBack(next.action, 'paused');
        continue;
      }
      this.start(next.action);
    }
  }

  private handBack(action: ClaimedAction, reason: HandBackReason): void {
    const handing = this.options
      .handBack(action, reason)
      .catch((error: unknown) => {
        // Its lease expires and the next claim takes it over, reconciling first: nothing lost.
        this.options.logger.warn(
          { err: error, actionId: action.id, queue: this.queue, reason },
          'could not hand back an action claimed ahead; its lease will expire',
        );
      })
      .finally(() => this.inFlight.delete(handing));
    this.inFlight.add(handing);
  }

  private start(action: ClaimedAction): void {
    if (action.attempt === 1 && !action.leaseExpired) {
      this.options.metrics?.commitToDispatchSeconds.observe(
        { queue: this.queue },
        Math.max(0, Date.now() - action.createdAt.getTime()) / 1000,
      );
    }
    this.callsUnderWay += 1;
    const startedMs = performance.now();
    let calling = true;
    const callDone = () => {
      if (!calling) return;
      calling = false;
      this.callsUnderWay -= 1;
      this.ahead.observeCall(performance.now() - startedMs);
      // The freed slot takes the next action claimed ahead at once; the loop refills.
      this.startWaiting();
      this.wake();
    };
    const running = this.options.dispatch(action, callDone).finally(() => {
      callDone();
      this.inFlight.delete(running);
    });
    this.inFlight.add(running);
  }

  private async sleep(signal: AbortSignal): Promise<void> {
    if (this.nudged) {
      this.nudged = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.nudge = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      signal.addEventListener('abort', done, { once: true });
      this.nudge = done;
    });
    this.nudged = false;
  }
}
