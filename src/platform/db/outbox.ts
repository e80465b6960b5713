import { parseEvent } from '../../contracts/events/parse-event.ts';
import type { DomainEvent } from '../../contracts/events/domain-event.ts';
import type { EventEnvelope } from '../../contracts/events/envelope.ts';
import { newId } from '../ids.ts';
import type { TenantTx } from './database.ts';
import {
  enqueueWebhookDelivery,
  isWebhookEligible,
  type WebhookEndpointRef,
} from './webhook-fanout.ts';

// Enqueueing lives in its own module (the webhook fan-out uses it); re-exported for callers.
export {
  actionsChannel,
  enqueueAction,
  idempotencyKeyFor,
  type EnqueuedAction,
  type NewAction,
} from './enqueue-action.ts';

type EventOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>;

export interface NewEvent<T extends DomainEvent['type'] = DomainEvent['type']> {
  type: T;
  payload: EventOf<T>['payload'];
  sessionId: string | null;
  correlationId: string;
  causationId?: string | null;
  occurredAt?: Date;
}

/** Any one event type with its own payload (an array may mix types). */
export type AnyNewEvent = { [T in DomainEvent['type']]: NewEvent<T> }[DomainEvent['type']];

export interface AppendedEvent {
  id: string;
  /** Position in the tenant's event stream: gapless, in commit order. */
  seq: number;
}

/**
 * Appends one event to the tenant's stream inside the caller's transaction, after validating
 * envelope and payload against the v1 contract. If the transaction rolls back, the event never
 * existed — that is what makes the outbox an outbox.
 */
export async function appendEvent<T extends DomainEvent['type']>(
  tx: TenantTx,
  event: NewEvent<T>,
): Promise<AppendedEvent> {
  const [appended] = await appendEvents(tx, [event as unknown as AnyNewEvent]);
  return appended!;
}

/** The v1 envelopes of `events` for `tenantId`, each validated against its contract. */
export function eventEnvelopes(tenantId: string, events: readonly AnyNewEvent[]): EventEnvelope[] {
  return events.map((event) =>
    parseEvent({
      id: newId(),
      type: event.type,
      version: 1,
      tenant_id: tenantId,
      session_id: event.sessionId,
      correlation_id: event.correlationId,
      causation_id: event.causationId ?? null,
      occurred_at: (event.occurredAt ?? new Date()).toISOString(),
      payload: event.payload,
    }),
  );
}

/**
 * Appends several events in order, in one round trip: the insert and the lookup of the
 * webhook endpoints subscribed to each event are one statement (the dispatcher's hot path
 * writes two or three events per outcome). Deliveries are enqueued in the same transaction.
 */
export async function appendEvents(
  tx: TenantTx,
  events: readonly AnyNewEvent[],
): Promise<AppendedEvent[]> {
  if (events.length === 0) return [];
  const envelopes = eventEnvelopes(tx.tenantId, events);
  const rows = envelopes.map((envelope) => ({
    ...envelope,
    eligible: isWebhookEligible(envelope),
  }));
  // `order by ord`: rows are inserted, and seq assigned by the trigger, in the order given.
  const inserted = await tx.query<{ id: string; seq: string; endpoints: WebhookEndpointRef[] }>(
    `with input as (
       select * from jsonb_to_recordset($1::jsonb) as x(
         tenant_id uuid, id uuid, type text, version integer, session_id uuid,
         correlation_id uuid, causation_id uuid, occurred_at timestamptz, payload jsonb,
         eligible boolean, ord integer)
     ),
     inserted as (
       insert into events (tenant_id, id, type, version, session_id, correlation_id, causation_id, occurred_at, payload)
       select tenant_id, id, type, version, session_id, correlation_id, causation_id, occurred_at, payload
       from input order by ord
       returning id, seq
     )
     select i.id::text, i.seq::text,
            case when not x.eligible then '[]'::json else coalesce(
              (select json_agg(json_build_object('id', w.id::text, 'url', w.url) order by w.id)
                 from webhook_endpoints w where w.enabled and x.type = any(w.event_types)),
              '[]'::json) end as endpoints
     from inserted i join input x on x.id = i.id
     order by x.ord`,
    [JSON.stringify(rows)],
  );
  const appended: AppendedEvent[] = [];
  for (const [index, row] of inserted.rows.entries()) {
    // Webhook endpoints subscribed to this type get their delivery in this same transaction.
    for (const endpoint of row.endpoints) {
      await enqueueWebhookDelivery(tx, endpoint, envelopes[index]!);
    }
    appended.push({ id: row.id, seq: Number(row.seq) });
  }
  return appended;
}
