import { z } from 'zod';
import { nonBlankText } from '../common/text.ts';

/** How the order reaches the caller. */
export const FulfilmentType = z.enum(['pickup', 'delivery']);
export type FulfilmentType = z.infer<typeof FulfilmentType>;

/** Where a delivery goes; the postcode is checked against the menu's delivery postcodes. */
export const DeliveryAddress = z.strictObject({
  street: nonBlankText(200),
  postcode: nonBlankText(16),
  city: nonBlankText(100),
  /** Directions for the driver ("ring twice", "back door"). */
  instructions: nonBlankText(300).optional(),
});
export type DeliveryAddress = z.infer<typeof DeliveryAddress>;

/** Pickup, or delivery to an address: the address exists exactly when it is needed. */
export const Fulfilment = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pickup') }),
  z.strictObject({ type: z.literal('delivery'), address: DeliveryAddress }),
]);
export type Fulfilment = z.infer<typeof Fulfilment>;
