import { z } from 'zod';
import { OrderReference, Uuid } from '../../common/ids.ts';
import { ActionError } from '../../actions/action-error.ts';

/**
 * How a write-back attempt failed. `rejected`: the POS said no (definitive); `error`: the POS
 * or the network failed; `timeout`: no answer in time, so the outcome is unknown until
 * reconciled.
 */
export const WritebackFailureKind = z.enum(['rejected', 'error', 'timeout']);
export type WritebackFailureKind = z.infer<typeof WritebackFailureKind>;

/** One attempt to write an order to the POS failed; `will_retry` says whether another follows. */
export const OrderWritebackFailedPayload = z.strictObject({
  order_reference: OrderReference,
  location_id: Uuid,
  action_id: Uuid,
  /** The attempt that failed, from 1. */
  attempt: z.number().int().min(1).max(1000),
  kind: WritebackFailureKind,
  error: ActionError,
  will_retry: z.boolean(),
});
export type OrderWritebackFailedPayload = z.infer<typeof OrderWritebackFailedPayload>;
