import type { ActionStatus } from '../../contracts/actions/action-status.ts';
import {
  transition,
  type ActionActor,
  type ActionEvent,
} from '../../contracts/actions/action-transitions.ts';
import type { ActionType } from '../../contracts/actions/action-type.ts';
import type { AnyNewEvent } from './outbox.ts';

export interface ActionRef {
  id: string;
  type: ActionType;
  correlationId: string;
  sessionId: string | null;
}

export interface ActionMove {
  from: ActionStatus;
  event: ActionEvent;
  attempt: number;
  reason: string | null;
  actor?: ActionActor;
}

/**
 * One move of the state machine, checked by `transition()` (throws on an illegal move): the
 * new status and the `ActionStateChanged` event that records it, for the caller to append in
 * the transaction that updates the row.
 */
export function transitionEvent(
  action: ActionRef,
  move: ActionMove,
): { to: ActionStatus; event: AnyNewEvent } {
  const actor = move.actor ?? 'system';
  const to = transition({ status: move.from }, move.event, actor);
  return {
    to,
    event: {
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
    },
  };
}
