import { ActionError } from '../../contracts/actions/action-error.ts';
import { ActionStatus } from '../../contracts/actions/action-status.ts';
import { ActionType, type ActionQueue } from '../../contracts/actions/action-type.ts';
import { transition } from '../../contracts/actions/action-transitions.ts';
import type { Database } from '../../platform/db/database.ts';
import type { ClaimedAction } from './claimed-action.ts';

interface ClaimRow {
  tenant_id: string;
  id: string;
  type: string;
  previous_status: string;
  attempt: number;
  max_attempts: number;
  payload: unknown;
  idempotency_key: string;
  correlation_id: string;
  session_id: string | null;
  lease_expired: boolean;
  locked_until: Date;
  created_at: Date;
  last_error: unknown;
}

export interface ClaimOptions {
  queue: ActionQueue;
  workerId: string;
  limit: number;
  leaseMs: number;
  /** Tenants whose circuit is open for this queue: their actions stay where they are. */
  skipTenants: readonly string[];
  signal?: AbortSignal;
}

/**
 * Claims a fair batch through `claim_actions` (the reviewed security-definer function, ADR
 * 0007), in one statement that is its own transaction: the claim is on the way to every slot
 * that waits for it, and `begin`/`commit` round trips would add to each commit→dispatch (ADR
 * 0024). The function records each move as `ActionStateChanged` in the same statement (a
 * taken-over lease as fail → schedule_retry → dispatch: the dead attempt's outcome is
 * unknown). Every move is then replayed through the state machine with `transition()`; a
 * batch that breaks it is not started — its leases expire and the next owner reconciles.
 */
export async function claimBatch(db: Database, options: ClaimOptions): Promise<ClaimedAction[]> {
  const sentAtMs = performance.now();
  const claimed = await db.statement<ClaimRow>(
    'select * from claim_actions($1, $2, $3, $4, $5::uuid[])',
    [options.queue, options.workerId, options.limit, options.leaseMs, options.skipTenants],
    { signal: options.signal },
  );
  const actions = claimed.rows.map((row) => toClaimed(row, options, sentAtMs));
  for (const action of actions) checkClaimMoves(action);
  return actions;
}

/** The moves `claim_actions` recorded for this action, replayed through the state machine. */
function checkClaimMoves(action: ClaimedAction): void {
  let status = action.previousStatus;
  if (action.leaseExpired) {
    status = transition({ status }, 'fail');
    status = transition({ status }, 'schedule_retry');
  }
  transition({ status }, 'dispatch');
}

function toClaimed(row: ClaimRow, options: ClaimOptions, sentAtMs: number): ClaimedAction {
  const lastError = ActionError.safeParse(row.last_error);
  return {
    tenantId: row.tenant_id,
    id: row.id,
    type: ActionType.parse(row.type),
    queue: options.queue,
    previousStatus: ActionStatus.parse(row.previous_status),
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    payload: row.payload,
    idempotencyKey: row.idempotency_key,
    correlationId: row.correlation_id,
    sessionId: row.session_id,
    leaseExpired: row.lease_expired,
    lockedBy: options.workerId,
    lockedUntil: row.locked_until,
    leaseDeadlineMs: sentAtMs + options.leaseMs,
    leaseMs: options.leaseMs,
    createdAt: row.created_at,
    lastError: lastError.success ? lastError.data : null,
  };
}
