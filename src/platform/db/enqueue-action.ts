import { createHash } from 'node:crypto';
import { ActionType, queueForActionType } from '../../contracts/actions/action-type.ts';
import { WebhookDelivery } from '../../contracts/actions/webhook-delivery.ts';
import { parseContract } from '../../contracts/common/contract-violation.ts';
import { toolContracts } from '../../contracts/tools/registry.ts';
import { newId } from '../ids.ts';
import type { TenantTx } from './database.ts';

/** Channel the dispatcher LISTENs on; the payload is the queue name. Sent at commit only. */
export const actionsChannel = 'voxeron_actions';

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
