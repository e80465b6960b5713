import type { ActionType } from '../../../src/contracts/actions/action-type.ts';
import {
  exampleConfirmationMessage,
  exampleOrderDraft,
  examplePrinterTicket,
} from '../../../src/contracts/testing/index.ts';
import type { Database, TenantTx } from '../../../src/platform/db/database.ts';
import { enqueueAction, idempotencyKeyFor } from '../../../src/platform/db/outbox.ts';
import { newId } from '../../../src/platform/ids.ts';

export interface SeededTenant {
  tenantId: string;
  locationId: string;
}

/** A tenant with one location, written through the application role. */
export async function seedTenant(db: Database, name = 'Test Kitchen'): Promise<SeededTenant> {
  const tenantId = newId();
  const locationId = newId();
  await db.withTenant(tenantId, async (tx) => {
    await tx.query(`insert into tenants (id, name, slug) values ($1, $2, $3)`, [
      tenantId,
      name,
      `t-${tenantId.slice(-12)}`,
    ]);
    await tx.query(`insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main')`, [
      tenantId,
      locationId,
    ]);
  });
  return { tenantId, locationId };
}

/** A valid payload of `type` for the tenant, unique by `reference`. */
export function payloadFor(type: ActionType, tenant: SeededTenant, reference: string): unknown {
  switch (type) {
    case 'create_pos_order':
      return {
        ...exampleOrderDraft(),
        tenant_id: tenant.tenantId,
        location_id: tenant.locationId,
        order_reference: reference,
        idempotency_key: `order:${tenant.tenantId}:${reference}`,
      };
    case 'dispatch_printer_ticket':
      return {
        ...examplePrinterTicket(),
        job_id: newId(),
        tenant_id: tenant.tenantId,
        location_id: tenant.locationId,
        order_reference: reference,
      };
    case 'send_confirmation_message':
      return {
        ...exampleConfirmationMessage(),
        order_reference: reference,
        idempotency_key: `sms:${tenant.tenantId}:${reference}`,
      };
    case 'webhook':
      throw new Error('no webhook payloads in these tests');
  }
}

/** Enqueues one action through the outbox (validated, NOTIFY at commit). */
export async function enqueue(
  db: Database,
  tenant: SeededTenant,
  type: ActionType,
  reference: string,
  options: { maxAttempts?: number } = {},
) {
  return db.withTenant(tenant.tenantId, (tx) =>
    enqueueAction(tx, {
      type,
      payload: payloadFor(type, tenant, reference),
      sessionId: null,
      correlationId: newId(),
      dedupeKey: reference,
      ...options,
    }),
  );
}

/**
 * Enqueues `count` POS orders in one statement (for load tests): the same validated payload
 * with a distinct order reference each, keys from {@link idempotencyKeyFor}.
 */
export async function enqueueManyOrders(
  db: Database,
  tenant: SeededTenant,
  count: number,
  prefix: string,
  options: { maxAttempts?: number } = {},
): Promise<void> {
  const template = payloadFor('create_pos_order', tenant, 'X-0');
  const keys = Array.from({ length: count }, (_, i) =>
    idempotencyKeyFor(tenant.tenantId, 'create_pos_order', `${prefix}-${i}`),
  );
  await db.withTenant(tenant.tenantId, (tx: TenantTx) =>
    tx.query(
      `insert into actions (tenant_id, id, correlation_id, type, queue, payload, idempotency_key, max_attempts)
       select $1, gen_random_uuid(), gen_random_uuid(), 'create_pos_order', 'pos',
              jsonb_set(jsonb_set($2::jsonb, '{order_reference}', to_jsonb($3 || '-' || k.n)),
                        '{idempotency_key}', to_jsonb(k.key)),
              k.key, $5
       from unnest($4::text[]) with ordinality as k(key, n)`,
      [tenant.tenantId, JSON.stringify(template), prefix, keys, options.maxAttempts ?? 8],
    ),
  );
}
