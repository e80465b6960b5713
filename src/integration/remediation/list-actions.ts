import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import type { Database } from '../../platform/db/database.ts';

/** An action as an operator sees it in the remediation list (payload left out: it holds PII). */
export interface ActionSummary {
  id: string;
  type: string;
  queue: string;
  status: ActionStatus;
  attempt: number;
  maxAttempts: number;
  idempotencyKey: string;
  nextAttemptAt: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: { code: string; message: string; retryable: boolean } | null;
  createdAt: Date;
  updatedAt: Date;
}

const columns = `id::text, type, queue, status, attempt, max_attempts as "maxAttempts",
  idempotency_key as "idempotencyKey", next_attempt_at as "nextAttemptAt", locked_by as "lockedBy",
  locked_until as "lockedUntil", last_error as "lastError", created_at as "createdAt", updated_at as "updatedAt"`;

/** The tenant's dead-lettered actions, newest first. */
export async function listDeadLetters(
  db: Database,
  tenantId: string,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<ActionSummary[]> {
  return db.withTenant(
    tenantId,
    async (tx) =>
      (
        await tx.query<ActionSummary>(
          `select ${columns} from actions where status = 'DEAD_LETTER' order by updated_at desc limit $1`,
          [options.limit ?? 100],
        )
      ).rows,
    { signal: options.signal },
  );
}

/**
 * Actions that should have moved and did not: due for longer than `overdueMs` without being
 * claimed (no dispatcher running, or its circuit open), or DISPATCHED past their lease (a
 * dead worker, until another takes over).
 */
export async function listStuckActions(
  db: Database,
  tenantId: string,
  options: { overdueMs?: number; limit?: number; signal?: AbortSignal } = {},
): Promise<ActionSummary[]> {
  return db.withTenant(
    tenantId,
    async (tx) =>
      (
        await tx.query<ActionSummary>(
          `select ${columns} from actions
           where (status in ('PENDING', 'RETRYING') and next_attempt_at < now() - $1 * interval '1 millisecond')
              or (status = 'DISPATCHED' and locked_until < now())
           order by next_attempt_at limit $2`,
          [options.overdueMs ?? 60_000, options.limit ?? 100],
        )
      ).rows,
    { signal: options.signal },
  );
}
