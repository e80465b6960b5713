import { z } from 'zod';
import { envelopeFields } from './envelope.ts';
import type { EventType } from './event-type.ts';
import { ActionStateChangedPayload } from './payloads/action-state-changed.ts';
import { HumanEscalatedPayload } from './payloads/human-escalated.ts';
import { KitchenStatusUpdatedPayload } from './payloads/kitchen-status-updated.ts';
import { MenuUpdatedPayload } from './payloads/menu-updated.ts';
import { OrderCreatedPayload } from './payloads/order-created.ts';
import { OrderDraftedPayload } from './payloads/order-drafted.ts';
import { OrderWritebackFailedPayload } from './payloads/order-writeback-failed.ts';
import { OverflowToggledPayload } from './payloads/overflow-toggled.ts';
import { PrinterTicketDispatchedPayload } from './payloads/printer-ticket-dispatched.ts';
import { PrinterTicketFailedPayload } from './payloads/printer-ticket-failed.ts';
import { SessionCompletedPayload } from './payloads/session-completed.ts';
import { VendorFailoverPayload } from './payloads/vendor-failover.ts';
import { VendorRoutedPayload } from './payloads/vendor-routed.ts';

/** The payload schema of each event type. */
export const eventPayloadSchemas = {
  OrderDrafted: OrderDraftedPayload,
  OrderCreated: OrderCreatedPayload,
  OrderWritebackFailed: OrderWritebackFailedPayload,
  PrinterTicketDispatched: PrinterTicketDispatchedPayload,
  PrinterTicketFailed: PrinterTicketFailedPayload,
  OverflowToggled: OverflowToggledPayload,
  HumanEscalated: HumanEscalatedPayload,
  MenuUpdated: MenuUpdatedPayload,
  KitchenStatusUpdated: KitchenStatusUpdatedPayload,
  VendorRouted: VendorRoutedPayload,
  SessionCompleted: SessionCompletedPayload,
  ActionStateChanged: ActionStateChangedPayload,
  VendorFailover: VendorFailoverPayload,
} as const satisfies Record<EventType, z.ZodType>;

type PayloadSchemas = typeof eventPayloadSchemas;

function eventSchema<Type extends EventType>(type: Type, payload: PayloadSchemas[Type]) {
  return z.strictObject({ ...envelopeFields, type: z.literal(type), payload });
}

/** A whole v1 event of each type: the envelope with that type's payload. */
export const eventSchemas = {
  OrderDrafted: eventSchema('OrderDrafted', OrderDraftedPayload),
  OrderCreated: eventSchema('OrderCreated', OrderCreatedPayload),
  OrderWritebackFailed: eventSchema('OrderWritebackFailed', OrderWritebackFailedPayload),
  PrinterTicketDispatched: eventSchema('PrinterTicketDispatched', PrinterTicketDispatchedPayload),
  PrinterTicketFailed: eventSchema('PrinterTicketFailed', PrinterTicketFailedPayload),
  OverflowToggled: eventSchema('OverflowToggled', OverflowToggledPayload),
  HumanEscalated: eventSchema('HumanEscalated', HumanEscalatedPayload),
  MenuUpdated: eventSchema('MenuUpdated', MenuUpdatedPayload),
  KitchenStatusUpdated: eventSchema('KitchenStatusUpdated', KitchenStatusUpdatedPayload),
  VendorRouted: eventSchema('VendorRouted', VendorRoutedPayload),
  SessionCompleted: eventSchema('SessionCompleted', SessionCompletedPayload),
  ActionStateChanged: eventSchema('ActionStateChanged', ActionStateChangedPayload),
  VendorFailover: eventSchema('VendorFailover', VendorFailoverPayload),
} as const satisfies Record<EventType, z.ZodType>;

/**
 * A domain event of the types published with v1 (`EventTypeV1`), discriminated on `type`: the
 * union snapshot `events/domain-event.v1.json`, frozen.
 */
export const DomainEventV1 = z.discriminatedUnion('type', [
  eventSchemas.OrderDrafted,
  eventSchemas.OrderCreated,
  eventSchemas.OrderWritebackFailed,
  eventSchemas.PrinterTicketDispatched,
  eventSchemas.PrinterTicketFailed,
  eventSchemas.OverflowToggled,
  eventSchemas.HumanEscalated,
  eventSchemas.MenuUpdated,
  eventSchemas.KitchenStatusUpdated,
  eventSchemas.VendorRouted,
  eventSchemas.SessionCompleted,
  eventSchemas.ActionStateChanged,
]);

/** Any domain event, discriminated on `type`: v1's and the types added since (`EventType`). */
export const DomainEvent = z.discriminatedUnion('type', [
  ...DomainEventV1.options,
  eventSchemas.VendorFailover,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

/** The event of one type, e.g. `EventOf<'OrderCreated'>`. */
export type EventOf<Type extends EventType> = Extract<DomainEvent, { type: Type }>;
/** The payload of one event type. */
export type PayloadOf<Type extends EventType> = EventOf<Type>['payload'];
