import { z } from 'zod';
import { Uuid } from '../common/ids.ts';

/**
 * Payload of a `webhook` action: which stored event to deliver to which endpoint. The body is
 * read from the event store at delivery time, so personal data is not copied into the queue.
 */
export const WebhookDelivery = z.strictObject({
  endpoint_id: Uuid,
  url: z.url({ protocol: /^https$/ }),
  event_id: Uuid,
  /** The event's `type`, so deliveries can be filtered and counted without loading it. */
  event_type: z.string().min(1).max(64),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** What the receiving endpoint answered to a `webhook` action. */
export const WebhookResult = z.strictObject({
  /** The HTTP status of the delivery; 2xx is success. */
  status_code: z.number().int().min(100).max(599),
});
export type WebhookResult = z.infer<typeof WebhookResult>;
