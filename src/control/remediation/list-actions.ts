import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import type { TenantTx } from '../../platform/db/index.ts';

/** An action as an operator sees it in the remediation list (payload left out: it holds PII). */
export interface ActionSummary {
  id: string;
  type: string;
  queue: string;
  status: ActionStatus;
  attempt: number;
  maxAttempts: number;
  idempotencyKey: string;
  nextAttemptAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: { code: string; message: string; retryable: boolean } | null;
  createdAt: string;
  updatedAt: string;
  /** Changes with every write to the row: the ETag of the action (If-Match). */
  version: string;
}

const iso = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The row's version: its last write to the microsecond (every writer sets updated_at). */
export const actionVersionSql = `(extract(epoch from updated_at) * 1000000)::bigint::text`;

export const actionSummaryColumns = `id::text, type, queue, status, attempt, max_attempts as "maxAttempts",
  idempotency_key as "idempotencyKey", ${iso('next_attempt_at')} as "nextAttemptAt",
  locked_by as "lockedBy", ${iso('locked_until')} as "lockedUntil", last_error as "lastError",
  ${iso('created_at')} as "createdAt", ${iso('updated_at')} as "updatedAt", ${actionVersionSql} as version`;

/** The tenant's dead-lettered actions, newest first. */
export async function listDeadLetters(
  tx: TenantTx,
  options: { limit?: number } = {},
): Promise<ActionSummary[]> {
  return (
    await tx.query<ActionSummary>(
      `select ${actionSummaryColumns} from actions where status = 'DEAD_LETTER'
       order by updated_at desc limit $1`,
      [options.limit ?? 100],
    )
  ).rows;
}

/**
 * Actions that should have moved and did not: due for longer than `overdueMs` without being
 * claimed (no dispatcher running, or its circuit open), or DISPATCHED past their lease (a
 * dead worker, until another takes over).
 */
export async function listStuckActions(
  tx: TenantTx,
  options: { overdueMs?: number; limit?: number } = {},
): Promise<ActionSummary[]> {
  return (
    await tx.query<ActionSummary>(
      `select ${actionSummaryColumns} from actions
       where (status in ('PENDING', 'RETRYING') and next_attempt_at < now() - $1 * interval '1 millisecond')
          or (status = 'DISPATCHED' and locked_until < now())
       order by next_attempt_at limit $2`,
      [options.overdueMs ?? 60_000, options.limit ?? 100],
    )
  ).rows;
}

/** One action's summary, or undefined. */
export async function readActionSummary(
  tx: TenantTx,
  id: string,
): Promise<ActionSummary | undefined> {
  const found = await tx.query<ActionSummary>(
    `select ${actionSummaryColumns} from actions where id = $1`,
    [id],
  );
  return found.rows[0];
}
