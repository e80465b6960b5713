import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import {
  transition,
  type ActionActor,
  type ActionEvent,
} from '../../contracts/actions/action-transitions.ts';
import type { ActionType } from '../../contracts/actions/action-type.ts';
import type { TenantTx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/db/outbox.ts';

export interface ActionRef {
  id: string;
  type: ActionType;
  correlationId: string;
  sessionId: string | null;
}

/**
 * One move of the state machine: checked by `transition()` (throws on an illegal move) and
 * recorded as `ActionStateChanged` in the caller's transaction — the same one that updates
 * the row, so the event log and the table never disagree. Returns the new status.
 */
export async function recordTransition(
  tx: TenantTx,
  action: ActionRef,
  move: {
    from: ActionStatus;
    event: ActionEvent;
    attempt: number;
    reason: string | null;
    actor?: ActionActor;
  },
): Promise<ActionStatus> {
  const actor = move.actor ?? 'system';
  const to = transition({ status: move.from }, move.event, actor);
  await appendEvent(tx, {
    type: 'ActionStateChanged',
    sessionId: action.sessionId,
    correlationId: action.correlationId,
    payload: {
      action_id: action.id,
      action_type: action.type,
      from: move.from,
      event: move.event,
      to,
      actor,
      reason: move.reason === null ? null : move.reason.slice(0, 500),
      attempt: move.attempt,
    },
  });
  return to;
}
