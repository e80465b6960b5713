import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import type { ActionEvent } from '../../contracts/actions/action-transitions.ts';
import type { ActionType } from '../../contracts/actions/action-type.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { transitionEvent } from '../../platform/db/action-move.ts';
import { appendEvents } from '../../platform/db/outbox.ts';

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
  const { to, event } = transitionEvent(action, { ...move, actor: 'operator' });
  await appendEvents(tx, [event]);
  return to;
}
