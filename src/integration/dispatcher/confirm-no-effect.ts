import type { ActionError } from '../../contracts/actions/action-error.ts';
import type { RetrySchedule } from './retry-schedule.ts';

/**
 * Recorded instead of a dead letter when reconciliation found no effect of an action whose
 * earlier request may still be on its way to the target: a write aborted by our timeout, or
 * sent by a worker that died, can still be processed after our question was answered. The
 * action is asked about once more, `confirmNoEffectAfterMs` later, and only a second "no such
 * effect" dead-letters it (ADR 0019).
 */
export const confirmingNoEffectCode = 'confirming_no_effect';

/** Floor of the wait before the confirming question, in ms, whatever the attempt timeout. */
export const minConfirmNoEffectAfterMs = 5_000;

/** How long after a "no such effect" the target is asked again before giving up, in ms. */
export function confirmNoEffectAfterMs(schedule: RetrySchedule): number {
  return (
    schedule.confirmNoEffectAfterMs ??
    Math.max(schedule.attemptTimeoutMs, minConfirmNoEffectAfterMs)
  );
}

export function isConfirmingNoEffect(error: ActionError | null | undefined): boolean {
  return error?.code === confirmingNoEffectCode;
}

/** The error to record while confirming: it keeps the reason the action would die of. */
export function confirmingError(reason: ActionError): ActionError {
  return {
    code: confirmingNoEffectCode,
    message: `${reason.code}: ${reason.message}`.slice(0, 1000),
    retryable: true,
  };
}

/**
 * The reason recorded by `confirmingError`, for the dead letter once the confirming question
 * finds nothing either. A message that was not written by `confirmingError` keeps the code.
 */
export function reasonBeingConfirmed(error: ActionError): ActionError {
  const match = /^([a-z][a-z0-9_]{0,63}): ([\s\S]+)$/.exec(error.message);
  if (!match) return { ...error, retryable: false };
  return { code: match[1]!, message: match[2]!, retryable: false };
}
