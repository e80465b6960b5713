import { z } from 'zod';

/** The queues of the integration plane, one per integration type (§14 "queue isolation"). */
export const ActionQueue = z.enum(['pos', 'printer', 'messaging', 'webhook']);
export type ActionQueue = z.infer<typeof ActionQueue>;

/** What an action does: a tool executed asynchronously, or an outbound webhook delivery. */
export const ActionType = z.enum([
  'create_pos_order',
  'dispatch_printer_ticket',
  'send_confirmation_message',
  'webhook',
]);
export type ActionType = z.infer<typeof ActionType>;

/** The queue each action type runs on; a POS outage never holds up printing. */
export const queueForActionType = {
  create_pos_order: 'pos',
  dispatch_printer_ticket: 'printer',
  send_confirmation_message: 'messaging',
  webhook: 'webhook',
} as const satisfies Record<ActionType, ActionQueue>;
