import type { Timers } from './timers.ts';

export type RaceOutcome<T> =
  | { kind: 'value'; value: T }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

/**
 * Settles with the promise's outcome, a timeout, or the signal's abort — whichever is first —
 * and never rejects. The timer and the abort listener are released either way; a promise that
 * loses the race has its rejection swallowed (its attempt is being torn down).
 */
export function raceTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  timers: Timers,
  signal?: AbortSignal,
): Promise<RaceOutcome<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: RaceOutcome<T>) => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: 'aborted' });
    const timer = timers.setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    if (signal?.aborted) {
      finish({ kind: 'aborted' });
    } else {
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    promise.then(
      (value) => finish({ kind: 'value', value }),
      (error: unknown) => finish({ kind: 'error', error }),
    );
  });
}
