import { z } from 'zod';
import { OrderReference, SlugId, Uuid } from '../../common/ids.ts';

/** The location's edge agent accepted a kitchen ticket into its durable queue. */
export const PrinterTicketDispatchedPayload = z.strictObject({
  job_id: Uuid,
  order_reference: OrderReference,
  location_id: Uuid,
  action_id: Uuid,
  device_id: Uuid,
  printer_id: SlugId,
});
export type PrinterTicketDispatchedPayload = z.infer<typeof PrinterTicketDispatchedPayload>;
