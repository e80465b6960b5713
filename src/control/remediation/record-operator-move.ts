import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import { transition, type ActionEvent } from '../../contracts/actions/action-transitions.ts';
import type { ActionType } from '../../contracts/actions/action-type.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { appendEvent } from '../../platform/db/outbox.ts';

/**
 * An operator's move of the state machine, checked by `transition()` (throws
 * IllegalTransitionError) and recorded as `ActionStateChanged` with actor `operator` in the
 * caller's transaction. The dispatcher records its own moves; this is the control plane's
 * counterpart, so remediation needs nothing from the integration plane.
 */
export async function recordOperatorMove(
  tx: TenantTx,
  action: { id: string; type: ActionType; correlationId: string; sessionId: string | null },
  move: { from: ActionStatus; event: ActionEvent; attempt: number; reason: string },
): Promise<ActionStatus> {
  const to = transition({ status: move.from }, move.event, 'operator');
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
      actor: 'operator',
      reason: move.reason.slice(0, 500),
      attempt: move.attempt,
    },
  });
  return to;
}
