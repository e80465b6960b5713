import type { ActionError } from '../../contracts/actions/action-error.ts';
import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import type { ActionQueue, ActionType } from '../../contracts/actions/action-type.ts';
import { isConfirmingNoEffect } from './confirm-no-effect.ts';

/** An action this worker holds a lease on: DISPATCHED, `attempt` already counted. */
export interface ClaimedAction {
  tenantId: string;
  id: string;
  type: ActionType;
  queue: ActionQueue;
  /** PENDING, RETRYING, or DISPATCHED when a dead worker's lease was taken over. */
  previousStatus: ActionStatus;
  attempt: number;
  maxAttempts: number;
  payload: unknown;
  idempotencyKey: string;
  correlationId: string;
  sessionId: string | null;
  /** The previous attempt's worker died mid-call: its outcome is unknown. */
  leaseExpired: boolean;
  lockedBy: string;
  lockedUntil: Date;
  /**
   * When the lease ends by this process's monotonic clock (`performance.now()`), counted from
   * before the claim was sent: a little early, never late, whatever the database's clock says.
   */
  leaseDeadlineMs: number;
  leaseMs: number;
  createdAt: Date;
  lastError: ActionError | null;
}

/** Error code recorded when an attempt's effect may have happened; the next one reconciles. */
export const outcomeUnknownCode = 'outcome_unknown';

/** Whether the attempt must ask the target by key before sending again. */
export function mustReconcileFirst(action: ClaimedAction): boolean {
  return (
    action.leaseExpired ||
    action.lastError?.code === outcomeUnknownCode ||
    isConfirmingNoEffect(action.lastError)
  );
}

/**
 * The error to record for an attempt that sent nothing (a circuit-open deferral, a hand-back):
 * an action that must be asked about first stays so, and one awaiting its confirming question
 * (ADR 0019) keeps that state and the reason it would die of.
 */
export function untriedAttemptError(
  action: ClaimedAction,
  error: { code: string; message: string },
): ActionError {
  if (isConfirmingNoEffect(action.lastError)) return action.lastError!;
  if (mustReconcileFirst(action)) {
    return {
      code: outcomeUnknownCode,
      message: `${error.message}; an earlier attempt's outcome is still unknown`,
      retryable: true,
    };
  }
  return { ...error, retryable: true };
}
