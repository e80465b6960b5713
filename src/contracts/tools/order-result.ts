import { z } from 'zod';
import { OrderReference } from '../common/ids.ts';
import { nonBlankText } from '../common/text.ts';
import { IsoDateTime } from '../common/time.ts';

/** Why a POS refused an order. A refusal is a definitive answer: retrying will not change it. */
export const OrderRejectionReason = z.enum([
  'item_unavailable',
  'location_closed',
  'invalid_order',
  'duplicate_reference',
  'other',
]);
export type OrderRejectionReason = z.infer<typeof OrderRejectionReason>;

/**
 * `create_pos_order` output: the POS's answer. Only answers are results — a timeout or a
 * transport error is thrown by the adapter, because its outcome is unknown and must be
 * reconciled (by idempotency key) before anything is retried.
 */
export const OrderResult = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('accepted'),
    order_reference: OrderReference,
    /** The order's id in the POS, for reconciliation and support. */
    pos_order_id: z.string().min(1).max(128),
    /** When the POS expects the order ready (pickup) or out (delivery); `null` if it gives none. */
    estimated_ready_at: IsoDateTime.nullable(),
  }),
  z.strictObject({
    status: z.literal('rejected'),
    order_reference: OrderReference,
    reason: OrderRejectionReason,
    /** The POS's own words, for operators; not read to callers. */
    message: nonBlankText(1000),
  }),
]);
export type OrderResult = z.infer<typeof OrderResult>;
