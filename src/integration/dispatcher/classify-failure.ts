import { isContractViolation } from '../../contracts/common/contract-violation.ts';
import { errorMessage, isVoxeronError, Retry } from '../../platform/errors.ts';
import { outcomeUnknownCode } from './claimed-action.ts';

/** What the dispatcher does after an attempt failed, decided by the error's type. */
export interface FailureDecision {
  /** `retry`: may succeed later; `reconcile`: may have happened, ask before resending; `never`. */
  retry: Retry;
  /** snake_case code recorded in `last_error` and the event's reason. */
  code: string;
  message: string;
  /** The target's `Retry-After`, in ms. */
  retryAfterMs: number | undefined;
  /** Whether the failure says something about the target's health (feeds the breaker). */
  countsAgainstTarget: boolean;
}

/**
 * Turns a thrown value into a decision from its type, never its text: a contract violation
 * (our payload is wrong) is permanent; a VoxeronError carries `retry`; anything else is a
 * transient surprise.
 */
export function classifyFailure(error: unknown): FailureDecision {
  if (isContractViolation(error)) {
    return {
      retry: Retry.never,
      code: 'contract_violation',
      message: error.message,
      retryAfterMs: undefined,
      countsAgainstTarget: false,
    };
  }
  if (isVoxeronError(error)) {
    return {
      retry: error.retry,
      code: error.retry === Retry.reconcile ? outcomeUnknownCode : error.code,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      countsAgainstTarget: error.retry !== Retry.never,
    };
  }
  return {
    retry: Retry.retryable,
    code: 'unexpected_error',
    message: errorMessage(error),
    retryAfterMs: undefined,
    countsAgainstTarget: true,
  };
}
