import type { ToolOutput, ToolInput } from '../../../contracts/tools/registry.ts';

type OrderDraft = ToolInput<'create_pos_order'>;

interface Money {
  amount: number;
  currency: string;
}

/** The subset of Square's `CreateOrderRequest` (Orders API, POST /v2/orders) we send. */
export interface SquareCreateOrderRequest {
  idempotency_key: string;
  order: {
    location_id: string;
    reference_id: string;
    source: { name: string };
    line_items: {
      name: string;
      quantity: string;
      variation_name?: string;
      base_price_money: Money;
      modifiers: { name: string; base_price_money: Money }[];
      note?: string;
    }[];
    fulfillments: Record<string, unknown>[];
    service_charges?: { name: string; amount_money: Money; calculation_phase: string }[];
    metadata: Record<string, string>;
  };
}

/** The fields of Square's `Order` we read back. */
export interface SquareOrder {
  id: string;
  reference_id?: string;
  state?: string;
  metadata?: Record<string, string>;
  fulfillments?: {
    pickup_details?: { pickup_at?: string };
    delivery_details?: { deliver_at?: string };
  }[];
}

/** Metadata key that carries our idempotency key, for reconciliation by search. */
export const squareIdempotencyMetadataKey = 'voxeron_idempotency_key';

/**
 * An order draft as a Square order: ad-hoc line items priced as the caller agreed (the draft
 * is already priced from the menu), additions as modifiers, removals in the line note ("NO
 * pineapple") so the kitchen never reads a removal as an extra, a PICKUP or DELIVERY
 * fulfillment, and the delivery fee as a service charge.
 */
export function toSquareCreateOrder(
  draft: OrderDraft,
  idempotencyKey: string,
  squareLocationId: string,
): SquareCreateOrderRequest {
  const money = (amount: number): Money => ({ amount, currency: draft.currency });
  const scheduled = draft.requested_time !== 'asap';
  const recipient = { display_name: draft.customer.name, phone_number: draft.customer.phone };
  const fulfillment =
    draft.fulfilment.type === 'pickup'
      ? {
          type: 'PICKUP',
          state: 'PROPOSED',
          pickup_details: {
            recipient,
            schedule_type: scheduled ? 'SCHEDULED' : 'ASAP',
            ...(scheduled ? { pickup_at: draft.requested_time } : {}),
            ...(draft.notes ? { note: draft.notes } : {}),
          },
        }
      : {
          type: 'DELIVERY',
          state: 'PROPOSED',
          delivery_details: {
            recipient: {
              ...recipient,
              address: {
                address_line_1: draft.fulfilment.address.street,
                postal_code: draft.fulfilment.address.postcode,
                locality: draft.fulfilment.address.city,
              },
            },
            schedule_type: scheduled ? 'SCHEDULED' : 'ASAP',
            ...(scheduled ? { deliver_at: draft.requested_time } : {}),
            ...(draft.fulfilment.address.instructions
              ? { note: draft.fulfilment.address.instructions }
              : {}),
          },
        };
  return {
    idempotency_key: idempotencyKey,
    order: {
      location_id: squareLocationId,
      reference_id: draft.order_reference,
      source: { name: 'Voxeron' },
      line_items: draft.lines.map((line) => {
        const removals = line.modifiers
          .filter((modifier) => modifier.action === 'remove')
          .map((modifier) => `NO ${modifier.name}`);
        const note = [...removals, ...(line.notes ? [line.notes] : [])].join('; ');
        const variation = [line.size_name, line.variant_name].filter(Boolean).join(' ');
        return {
          name: line.name,
          quantity: String(line.quantity),
          ...(variation ? { variation_name: variation } : {}),
          base_price_money: money(line.base_price_minor),
          modifiers: line.modifiers
            .filter((modifier) => modifier.action === 'add')
            .map((modifier) => ({
              name: modifier.name,
              base_price_money: money(modifier.price_minor),
            })),
          ...(note ? { note } : {}),
        };
      }),
      fulfillments: [fulfillment],
      ...(draft.totals.delivery_fee_minor > 0
        ? {
            service_charges: [
              {
                name: 'Delivery fee',
                amount_money: money(draft.totals.delivery_fee_minor),
                calculation_phase: 'TOTAL_PHASE',
              },
            ],
          }
        : {}),
      metadata: { [squareIdempotencyMetadataKey]: idempotencyKey },
    },
  };
}

/** Square's order as our `OrderResult`. */
export function fromSquareOrder(
  order: SquareOrder,
  draft: OrderDraft,
): ToolOutput<'create_pos_order'> | unknown {
  const fulfillment = order.fulfillments?.[0];
  const readyAt =
    fulfillment?.pickup_details?.pickup_at ?? fulfillment?.delivery_details?.deliver_at;
  return {
    status: 'accepted',
    order_reference: order.reference_id ?? draft.order_reference,
    pos_order_id: order.id,
    estimated_ready_at: readyAt ?? null,
  };
}
