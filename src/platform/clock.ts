/**
 * Time, injectable. Wall time (`now`) is for records; monotonic time (`monotonicMs`) is for
 * measuring durations, which wall time must never be used for (NTP steps it).
 */
export interface Clock {
  now(): Date;
  /** Milliseconds on a monotonic clock with an arbitrary origin; fractional. */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

/** A clock that moves only when told to: for tests of timeouts, TTLs and schedules. */
export class ManualClock implements Clock {
  private wallMs: number;
  private monoMs = 0;
  constructor(start: Date = new Date('2026-01-01T12:00:00Z')) {
    this.wallMs = start.getTime();
  }
  now(): Date {
    return new Date(this.wallMs);
  }
  monotonicMs(): number {
    return this.monoMs;
  }
  advance(durationMs: number): void {
    this.wallMs += durationMs;
    this.monoMs += durationMs;
  }
}

/** Resolves after `durationMs`, or rejects with the signal's reason when it aborts first. */
export function delay(durationMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, durationMs);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits for `promise` at most `timeoutMs`; resolves with its value or with `'timeout'`. The timer
 * is cleared either way — a bare `delay` raced against work keeps Node alive until it fires.
 */
export async function settleWithin<T>(
  promise: Promise<T>,
  timeoutMs: number,
): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
