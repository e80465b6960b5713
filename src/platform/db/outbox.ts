import { createHash } from 'node:crypto';
import { ActionType, queueForActionType } from '../../contracts/actions/action-type.ts';
import { WebhookDelivery } from '../../contracts/actions/webhook-delivery.ts';
import { parseContract } from '../../contracts/common/contract-violation.ts';
import { parseEvent } from '../../contracts/events/parse-event.ts';
import type { DomainEvent } from '../../contracts/events/domain-event.ts';
import { toolContracts } from '../../contracts/tools/registry.ts';
import { newId } from '../ids.ts';
import type { TenantTx } from './database.ts';

/** Channel the dispatcher LISTENs on; the payload is the queue name. Sent at commit only. */
export const actionsChannel = 'voxeron_actions';

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
  return { id: envelope.id, seq: Number(inserted.rows[0]!.seq) };
}

export interface NewAction {
  type: ActionType;
  payload: unknown;
  sessionId: string | null;
  correlationId: string;
  /**
   * The business identity of the effect (e.g. the order reference): the same effect enqueued
   * twice gets the same idempotency key and is stored once.
   */
  dedupeKey: string;
  maxAttempts?: number;
  notBefore?: Date;
}

export interface EnqueuedAction {
  id: string;
  idempotencyKey: string;
  /** False when an action with the same idempotency key already existed. */
  created: boolean;
}

/** Deterministic: tenant, type and business key → the key every receiver deduplicates on. */
export function idempotencyKeyFor(tenantId: string, type: ActionType, dedupeKey: string): string {
  const digest = createHash('sha256')
    .update(`${tenantId}\n${type}\n${dedupeKey}`)
    .digest('base64url');
  return `vx1-${type}-${digest.slice(0, 32)}`;
}

/**
 * Writes a PENDING action inside the caller's transaction (the outbox), its payload validated
 * against the tool contract, and wakes the dispatchers of its queue at commit.
 */
export async function enqueueAction(tx: TenantTx, action: NewAction): Promise<EnqueuedAction> {
  const type = ActionType.parse(action.type);
  const payload =
    type === 'webhook'
      ? parseContract('webhook delivery', WebhookDelivery, action.payload)
      : parseContract(`${type} input`, toolContracts[type].input, action.payload);
  const queue = queueForActionType[type];
  const idempotencyKey = idempotencyKeyFor(tx.tenantId, type, action.dedupeKey);
  const id = newId();
  const inserted = await tx.query<{ id: string }>(
    `insert into actions (tenant_id, id, session_id, correlation_id, type, queue, payload, idempotency_key, max_attempts, next_attempt_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (tenant_id, idempotency_key) do nothing returning id`,
    [
      tx.tenantId,
      id,
      action.sessionId,
      action.correlationId,
      type,
      queue,
      JSON.stringify(payload),
      idempotencyKey,
      action.maxAttempts ?? 8,
      (action.notBefore ?? new Date()).toISOString(),
    ],
  );
  if (inserted.rowCount === 0) {
    const existing = await tx.query<{ id: string }>(
      'select id::text from actions where idempotency_key = $1',
      [idempotencyKey],
    );
    return { id: existing.rows[0]!.id, idempotencyKey, created: false };
  }
  await tx.query('select pg_notify($1, $2)', [actionsChannel, queue]);
  return { id, idempotencyKey, created: true };
}
