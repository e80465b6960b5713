import { z } from 'zod';
import { Uuid } from '../../common/ids.ts';
import { nonBlankText } from '../../common/text.ts';
import { afterFieldsValid } from '../../common/refine.ts';
import { ActionStatus } from '../../actions/action-status.ts';
import {
  ActionActor,
  ActionEvent,
  canTransition,
  transition,
} from '../../actions/action-transitions.ts';
import { ActionType } from '../../actions/action-type.ts';

/**
 * An action moved in the state machine. Emitted in the same transaction as the status change,
 * so the event log replays every action's history; only moves the table allows are valid.
 */
export const ActionStateChangedPayload = z
  .strictObject({
    action_id: Uuid,
    action_type: ActionType,
    from: ActionStatus,
    event: ActionEvent,
    to: ActionStatus,
    /** `operator` for remediation; the operator's identity is in the audit log. */
    actor: ActionActor,
    /** Why, for operators (the error code of a failure, the operator's note); no personal data. */
    reason: nonBlankText(500).nullable(),
    /** The action's attempt count after the move. */
    attempt: z.number().int().min(0).max(1000),
  })
  .superRefine((payload, ctx) => {
    const { from, event, actor, to } = payload;
    const allowedTo = canTransition(from, event, actor)
      ? transition({ status: from }, event, actor)
      : null;
    if (allowedTo === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['event'],
        message: `the action state machine does not allow "${event}" from ${from} by ${actor}`,
      });
    } else if (allowedTo !== to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `"${event}" from ${from} leads to ${allowedTo}, not ${to}`,
      });
    }
  }, afterFieldsValid);
export type ActionStateChangedPayload = z.infer<typeof ActionStateChangedPayload>;
