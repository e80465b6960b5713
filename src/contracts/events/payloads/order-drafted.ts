import { z } from 'zod';
import { OrderReference, Uuid } from '../../common/ids.ts';
import { CurrencyCode, NonNegativeMinorAmount } from '../../common/money.ts';
import { FulfilmentType } from '../../order/fulfilment.ts';
import { RequestedTime } from '../../order/requested-time.ts';

/**
 * The caller confirmed an order; its `create_pos_order` action was written in the same
 * transaction (outbox). Events hold no personal data: the full draft, with the caller's name,
 * phone and address, lives only in the action's payload under its own retention.
 */
export const OrderDraftedPayload = z.strictObject({
  order_reference: OrderReference,
  location_id: Uuid,
  /** The `create_pos_order` action that writes the order back. */
  action_id: Uuid,
  currency: CurrencyCode,
  line_count: z.number().int().min(1).max(100),
  total_minor: NonNegativeMinorAmount,
  fulfilment: FulfilmentType,
  requested_time: RequestedTime,
});
export type OrderDraftedPayload = z.infer<typeof OrderDraftedPayload>;
