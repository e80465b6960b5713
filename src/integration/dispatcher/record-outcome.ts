import type { ActionError } from '../../contracts/actions/action-error.ts';
import type { Database, TenantTx } from '../../platform/db/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { ClaimedAction } from './claimed-action.ts';
import { appendEvents } from '../../platform/db/outbox.ts';
import { outcomeEvents } from './domain-events.ts';
import { transitionEvent } from '../../platform/db/action-move.ts';

/** The lease was lost (expired and taken over): this worker's result must not be written. */
export class LeaseLostError extends ConflictError {}

export function isLeaseLost(error: unknown): error is LeaseLostError {
  return error instanceof LeaseLostError;
}

/**
 * The guard every outcome write uses: only the worker that holds this attempt's lease may
 * move the row. A zombie whose lease expired and was taken over matches no row.
 */
async function updateHeld(
  tx: TenantTx,
  action: ClaimedAction,
  set: string,
  values: readonly unknown[],
): Promise<void> {
  const updated = await tx.query(
    `update actions set ${set}, locked_by = null, locked_until = null, updated_at = now()
     where tenant_id = $1 and id = $2 and status = 'DISPATCHED' and locked_by = $3 and attempt = $4`,
    [action.tenantId, action.id, action.lockedBy, action.attempt, ...values],
  );
  if (updated.rowCount !== 1) {
    throw new LeaseLostError('the lease on this action was lost before its outcome was written', {
      details: { actionId: action.id, attempt: action.attempt },
    });
  }
}

/** DISPATCHED → SUCCEEDED with the target's answer, plus the business event it implies. */
export async function recordSuccess(
  db: Database,
  action: ClaimedAction,
  payload: unknown,
  result: unknown,
  signal?: AbortSignal,
): Promise<void> {
  await db.withTenant(
    action.tenantId,
    async (tx) => {
      await updateHeld(tx, action, `status = 'SUCCEEDED', result = $5`, [JSON.stringify(result)]);
      const succeeded = transitionEvent(action, {
        from: 'DISPATCHED',
        event: 'succeed',
        attempt: action.attempt,
        reason: null,
      });
      await appendEvents(tx, [
        succeeded.event,
        ...outcomeEvents(action, payload, { kind: 'succeeded', result }),
      ]);
    },
    // Recoverable: lost in a server crash, the outcome is found again by reconcile (ADR 0015).
    { signal, synchronousCommit: false },
  );
}

export interface FailureRecord {
  error: ActionError;
  /** undefined: give up (DEAD_LETTER); otherwise retry after this many ms. */
  retryInMs: number | undefined;
  /** The target's answer when it refused (stored as the result). */
  result?: unknown;
  timeout: boolean;
  rejected: boolean;
}

/**
 * DISPATCHED → FAILED → RETRYING (with `next_attempt_at`) or → DEAD_LETTER, in one
 * transaction with both ActionStateChanged events and the business failure event.
 */
export async function recordFailure(
  db: Database,
  action: ClaimedAction,
  payload: unknown,
  failure: FailureRecord,
  signal?: AbortSignal,
): Promise<'RETRYING' | 'DEAD_LETTER'> {
  return db.withTenant(
    action.tenantId,
    async (tx) => {
      const giveUp = failure.retryInMs === undefined;
      const status = giveUp ? 'DEAD_LETTER' : 'RETRYING';
      await updateHeld(
        tx,
        action,
        `status = $5, last_error = $6, result = coalesce($7::jsonb, result),
         next_attempt_at = case when $5 = 'RETRYING' then now() + $8 * interval '1 millisecond' else next_attempt_at end`,
        [
          status,
          JSON.stringify(failure.error),
          failure.result === undefined ? null : JSON.stringify(failure.result),
          failure.retryInMs ?? 0,
        ],
      );
      const reason = `${failure.error.code}: ${failure.error.message}`;
      const failed = transitionEvent(action, {
        from: 'DISPATCHED',
        event: 'fail',
        attempt: action.attempt,
        reason,
      });
      const next = transitionEvent(action, {
        from: failed.to,
        event: giveUp ? 'give_up' : 'schedule_retry',
        attempt: action.attempt,
        reason,
      });
      await appendEvents(tx, [
        failed.event,
        next.event,
        ...outcomeEvents(action, payload, {
          kind: 'failed',
          error: failure.error,
          willRetry: !giveUp,
          timeout: failure.timeout,
          rejected: failure.rejected,
        }),
      ]);
      return status;
    },
    // Recoverable: lost in a server crash, the outcome is found again by reconcile (ADR 0015).
    { signal, synchronousCommit: false },
  );
}
