/**
 * A confirmed dialogue state → the three action payloads of the outbox: the `OrderDraft`
 * (create_pos_order), the `PrinterTicket` and the `ConfirmationMessage`, names and prices
 * resolved from the menu, money in minor units. Validated against the tool contracts by
 * `enqueueAction` (Postgres) and the memory store alike.
 */
import { createHash } from 'node:crypto';
import type { MenuV1 } from '../../contracts/menu/index.ts';
import type { Fulfilment } from '../../contracts/order/index.ts';
import type {
  ConfirmationMessage,
  OrderDraft,
  OrderDraftLine,
  PrinterTicket,
} from '../../contracts/tools/index.ts';
import { idempotencyKeyFor } from '../../platform/db/outbox.ts';
import type { SessionConfig } from '../blueprint/index.ts';
import { formatMoney, localIsoDateTime, localTime, priceLine } from './menu-facts.ts';
import type { DialogueState } from './state.ts';
import { toMinorUnits } from '../../contracts/common/money.ts';
import { deliverySettings } from './turn-context.ts';
import type { TurnContext } from './turn-context.ts';

export interface OrderDocuments {
  draft: OrderDraft;
  ticket: PrinterTicket;
  message: ConfirmationMessage;
}

/** The business keys the three actions deduplicate on: one order reference, one of each. */
export function dedupeKeys(locationId: string, orderReference: string) {
  return {
    create_pos_order: `order:${locationId}:${orderReference}`,
    dispatch_printer_ticket: `ticket:${locationId}:${orderReference}`,
    send_confirmation_message: `confirmation:${locationId}:${orderReference}`,
  } as const;
}

/** A UUID (version 8, RFC 9562) derived from a name: the same ticket gets the same job id. */
export function uuidFromName(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface OrderScope {
  tenantId: string;
  locationId: string;
  sessionId: string;
}

export function buildOrderDocuments(
  state: DialogueState,
  context: TurnContext,
  scope: OrderScope,
  orderReference: string,
): OrderDocuments {
  const { menu, config, now } = context;
  const lines = state.lines.map((line) => draftLine(menu, line));
  const subtotal = lines.reduce((sum, line) => sum + line.line_total_minor, 0);
  const delivery = deliverySettings(context);
  const fee = state.fulfilment === 'delivery' ? toMinorUnits(delivery.fee, menu.currency) : 0;
  const fulfilment: Fulfilment =
    state.fulfilment === 'delivery'
      ? {
          type: 'delivery',
          address: {
            street: `${state.address.street ?? ''} ${state.address.houseNumber ?? ''}`.trim(),
            postcode: state.address.postcode ?? '',
            city: state.address.city ?? config.overlay.defaultCity ?? '',
          },
        }
      : { type: 'pickup' };
  const requestedTime = requestedTimeOf(state, config, now);
  const keys = dedupeKeys(scope.locationId, orderReference);
  const draft: OrderDraft = {
    tenant_id: scope.tenantId,
    location_id: scope.locationId,
    session_id: scope.sessionId,
    order_reference: orderReference,
    idempotency_key: idempotencyKeyFor(scope.tenantId, 'create_pos_order', keys.create_pos_order),
    currency: menu.currency,
    lines,
    fulfilment,
    requested_time: requestedTime,
    // Without an understood name the order goes under the caller's number.
    customer: { name: state.name ?? state.phone ?? '', phone: state.phone ?? '' },
    totals: { subtotal_minor: subtotal, delivery_fee_minor: fee, total_minor: subtotal + fee },
    confirmed_at: now.toISOString(),
  };
  const ticket: PrinterTicket = {
    job_id: uuidFromName(`${scope.tenantId}:${keys.dispatch_printer_ticket}`),
    tenant_id: scope.tenantId,
    location_id: scope.locationId,
    order_reference: orderReference,
    restaurant_name: config.overlay.restaurantName,
    locale: menu.locale,
    fulfilment,
    requested_time: requestedTime,
    ordered_at: localIsoDateTime(now, config.overlay.timezone),
    customer_name: draft.customer.name,
    ...(fulfilment.type === 'delivery' ? { customer_phone: draft.customer.phone } : {}),
    lines: lines.map((line) => ({
      quantity: line.quantity,
      name: line.name,
      ...(line.size_name ? { size_name: line.size_name } : {}),
      ...(line.variant_name ? { variant_name: line.variant_name } : {}),
      modifiers: line.modifiers.map((modifier) => ({
        name: modifier.name,
        action: modifier.action,
        ...(modifier.qualifier ? { qualifier: modifier.qualifier } : {}),
      })),
    })),
  };
  const message: ConfirmationMessage = {
    to: draft.customer.phone,
    channel: 'sms',
    body:
      `${config.overlay.restaurantName}: your order ${orderReference} is confirmed. ` +
      `Total ${formatMoney(subtotal + fee, menu.currency)}. ` +
      (fulfilment.type === 'delivery' ? 'We will deliver it to you.' : 'See you at pickup.'),
    locale: menu.locale,
    order_reference: orderReference,
    idempotency_key: idempotencyKeyFor(
      scope.tenantId,
      'send_confirmation_message',
      keys.send_confirmation_message,
    ),
  };
  return { draft, ticket, message };
}

function draftLine(menu: MenuV1, line: DialogueState['lines'][number]): OrderDraftLine {
  const priced = priceLine(menu, line);
  if (!priced) throw new Error(`order line names an item not on the menu: ${line.item}`);
  return {
    item: line.item,
    quantity: line.quantity,
    ...(priced.sizeId ? { size: priced.sizeId } : {}),
    ...(line.variant ? { variant: line.variant } : {}),
    ...(line.notes ? { notes: line.notes } : {}),
    name: priced.item.name,
    ...(priced.sizeName ? { size_name: priced.sizeName } : {}),
    ...(priced.variantName ? { variant_name: priced.variantName } : {}),
    modifiers: priced.modifiers,
    base_price_minor: priced.basePriceMinor,
    unit_price_minor: priced.unitPriceMinor,
    line_total_minor: priced.lineTotalMinor,
  };
}

function requestedTimeOf(state: DialogueState, config: SessionConfig, now: Date): string {
  if (state.requestedTime === 'asap') return 'asap';
  const local = localTime(now, config.overlay.timezone);
  return `${local.date}T${state.requestedTime.at}:00${local.offset}`;
}
