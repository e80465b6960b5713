import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import type { ActionEvent } from '../../contracts/actions/action-transitions.ts';
import { ActionType } from '../../contracts/actions/action-type.ts';
import { parseToolInput } from '../../contracts/tools/registry.ts';
import { actionsChannel } from '../../platform/db/outbox.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { actionVersionSql } from './list-actions.ts';
import { recordOperatorMove } from './record-operator-move.ts';

export interface OperatorContext {
  /** Who acted, as the audit log names it (`<role>:<token id>`, `cli:<user>`). */
  operator: string;
  /** Why, in the operator's words; goes into the event reason and the audit row. */
  note?: string | undefined;
  requestId?: string | null;
  /** The action version the operator last saw (If-Match); undefined: no check. */
  expectedVersion?: string | undefined;
}

/** Attempts an operator retry grants on top of those already made. */
export const operatorRetryAttempts = 3;

interface LockedAction {
  id: string;
  type: string;
  queue: string;
  status: ActionStatus;
  attempt: number;
  max_attempts: number;
  correlation_id: string;
  session_id: string | null;
  version: string;
}

/** An operator acted on a version of the action that is no longer current. */
export class StaleActionVersionError extends ConflictError {
  readonly current: string;
  constructor(current: string) {
    super('the action changed since it was read', { details: { current } });
    this.current = current;
  }
}

async function lockAction(tx: TenantTx, actionId: string): Promise<LockedAction> {
  const found = await tx.query<LockedAction>(
    `select id::text, type, queue, status, attempt, max_attempts, correlation_id::text,
            session_id::text, ${actionVersionSql} as version
     from actions where id = $1 for update`,
    [actionId],
  );
  const action = found.rows[0];
  if (!action) throw new NotFoundError('no such action for this tenant');
  return action;
}

/**
 * One operator move in the caller's transaction: lock the row, check the version and the
 * state machine (IllegalTransitionError for a move an operator may not make), apply `change`,
 * record ActionStateChanged and the audit row, and wake the dispatchers at commit when the
 * action is due again.
 */
async function operatorMove(
  tx: TenantTx,
  context: OperatorContext,
  actionId: string,
  event: ActionEvent,
  auditAction: string,
  change: (action: LockedAction) => Promise<void>,
): Promise<ActionStatus> {
  const action = await lockAction(tx, actionId);
  if (context.expectedVersion !== undefined && context.expectedVersion !== action.version) {
    throw new StaleActionVersionError(action.version);
  }
  const to = await recordOperatorMove(
    tx,
    {
      id: action.id,
      type: ActionType.parse(action.type),
      correlationId: action.correlation_id,
      sessionId: action.session_id,
    },
    {
      from: action.status,
      event,
      attempt: action.attempt,
      reason: context.note?.trim() || `operator ${auditAction}`,
    },
  );
  await change(action);
  const updated = await tx.query(
    `update actions set status = $2, locked_by = null, locked_until = null, updated_at = clock_timestamp()
     where id = $1 and status = $3`,
    [actionId, to, action.status],
  );
  if (updated.rowCount !== 1) throw new ConflictError('the action changed meanwhile');
  await writeAudit(tx, {
    actor: context.operator,
    action: auditAction,
    resourceType: 'action',
    resourceId: actionId,
    before: { status: action.status, attempt: action.attempt },
    after: { status: to, note: context.note ?? null },
    requestId: context.requestId ?? null,
  });
  if (to === 'RETRYING') await tx.query('select pg_notify($1, $2)', [actionsChannel, action.queue]);
  return to;
}

/**
 * DEAD_LETTER → RETRYING (`operator_retry`), due now, with {@link operatorRetryAttempts} more
 * attempts. If the dead attempt's outcome was unknown, the dispatcher reconciles first.
 */
export function retryAction(
  tx: TenantTx,
  context: OperatorContext,
  actionId: string,
): Promise<ActionStatus> {
  return operatorMove(tx, context, actionId, 'operator_retry', 'action.retry', async (action) => {
    await tx.query(
      `update actions set next_attempt_at = now(), max_attempts = least(1000, $2::int) where id = $1`,
      [actionId, action.attempt + operatorRetryAttempts],
    );
  });
}

/** PENDING, FAILED or RETRYING → CANCELED: the effect is no longer wanted. */
export function cancelAction(
  tx: TenantTx,
  context: OperatorContext,
  actionId: string,
): Promise<ActionStatus> {
  return operatorMove(tx, context, actionId, 'cancel', 'action.cancel', async () => undefined);
}

/**
 * Corrects a dead-lettered action's payload (validated by its tool contract) and retries it.
 * The idempotency key stays: the business effect is the same one, and a target that already
 * applied it must still recognise it.
 */
export function editAndRetryAction(
  tx: TenantTx,
  context: OperatorContext,
  actionId: string,
  payload: unknown,
): Promise<ActionStatus> {
  return operatorMove(
    tx,
    context,
    actionId,
    'operator_retry',
    'action.edit_and_retry',
    async (action) => {
      const type = ActionType.parse(action.type);
      if (type === 'webhook') {
        throw new ValidationError('webhook deliveries cannot be edited', [
          { path: 'type', message: 'not editable: resend the event instead' },
        ]);
      }
      const validated = parseToolInput(type, payload);
      await tx.query(
        `update actions set payload = $2, next_attempt_at = now(), max_attempts = least(1000, $3::int) where id = $1`,
        [actionId, JSON.stringify(validated), action.attempt + operatorRetryAttempts],
      );
    },
  );
}
