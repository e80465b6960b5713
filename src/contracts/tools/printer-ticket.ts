import { z } from 'zod';
import { OrderReference, Uuid } from '../common/ids.ts';
import { Locale } from '../common/locale.ts';
import { E164Phone } from '../common/phone.ts';
import { nonBlankText } from '../common/text.ts';
import { IsoDateTime } from '../common/time.ts';
import { ModifierQualifier } from '../menu/menu-v1.ts';
import { Fulfilment } from '../order/fulfilment.ts';
import { ModifierAction } from '../order/order-line.ts';
import { RequestedTime } from '../order/requested-time.ts';

const printedName = nonBlankText(120);

/** A modifier as printed; `remove` prints as "NO …" so a removal is never read as an extra. */
export const PrinterTicketModifier = z.strictObject({
  name: printedName,
  action: ModifierAction,
  qualifier: ModifierQualifier.optional(),
});
export type PrinterTicketModifier = z.infer<typeof PrinterTicketModifier>;

/** One line of the kitchen ticket, in words (menu names), not ids. */
export const PrinterTicketLine = z.strictObject({
  quantity: z.number().int().min(1).max(99),
  name: printedName,
  size_name: printedName.optional(),
  variant_name: printedName.optional(),
  modifiers: z.array(PrinterTicketModifier).max(30),
  notes: nonBlankText(500).optional(),
});
export type PrinterTicketLine = z.infer<typeof PrinterTicketLine>;

/**
 * `dispatch_printer_ticket` input and the ticket inside an edge `job_offer`: everything the
 * kitchen printer prints, already resolved to words. `job_id` is the edge agent's
 * deduplication key and stays the same on every retry. Prices are not printed: a kitchen
 * ticket is for cooking and handing over.
 */
export const PrinterTicket = z.strictObject({
  job_id: Uuid,
  tenant_id: Uuid,
  /** Routes the job to the location's edge device. */
  location_id: Uuid,
  order_reference: OrderReference,
  restaurant_name: printedName,
  /** Language of the ticket's fixed labels ("PICKUP", "NO"). */
  locale: Locale,
  fulfilment: Fulfilment,
  requested_time: RequestedTime,
  /** When the caller confirmed the order. */
  ordered_at: IsoDateTime,
  customer_name: printedName,
  /** Printed on delivery tickets for the driver; left out when not needed. */
  customer_phone: E164Phone.optional(),
  lines: z.array(PrinterTicketLine).min(1).max(100),
  notes: nonBlankText(500).optional(),
});
export type PrinterTicket = z.infer<typeof PrinterTicket>;
