import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import { transition, type ActionEvent } from '../../contracts/actions/action-transitions.ts';
import { ActionType } from '../../contracts/actions/action-type.ts';
import { parseToolInput } from '../../contracts/tools/registry.ts';
import type { Database, TenantTx } from '../../platform/db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { actionsChannel } from '../../platform/db/outbox.ts';
import { recordTransition } from '../dispatcher/state-change.ts';
import { appendAudit } from './audit-log.ts';

export interface OperatorContext {
  tenantId: string;
  /** The operator's id (audited); not personal data. */
  operator: string;
  /** Why, in the operator's words; goes into the event reason and the audit row. */
  note?: string;
  requestId?: string;
  signal?: AbortSignal;
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
  payload: unknown;
  correlation_id: string;
  session_id: string | null;
}

async function lockAction(tx: TenantTx, actionId: string): Promise<LockedAction> {
  const found = await tx.query<LockedAction>(
    `select id::text, type, queue, status, attempt, max_attempts, payload, correlation_id::text, session_id::text
     from actions where id = $1 for update`,
    [actionId],
  );
  const action = found.rows[0];
  if (!action) throw new NotFoundError('no such action for this tenant');
  return action;
}

async function operatorMove(
  db: Database,
  context: OperatorContext,
  actionId: string,
  event: ActionEvent,
  auditAction: string,
  change: (tx: TenantTx, action: LockedAction, to: ActionStatus) => Promise<void>,
): Promise<ActionStatus> {
  return db.withTenant(
    context.tenantId,
    async (tx) => {
      const action = await lockAction(tx, actionId);
      // Throws IllegalTransitionError for moves the table does not allow an operator.
      const to = transition({ status: action.status }, event, 'operator');
      await change(tx, action, to);
      const updated = await tx.query(
        `update actions set status = $2, updated_at = now() where id = $1 and status = $3`,
        [actionId, to, action.status],
      );
      if (updated.rowCount !== 1) throw new ConflictError('the action changed meanwhile');
      await recordTransition(
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
          actor: 'operator',
        },
      );
      await appendAudit(tx, {
        actor: context.operator,
        action: auditAction,
        resourceType: 'action',
        resourceId: actionId,
        before: { status: action.status, attempt: action.attempt },
        after: { status: to, note: context.note ?? null },
        requestId: context.requestId ?? null,
      });
      if (to === 'RETRYING')
        await tx.query('select pg_notify($1, $2)', [actionsChannel, action.queue]);
      return to;
    },
    { signal: context.signal },
  );
}

/**
 * DEAD_LETTER → RETRYING (`operator_retry`), due now, with {@link operatorRetryAttempts} more
 * attempts. If the dead attempt's outcome was unknown, the dispatcher reconciles first.
 */
export function retryAction(
  db: Database,
  context: OperatorContext,
  actionId: string,
): Promise<ActionStatus> {
  return operatorMove(
    db,
    context,
    actionId,
    'operator_retry',
    'action.retry',
    async (tx, action) => {
      await tx.query(
        `update actions set next_attempt_at = now(), max_attempts = least(1000, $2::int) where id = $1`,
        [actionId, action.attempt + operatorRetryAttempts],
      );
    },
  );
}

/** PENDING, FAILED or RETRYING → CANCELED: the effect is no longer wanted. */
export function cancelAction(
  db: Database,
  context: OperatorContext,
  actionId: string,
): Promise<ActionStatus> {
  return operatorMove(db, context, actionId, 'cancel', 'action.cancel', async () => undefined);
}

/**
 * Corrects a dead-lettered action's payload (validated by its tool contract) and retries it.
 * The idempotency key stays: the business effect is the same one, and a target that already
 * applied it must still recognise it.
 */
export function editAndRetryAction(
  db: Database,
  context: OperatorContext,
  actionId: string,
  payload: unknown,
): Promise<ActionStatus> {
  return operatorMove(
    db,
    context,
    actionId,
    'operator_retry',
    'action.edit_and_retry',
    async (tx, action) => {
      const type = ActionType.parse(action.type);
      if (type === 'webhook') {
        throw new ValidationError('webhook deliveries cannot be edited', [
          { path: 'type', message: 'not editable' },
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
