import type { ActionQueue } from '../../contracts/actions/action-type.ts';
import { delay, settleWithin } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/log/index.ts';
import type { CircuitBreakers } from './circuit-breakers.ts';
import { claimBatch } from './claim-batch.ts';
import type { ClaimedAction } from './claimed-action.ts';
import type { DispatcherMetrics } from './dispatcher-metrics.ts';
import type { DispatchOutcome } from './dispatch-action.ts';

export interface QueueWorkerOptions {
  queue: ActionQueue;
  workerId: string;
  /** Calls in flight at once for this queue, across all tenants. */
  concurrency: number;
  /** Most actions claimed per round trip. @default concurrency */
  batchSize?: number;
  /** Lease per claim, in ms: longer than reconcile + call, or a slow call gets taken over. */
  leaseMs: number;
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
   * Tenants whose actions of this queue must wait (an integration kill switch), or `'all'`.
   * Asked before every claim; their actions stay PENDING/RETRYING, untouched, until released.
   */
  pausedTenants?: (queue: ActionQueue) => readonly string[] | 'all';
}

/**
 * The loop of one queue: claims as many actions as it has free slots, runs each on its own,
 * and sleeps until a NOTIFY, a freed slot or the poll interval. Queues run side by side with
 * their own slots, so a POS that takes 10 s per call never delays a printer ticket.
 */
export class QueueWorker {
  /** Attempts not finished, recording included (what a drain waits for). */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Target calls under way: what `concurrency` limits. */
  private callsUnderWay = 0;
  private nudge: (() => void) | undefined;
  private nudged = false;

  constructor(private readonly options: QueueWorkerOptions) {}

  get queue(): ActionQueue {
    return this.options.queue;
  }

  /** Target calls under way. */
  get inFlightCount(): number {
    return this.callsUnderWay;
  }

  /** New work may be ready (NOTIFY on this queue). */
  wake(): void {
    this.nudged = true;
    this.nudge?.();
  }

  /** Claims and dispatches until `signal` aborts; in-flight calls are left for {@link drain}. */
  async run(signal: AbortSignal): Promise<void> {
    const { concurrency, logger, queue } = this.options;
    const batchSize = this.options.batchSize ?? concurrency;
    let failures = 0;
    while (!signal.aborted) {
      // Claims are batched naturally: slots freed while a claim runs are claimed together by
      // the next. (Waiting for half the slots instead left a slot of a 10 s POS idle for 10 s.)
      const free = Math.min(concurrency - this.callsUnderWay, batchSize);
      let claimed = 0;
      const paused = this.options.pausedTenants?.(queue) ?? [];
      if (free > 0 && paused !== 'all') {
        try {
          const batch = await claimBatch(this.options.db, {
            queue,
            workerId: this.options.workerId,
            limit: free,
            leaseMs: this.options.leaseMs,
            skipTenants: [...this.options.breakers.deferredTenants(queue), ...paused],
            signal,
          });
          failures = 0;
          claimed = batch.length;
          for (const action of batch) this.start(action);
        } catch (error) {
          if (signal.aborted) break;
          failures += 1;
          logger.warn({ err: error, queue }, 'claiming actions failed; backing off');
          await delay(Math.min(100 * 2 ** failures, 5000), signal).catch(() => undefined);
          continue;
        }
      }
      // A full batch means more may be waiting: claim again at once.
      if (claimed > 0 && claimed === free) continue;
      await this.sleep(signal);
    }
  }

  /** Waits for in-flight attempts, at most `timeoutMs`; true when all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    const all = Promise.allSettled([...this.inFlight]).then(() => true as const);
    return (await settleWithin(all, timeoutMs)) === true;
  }

  private start(action: ClaimedAction): void {
    if (action.attempt === 1 && !action.leaseExpired) {
      this.options.metrics?.commitToDispatchSeconds.observe(
        { queue: this.queue },
        Math.max(0, Date.now() - action.createdAt.getTime()) / 1000,
      );
    }
    this.callsUnderWay += 1;
    let calling = true;
    const callDone = () => {
      if (!calling) return;
      calling = false;
      this.callsUnderWay -= 1;
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
