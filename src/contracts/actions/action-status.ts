import { z } from 'zod';

/** The statuses of the action state machine (§8.3), exactly as the blueprint names them. */
export const ActionStatus = z.enum([
  'PENDING',
  'DISPATCHED',
  'SUCCEEDED',
  'FAILED',
  'RETRYING',
  'DEAD_LETTER',
  'CANCELED',
]);
export type ActionStatus = z.infer<typeof ActionStatus>;

/**
 * Statuses the dispatcher never leaves on its own. `DEAD_LETTER` is terminal for the system:
 * only an operator's audited `operator_retry` moves an action out of it.
 */
export const terminalStatuses: ReadonlySet<ActionStatus> = new Set([
  'SUCCEEDED',
  'DEAD_LETTER',
  'CANCELED',
]);

/** Whether no system event can move an action in this status any more. */
export function isTerminal(status: ActionStatus): boolean {
  return terminalStatuses.has(status);
}
