import { z } from 'zod';
import { IdempotencyKey, Uuid } from '../common/ids.ts';
import { IsoDateTime } from '../common/time.ts';
import { afterFieldsValid } from '../common/refine.ts';
import { ConfirmationMessage } from '../tools/confirmation-message.ts';
import { DispatchResult } from '../tools/dispatch-result.ts';
import { MessageResult } from '../tools/message-result.ts';
import { OrderDraft } from '../tools/order-draft.ts';
import { OrderResult } from '../tools/order-result.ts';
import { PrinterTicket } from '../tools/printer-ticket.ts';
import { ActionError } from './action-error.ts';
import { ActionStatus } from './action-status.ts';
import { queueForActionType } from './action-type.ts';
import { WebhookDelivery, WebhookResult } from './webhook-delivery.ts';

const actionFields = {
  id: Uuid,
  tenant_id: Uuid,
  /** `null` for actions not caused by a call (a webhook for an operator's menu change). */
  session_id: Uuid.nullable(),
  correlation_id: Uuid,
  status: ActionStatus,
  /** Sent with every attempt; the receiver applies the effect at most once per key. */
  idempotency_key: IdempotencyKey,
  /** Dispatches so far; the first dispatch makes it 1. */
  attempt: z.number().int().min(0).max(1000),
  max_attempts: z.number().int().min(1).max(1000),
  /**
   * When the action is next due for dispatch: the earliest start of a PENDING action, the end of
   * a RETRYING action's backoff. Other statuses keep the last value; it means nothing there.
   */
  next_attempt_at: IsoDateTime,
  last_error: ActionError.nullable(),
  created_at: IsoDateTime,
  updated_at: IsoDateTime,
};

/**
 * A row of the `actions` table, which is also the integration queue (outbox): one business
 * effect, its typed payload and result, its queue and where it stands in the state machine.
 * Discriminated on `type`; `queue` follows from the type. Queue mechanics (`locked_by`,
 * `locked_until`) are the dispatcher's and not part of the contract.
 */
export const Action = z
  .discriminatedUnion('type', [
    z.strictObject({
      ...actionFields,
      type: z.literal('create_pos_order'),
      queue: z.literal(queueForActionType.create_pos_order),
      payload: OrderDraft,
      result: OrderResult.nullable(),
    }),
    z.strictObject({
      ...actionFields,
      type: z.literal('dispatch_printer_ticket'),
      queue: z.literal(queueForActionType.dispatch_printer_ticket),
      payload: PrinterTicket,
      result: DispatchResult.nullable(),
    }),
    z.strictObject({
      ...actionFields,
      type: z.literal('send_confirmation_message'),
      queue: z.literal(queueForActionType.send_confirmation_message),
      payload: ConfirmationMessage,
      result: MessageResult.nullable(),
    }),
    z.strictObject({
      ...actionFields,
      type: z.literal('webhook'),
      queue: z.literal(queueForActionType.webhook),
      payload: WebhookDelivery,
      result: WebhookResult.nullable(),
    }),
  ])
  .superRefine((action, ctx) => {
    if (action.status === 'PENDING' && action.attempt !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['attempt'],
        message: 'a PENDING action has not been dispatched',
      });
    }
    if (action.status === 'SUCCEEDED' && action.result === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['result'],
        message: 'a SUCCEEDED action records its result',
      });
    }
    if ((action.status === 'FAILED' || action.status === 'DEAD_LETTER') && !action.last_error) {
      ctx.addIssue({
        code: 'custom',
        path: ['last_error'],
        message: `a ${action.status} action records last_error`,
      });
    }
  }, afterFieldsValid);
export type Action = z.infer<typeof Action>;
