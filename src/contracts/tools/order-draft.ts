import { z } from 'zod';
import { IdempotencyKey, OrderReference, Uuid } from '../common/ids.ts';
import { CurrencyCode, MinorAmount, NonNegativeMinorAmount } from '../common/money.ts';
import { nonBlankText } from '../common/text.ts';
import { IsoDateTime } from '../common/time.ts';
import { afterFieldsValid } from '../common/refine.ts';
import { Customer } from '../order/customer.ts';
import { Fulfilment } from '../order/fulfilment.ts';
import { OrderLine, OrderLineModifier } from '../order/order-line.ts';
import { RequestedTime } from '../order/requested-time.ts';

const displayName = nonBlankText(120);

/** An order-line modifier with its name and per-unit surcharge resolved from the menu. */
export const OrderDraftModifier = OrderLineModifier.extend({
  name: displayName,
  /** Per-unit surcharge in minor units; 0 for a removal, may be negative. */
  price_minor: MinorAmount,
});
export type OrderDraftModifier = z.infer<typeof OrderDraftModifier>;

/**
 * An {@link OrderLine} (menu ids, as the parser produces it) with names and prices resolved
 * from the menu at confirmation time, so the POS and the ticket never re-price or re-name.
 * `unit_price_minor = base_price_minor + Σ modifiers[].price_minor` and
 * `line_total_minor = unit_price_minor × quantity`; {@link OrderDraft} checks both.
 */
export const OrderDraftLine = OrderLine.extend({
  /** The item's menu name. */
  name: displayName,
  size_name: displayName.optional(),
  variant_name: displayName.optional(),
  modifiers: z.array(OrderDraftModifier).max(30),
  /** One unit of the item with its size and variant, before modifiers. */
  base_price_minor: NonNegativeMinorAmount,
  unit_price_minor: NonNegativeMinorAmount,
  line_total_minor: NonNegativeMinorAmount,
});
export type OrderDraftLine = z.infer<typeof OrderDraftLine>;

/** The amounts the caller agreed to, in minor units of the draft's `currency`. */
export const OrderTotals = z.strictObject({
  subtotal_minor: NonNegativeMinorAmount,
  delivery_fee_minor: NonNegativeMinorAmount,
  total_minor: NonNegativeMinorAmount,
});
export type OrderTotals = z.infer<typeof OrderTotals>;

/**
 * `create_pos_order` input: an order the caller confirmed, complete enough that the POS needs
 * nothing else. The tool runner fills `tenant_id`, `location_id` and `session_id` from the
 * session, never from model output. The same `idempotency_key` is sent on every attempt, so a
 * retried write-back creates at most one POS order.
 */
export const OrderDraft = z
  .strictObject({
    tenant_id: Uuid,
    location_id: Uuid,
    session_id: Uuid,
    order_reference: OrderReference,
    idempotency_key: IdempotencyKey,
    currency: CurrencyCode,
    lines: z.array(OrderDraftLine).min(1).max(100),
    fulfilment: Fulfilment,
    requested_time: RequestedTime,
    customer: Customer,
    /** Notes for the whole order ("no cutlery"). */
    notes: nonBlankText(500).optional(),
    totals: OrderTotals,
    /** When the caller confirmed the read-back. */
    confirmed_at: IsoDateTime,
  })
  .superRefine((draft, ctx) => {
    let subtotal = 0;
    draft.lines.forEach((line, index) => {
      const surcharges = line.modifiers.reduce((sum, modifier) => sum + modifier.price_minor, 0);
      if (line.unit_price_minor !== line.base_price_minor + surcharges) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'unit_price_minor'],
          message: `unit_price_minor must equal base_price_minor + modifier surcharges (${line.base_price_minor + surcharges})`,
        });
      }
      if (line.line_total_minor !== line.unit_price_minor * line.quantity) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'line_total_minor'],
          message: `line_total_minor must equal unit_price_minor × quantity (${line.unit_price_minor * line.quantity})`,
        });
      }
      subtotal += line.line_total_minor;
    });
    const { subtotal_minor, delivery_fee_minor, total_minor } = draft.totals;
    if (subtotal_minor !== subtotal) {
      ctx.addIssue({
        code: 'custom',
        path: ['totals', 'subtotal_minor'],
        message: `subtotal_minor must equal the sum of line totals (${subtotal})`,
      });
    }
    if (draft.fulfilment.type === 'pickup' && delivery_fee_minor !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['totals', 'delivery_fee_minor'],
        message: 'a pickup order has no delivery fee',
      });
    }
    if (total_minor !== subtotal_minor + delivery_fee_minor) {
      ctx.addIssue({
        code: 'custom',
        path: ['totals', 'total_minor'],
        message: `total_minor must equal subtotal_minor + delivery_fee_minor (${subtotal_minor + delivery_fee_minor})`,
      });
    }
  }, afterFieldsValid);
export type OrderDraft = z.infer<typeof OrderDraft>;
