import { z } from 'zod';
import { OrderReference, Uuid } from '../../common/ids.ts';
import { IsoDateTime } from '../../common/time.ts';

/** The POS accepted the order (`create_pos_order` returned `accepted`). */
export const OrderCreatedPayload = z.strictObject({
  order_reference: OrderReference,
  location_id: Uuid,
  action_id: Uuid,
  pos_order_id: z.string().min(1).max(128),
  estimated_ready_at: IsoDateTime.nullable(),
});
export type OrderCreatedPayload = z.infer<typeof OrderCreatedPayload>;
