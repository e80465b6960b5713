import type { ClaimedAction } from './claimed-action.ts';

/** Why an action claimed ahead is given back unstarted (its `last_error.code`). */
export type HandBackReason = 'stopping' | 'paused' | 'waited_too_long';

export interface ClaimAheadOptions {
  concurrency: number;
  /** Most actions held ahead of free slots; 0 turns claiming ahead off. */
  prefetch: number;
  /** Longest wait for a slot that still leaves the call its full time inside the lease, in ms. */
  startWithinMs: number;
  /** How long, on average, an action should wait in the buffer, in ms. @default 200 */
  targetWaitMs?: number;
}

/**
 * The actions a queue worker has claimed ahead of its free slots (ADR 0016), oldest first, so
 * that a slot freed by a call starts the next call at once instead of waiting for a claim's
 * round trip. It holds only what the slots will use soon: by Little's law, about
 * `concurrency × targetWaitMs / callMs` actions, so slow targets get none ahead (and a second
 * dispatcher process is not starved of work this one could not start). When claiming ahead,
 * an action that waited past `startWithinMs` since its claim is reported stale: its call could
 * no longer get its full time before the lease ends, so it must be handed back, not started.
 */
export class ClaimAhead {
  private readonly waiting: ClaimedAction[] = [];
  /** Moving average of a call's duration, in ms; unknown until a call has finished. */
  private callMs: number | undefined;
  readonly maxPrefetch: number;

  constructor(private readonly options: ClaimAheadOptions) {
    this.maxPrefetch = options.startWithinMs > 0 ? Math.max(0, options.prefetch) : 0;
  }

  get size(): number {
    return this.waiting.length;
  }

  /** How many to claim now with `free` slots idle; 0 while the buffer is full enough. */
  wanted(free: number): number {
    const limit = this.limit();
    const room = free + limit - this.waiting.length;
    if (room <= 0) return 0;
    // An idle slot waits for work: claim at once. Otherwise refill in batches.
    if (free > 0) return room;
    return room >= Math.max(1, Math.ceil(limit / 2)) ? room : 0;
  }

  add(actions: readonly ClaimedAction[]): void {
    this.waiting.push(...actions);
  }

  /** The oldest waiting action, and whether it waited too long to start. */
  next(nowMs = performance.now()): { action: ClaimedAction; stale: boolean } | undefined {
    const action = this.waiting.shift();
    if (!action) return undefined;
    // Without claiming ahead, every action is claimed for a slot that is already free and
    // starts at once, as before ADR 0016: there is no wait to bound.
    if (this.maxPrefetch === 0) return { action, stale: false };
    const claimedAtMs = action.leaseDeadlineMs - action.leaseMs;
    return { action, stale: nowMs - claimedAtMs > this.options.startWithinMs };
  }

  takeAll(): ClaimedAction[] {
    return this.waiting.splice(0);
  }

  observeCall(durationMs: number): void {
    this.callMs = this.callMs === undefined ? durationMs : 0.8 * this.callMs + 0.2 * durationMs;
  }

  /** Actions to hold ahead now. */
  private limit(): number {
    if (this.maxPrefetch === 0 || this.callMs === undefined) return 0;
    const targetWaitMs = Math.min(this.options.targetWaitMs ?? 200, this.options.startWithinMs / 4);
    const byWait = Math.floor((this.options.concurrency * targetWaitMs) / Math.max(this.callMs, 1));
    return Math.min(this.maxPrefetch, byWait);
  }
}
