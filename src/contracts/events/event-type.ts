import { z } from 'zod';

/**
 * The event types the v1 envelope and union snapshots were published with
 * (`schemas/v1/events/envelope.v1.json`, `domain-event.v1.json`): the eleven core events of §8.1,
 * plus `ActionStateChanged`, the action lifecycle the integration plane records for every
 * state-machine move (§8.3). Frozen: a published v1 schema never changes.
 */
export const EventTypeV1 = z.enum([
  'OrderDrafted',
  'OrderCreated',
  'OrderWritebackFailed',
  'PrinterTicketDispatched',
  'PrinterTicketFailed',
  'OverflowToggled',
  'HumanEscalated',
  'MenuUpdated',
  'KitchenStatusUpdated',
  'VendorRouted',
  'SessionCompleted',
  'ActionStateChanged',
]);
export type EventTypeV1 = z.infer<typeof EventTypeV1>;

/**
 * Every event type: v1's, then those added since, each a contract of its own
 * (`events/<Type>.v1.json`) and listed in the v2 envelope and union snapshots. `VendorFailover`:
 * a provider was replaced mid-call (§5).
 */
export const EventType = z.enum([...EventTypeV1.options, 'VendorFailover']);
export type EventType = z.infer<typeof EventType>;
