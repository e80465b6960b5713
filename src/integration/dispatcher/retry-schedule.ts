import { decorrelatedJitterGenerator } from 'cockatiel';
import type { ActionType } from '../../contracts/actions/action-type.ts';

/** How one action type is retried and how long one attempt may take. */
export interface RetrySchedule {
  /** First backoff, in ms; later ones grow exponentially with decorrelated jitter. */
  initialDelayMs: number;
  /** Cap of one backoff, in ms. */
  maxDelayMs: number;
  /** Time one call to the target may take before its outcome counts as unknown, in ms. */
  attemptTimeoutMs: number;
  /**
   * Wait before asking the target a second time, when a first question found no effect of an
   * action about to be dead-lettered (ADR 0019). Default: the attempt timeout, at least 5 s.
   */
  confirmNoEffectAfterMs?: number;
  /**
   * A fixed schedule instead of jitter: the backoff after failed attempt n is entry n-1 (the
   * last entry repeats), ±10 % jitter so that a recovering receiver is not hit all at once.
   */
  fixedDelaysMs?: readonly number[];
}

/**
 * The Standard Webhooks recommended schedule after the immediate first attempt: 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over ~27 h (enqueue's default max_attempts 8).
 */
export const standardWebhookDelaysMs: readonly number[] = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/**
 * Defaults per action type. The POS timeout is 15 s because real POS systems answer in up to
 * ~10 s under load; a printer hand-off is local and quick; SMS providers rate-limit, so
 * messaging backs off longer. The maximum number of attempts is the action's own
 * `max_attempts` (enqueue sets it, default 8).
 */
export const defaultRetrySchedules: Record<ActionType, RetrySchedule> = {
  create_pos_order: { initialDelayMs: 1_000, maxDelayMs: 60_000, attemptTimeoutMs: 15_000 },
  dispatch_printer_ticket: { initialDelayMs: 500, maxDelayMs: 30_000, attemptTimeoutMs: 5_000 },
  send_confirmation_message: {
    initialDelayMs: 2_000,
    maxDelayMs: 300_000,
    attemptTimeoutMs: 10_000,
  },
  webhook: {
    initialDelayMs: 5_000,
    maxDelayMs: 36_000_000,
    attemptTimeoutMs: 10_000,
    fixedDelaysMs: standardWebhookDelaysMs,
  },
};

/**
 * The backoff after failed attempt `attempt` (from 1): cockatiel's decorrelated jitter, run
 * forward `attempt` steps (attempts live in different processes, so the generator's state is
 * replayed rather than kept). A `Retry-After` from the target is a floor, never shortened.
 */
export function backoffDelayMs(
  schedule: RetrySchedule,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const fixed = schedule.fixedDelaysMs;
  if (fixed && fixed.length > 0) {
    const base = fixed[Math.min(Math.max(1, attempt), fixed.length) - 1]!;
    const jittered = base * (0.9 + 0.2 * random());
    return Math.round(Math.max(jittered, retryAfterMs ?? 0));
  }
  const options = {
    generator: decorrelatedJitterGenerator,
    maxDelay: schedule.maxDelayMs,
    exponent: 2,
    initialDelay: schedule.initialDelayMs,
  };
  let state: [number, number] | undefined;
  let delayMs = schedule.initialDelayMs;
  for (let step = 0; step < Math.max(1, attempt); step++) {
    [delayMs, state] = decorrelatedJitterGenerator(state, options);
  }
  return Math.round(Math.max(delayMs, retryAfterMs ?? 0));
}
