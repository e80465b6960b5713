/**
 * Timers on a manual clock: nothing fires until the test calls `advance`, which runs the due
 * callbacks in time order and lets the promise chains they start settle in between. Timeout
 * logic is then tested without the wall clock.
 */
import { ManualClock } from '../../../platform/clock.ts';
import type { TimerHandle, Timers } from '../timers.ts';

interface PendingTimer {
  id: number;
  dueMs: number;
  callback: () => void;
}

export class ManualScheduler implements Timers {
  readonly clock = new ManualClock();
  private pending: PendingTimer[] = [];
  private nextId = 1;

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.pending.push({ id, dueMs: this.clock.monotonicMs() + Math.max(0, delayMs), callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  /** A `delay(ms, signal)` on this scheduler, for fakes that take one (ScriptedAsr). */
  readonly delay = (durationMs: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const handle = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, durationMs);
      const onAbort = () => {
        this.clearTimeout(handle);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Timers not yet fired: a test checks that none are left behind. */
  get pendingTimers(): number {
    return this.pending.length;
  }

  /** Moves time forward by `durationMs`, firing every timer due on the way, in order. */
  async advance(durationMs: number): Promise<void> {
    const targetMs = this.clock.monotonicMs() + durationMs;
    await settle();
    for (;;) {
      const due = this.pending
        .filter((timer) => timer.dueMs <= targetMs)
        .sort((a, b) => a.dueMs - b.dueMs || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((timer) => timer !== due);
      this.clock.advance(due.dueMs - this.clock.monotonicMs());
      due.callback();
      await settle();
    }
    this.clock.advance(targetMs - this.clock.monotonicMs());
    await settle();
  }

  /** Advances in steps until `done()` holds (for a test driving a consumer loop). */
  async runUntil(done: () => boolean, stepMs = 10, maxMs = 60_000): Promise<void> {
    for (let elapsedMs = 0; !done(); elapsedMs += stepMs) {
      if (elapsedMs > maxMs) throw new Error(`not done after ${maxMs} ms of manual time`);
      await this.advance(stepMs);
    }
  }
}

/** Lets pending promise chains run (several macrotask turns; no wall-clock waiting). */
export async function settle(turns = 10): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
