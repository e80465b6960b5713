import { z } from 'zod';
import { Uuid } from '../common/ids.ts';
import { IsoDateTime } from '../common/time.ts';
import { EventType, EventTypeV1 } from './event-type.ts';

/** The envelope version every v1 event carries. */
export const EVENT_ENVELOPE_VERSION = 1;

/**
 * The fields every event carries besides its payload (§8.2): identity for deduplication
 * (at-least-once delivery means consumers see duplicates), and the tenant, session and
 * correlation ids that tie it to a call across planes.
 */
export const envelopeFields = {
  /** Unique per event; consumers deduplicate on it. */
  id: Uuid,
  version: z.literal(EVENT_ENVELOPE_VERSION),
  tenant_id: Uuid,
  /** The call the event belongs to; `null` for events outside a call (a menu import). */
  session_id: Uuid.nullable(),
  /** Shared by everything one call or one operator request caused, across planes. */
  correlation_id: Uuid,
  /** The event or command that directly caused this one; `null` for a root cause. */
  causation_id: Uuid.nullable(),
  occurred_at: IsoDateTime,
};

/**
 * Any event with its payload left unchecked: what an event store or relay that does not
 * interpret payloads validates. Use `parseEvent` to check the payload against its type.
 */
export const EventEnvelope = z.strictObject({
  ...envelopeFields,
  type: EventType,
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** The envelope as published with v1 (`events/envelope.v1.json`, frozen): v1's event types only. */
export const EventEnvelopeV1 = EventEnvelope.extend({ type: EventTypeV1 });
