import { z } from 'zod';

/**
 * The domain event types v1: the eleven core events of §8.1, plus `ActionStateChanged`, the
 * action lifecycle the integration plane records for every state-machine move (§8.3).
 */
export const EventType = z.enum([
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
export type EventType = z.infer<typeof EventType>;
