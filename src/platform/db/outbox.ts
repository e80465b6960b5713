import { parseEvent } from '../../contracts/events/parse-event.ts';
import type { DomainEvent } from '../../contracts/events/domain-event.ts';
import { newId } from '../ids.ts';
import type { TenantTx } from './database.ts';
import { fanOutToWebhooks } from './webhook-fanout.ts';

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
  const envelope = parseEvent({
    id: newId(),
    type: event.type,
    version: 1,
    tenant_id: tx.tenantId,
    session_id: event.sessionId,
    correlation_id: event.correlationId,
    causation_id: event.causationId ?? null,
    occurred_at: (event.occurredAt ?? new Date()).toISOString(),
    payload: event.payload,
  });
  const inserted = await tx.query<{ seq: string }>(
    `insert into events (tenant_id, id, type, version, session_id, correlation_id, causation_id, occurred_at, payload)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning seq`,
    [
      envelope.tenant_id,
      envelope.id,
      envelope.type,
      envelope.version,
      envelope.session_id,
      envelope.correlation_id,
      envelope.causation_id,
      envelope.occurred_at,
      JSON.stringify(envelope.payload),
    ],
  );
  // Webhook endpoints subscribed to this type get their delivery in this same transaction.
  await fanOutToWebhooks(tx, envelope);
  return { id: envelope.id, seq: Number(inserted.rows[0]!.seq) };
}
