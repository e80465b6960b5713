import { z } from 'zod';
import type { ActionStatus } from './action-status.ts';

/** What happens to an action; each table row says which status it moves from and to. */
export const ActionEvent = z.enum([
  'dispatch',
  'succeed',
  'fail',
  'schedule_retry',
  'give_up',
  'cancel',
  'operator_retry',
]);
export type ActionEvent = z.infer<typeof ActionEvent>;

/** Who may fire a transition: the dispatcher (`system`) or an operator through the console. */
export const ActionActor = z.enum(['system', 'operator']);
export type ActionActor = z.infer<typeof ActionActor>;

/** One allowed move of the state machine. */
export interface ActionTransition {
  readonly from: ActionStatus;
  readonly event: ActionEvent;
  readonly to: ActionStatus;
  /** `operator` rows are remediation: only an operator may fire them, and they are audited. */
  readonly actor: ActionActor;
}

/**
 * The action state machine v1 (§8.3) as data; every move not listed is illegal.
 *
 * Reading of the blueprint: its path "FAILED → RETRYING → SUCCEEDED" goes through a new
 * dispatch, RETRYING → DISPATCHED → SUCCEEDED. Every attempt that talks to the receiver is a
 * DISPATCHED period (claimed by one worker, counted in `attempt`), so the status always tells
 * whether a call may be in flight; a success found by reconciliation after a timeout is the
 * outcome of such an attempt too. RETRYING means "waiting for `next_attempt_at`".
 *
 * Operator remediation beyond the blueprint's paths: a DEAD_LETTER action can be put back to
 * RETRYING, and a FAILED or RETRYING one canceled — both only by an operator.
 */
export const actionTransitions: readonly ActionTransition[] = [
  { from: 'PENDING', event: 'dispatch', to: 'DISPATCHED', actor: 'system' },
  { from: 'PENDING', event: 'cancel', to: 'CANCELED', actor: 'system' },
  { from: 'DISPATCHED', event: 'succeed', to: 'SUCCEEDED', actor: 'system' },
  { from: 'DISPATCHED', event: 'fail', to: 'FAILED', actor: 'system' },
  { from: 'FAILED', event: 'schedule_retry', to: 'RETRYING', actor: 'system' },
  { from: 'FAILED', event: 'give_up', to: 'DEAD_LETTER', actor: 'system' },
  { from: 'RETRYING', event: 'dispatch', to: 'DISPATCHED', actor: 'system' },
  { from: 'FAILED', event: 'cancel', to: 'CANCELED', actor: 'operator' },
  { from: 'RETRYING', event: 'cancel', to: 'CANCELED', actor: 'operator' },
  { from: 'DEAD_LETTER', event: 'operator_retry', to: 'RETRYING', actor: 'operator' },
];

/** A move the state machine does not allow (or not for this actor). */
export class IllegalTransitionError extends Error {
  readonly from: ActionStatus;
  readonly event: ActionEvent;
  readonly actor: ActionActor;

  constructor(from: ActionStatus, event: ActionEvent, actor: ActionActor) {
    const operatorOnly = findTransition(from, event)?.actor === 'operator';
    super(
      operatorOnly
        ? `only an operator may apply "${event}" to an action in ${from}`
        : `"${event}" is not allowed from ${from}`,
    );
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.event = event;
    this.actor = actor;
  }
}

/** Type guard for {@link IllegalTransitionError}. */
export function isIllegalTransition(error: unknown): error is IllegalTransitionError {
  return error instanceof IllegalTransitionError;
}

function findTransition(from: ActionStatus, event: ActionEvent): ActionTransition | undefined {
  return actionTransitions.find((row) => row.from === from && row.event === event);
}

function allowedRow(
  from: ActionStatus,
  event: ActionEvent,
  actor: ActionActor,
): ActionTransition | undefined {
  const row = findTransition(from, event);
  // An operator may do whatever the system may; operator rows are the operator's alone.
  return row && (row.actor === 'system' || actor === 'operator') ? row : undefined;
}

/** Whether `event` may move an action in `from` (for `actor`, default the dispatcher). */
export function canTransition(
  from: ActionStatus,
  event: ActionEvent,
  actor: ActionActor = 'system',
): boolean {
  return allowedRow(from, event, actor) !== undefined;
}

/**
 * The status `event` moves `action` to; throws {@link IllegalTransitionError} for every move
 * the table does not list. Pure: persisting the new status (with a compare-and-set on the old
 * one) and emitting `ActionStateChanged` is the integration plane's work.
 */
export function transition(
  action: { readonly status: ActionStatus },
  event: ActionEvent,
  actor: ActionActor = 'system',
): ActionStatus {
  const row = allowedRow(action.status, event, actor);
  if (!row) throw new IllegalTransitionError(action.status, event, actor);
  return row.to;
}

/**
 * The table as a schema: a value is valid exactly when it is one of the rows. Published as
 * JSON Schema (`actions/transition.v1.json`), so a change to the table changes a v1 snapshot.
 */
export const AllowedActionTransition = z.union(
  actionTransitions.map((row) =>
    z.strictObject({
      from: z.literal(row.from),
      event: z.literal(row.event),
      to: z.literal(row.to),
      actor: z.literal(row.actor),
    }),
  ),
);
