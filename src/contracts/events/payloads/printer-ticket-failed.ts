import { z } from 'zod';
import { OrderReference, SlugId, Uuid } from '../../common/ids.ts';
import { ActionError } from '../../actions/action-error.ts';

/** A kitchen ticket could not be dispatched or printed; `will_retry` says whether it retries. */
export const PrinterTicketFailedPayload = z.strictObject({
  job_id: Uuid,
  order_reference: OrderReference,
  location_id: Uuid,
  action_id: Uuid,
  /** `null` when no edge device of the location was reachable. */
  device_id: Uuid.nullable(),
  printer_id: SlugId.nullable(),
  attempt: z.number().int().min(1).max(1000),
  error: ActionError,
  will_retry: z.boolean(),
});
export type PrinterTicketFailedPayload = z.infer<typeof PrinterTicketFailedPayload>;
