import { newId } from '../../ids.ts';
import type { TenantTx } from '../database.ts';

/**
 * Writes one row into every tenant-owned table for the transaction's tenant, through the
 * application role. The isolation test checks that this covers every table with a
 * tenant_id, so a new table cannot escape the cross-tenant checks.
 */
export async function seedEveryTenantTable(tx: TenantTx, blueprintId: string): Promise<void> {
  const t = tx.tenantId;
  const location = newId();
  const session = newId();
  const menu = newId();
  const action = newId();
  const device = newId();
  const correlation = newId();
  const slug = `t-${t.slice(-12)}`;
  await tx.query(`insert into tenants (id, name, slug) values ($1, $2, $3)`, [
    t,
    `Tenant ${slug}`,
    slug,
  ]);
  await tx.query(
    `insert into tenant_locations (tenant_id, id, name) values ($1, $2, 'Main street')`,
    [t, location],
  );
  await tx.query(
    `insert into routes (tenant_id, id, location_id, kind, address) values ($1, $2, $3, 'phone', $4)`,
    [t, newId(), location, `+3120${t.replace(/\D/g, '').slice(-7)}`],
  );
  const overlay = newId();
  await tx.query(
    `insert into tenant_overlays (tenant_id, id, location_id, version, blueprint_id, overlay, created_by)
     values ($1, $2, $3, 1, $4, '{}', 'seed')`,
    [t, overlay, location, blueprintId],
  );
  await tx.query(
    `insert into sessions (tenant_id, id, location_id, channel, correlation_id) values ($1, $2, $3, 'text', $4)`,
    [t, session, location, correlation],
  );
  await tx.query(
    `insert into events (tenant_id, id, type, version, session_id, correlation_id, occurred_at, payload)
     values ($1, $2, 'OrderDrafted', 1, $3, $4, now(), '{}')`,
    [t, newId(), session, correlation],
  );
  await tx.query(
    `insert into actions (tenant_id, id, session_id, correlation_id, type, queue, payload, idempotency_key)
     values ($1, $2, $3, $4, 'create_pos_order', 'pos', '{}', $5)`,
    [t, action, session, correlation, `seed-${action}`],
  );
  await tx.query(
    `insert into menus (tenant_id, id, location_id, version, name, currency, locale, fulfilment, document)
     values ($1, $2, $3, 1, 'Menu', 'EUR', 'en-US', '{}', '{}')`,
    [t, menu, location],
  );
  await tx.query(
    `insert into modifier_groups (tenant_id, menu_id, id, name, kind, min_choices, max_choices, position)
     values ($1, $2, 'size', 'size', 'size', 1, 1, 0)`,
    [t, menu],
  );
  await tx.query(
    `insert into modifier_options (tenant_id, menu_id, group_id, id, name, price_minor, position)
     values ($1, $2, 'size', 'large', 'large', 300, 0)`,
    [t, menu],
  );
  await tx.query(
    `insert into menu_items (tenant_id, menu_id, id, name, category, price_minor, position)
     values ($1, $2, 'soup', 'soup', 'starters', 550, 0)`,
    [t, menu],
  );
  await tx.query(`insert into kitchen_status (tenant_id, location_id) values ($1, $2)`, [
    t,
    location,
  ]);
  await tx.query(
    `insert into api_tokens (tenant_id, id, name, role, token_hash, prefix)
     values ($1, $2, 'seed', 'viewer', decode(md5($3), 'hex'), 'vx_seed')`,
    [t, newId(), `token-${t}`],
  );
  await tx.query(
    `insert into audit_log (tenant_id, seq, id, actor, action, resource_type, hash)
     values ($1, 1, $2, 'seed', 'tenant.create', 'tenant', decode(md5($3), 'hex'))`,
    [t, newId(), `audit-${t}`],
  );
  await tx.query(
    `insert into edge_devices (tenant_id, id, location_id, name) values ($1, $2, $3, 'Kitchen box')`,
    [t, device, location],
  );
  await tx.query(
    `insert into print_jobs (tenant_id, id, location_id, device_id, action_id, order_ref, ticket)
     values ($1, $2, $3, $4, $5, 'A-1', '{}')`,
    [t, newId(), location, device, action],
  );
  await tx.query(
    `insert into edge_device_sessions (tenant_id, id, device_id) values ($1, $2, $3)`,
    [t, newId(), device],
  );
  await tx.query(
    `insert into pos_orders (tenant_id, id, location_id, idempotency_key, order_reference, order_draft)
     values ($1, $2, $3, $4, 'SEED-1', '{}')`,
    [t, newId(), location, `seed-pos-${t}`],
  );
  await tx.query(
    `insert into tenant_kill_switches (tenant_id, id, kind, target, reason, created_by)
     values ($1, $2, 'integration_off', 'pos', 'seed', 'seed')`,
    [t, newId()],
  );
  await tx.query(
    `insert into overlay_promotions (tenant_id, id, overlay_id, from_env, to_env, requested_by)
     values ($1, $2, $3, 'draft', 'staging', 'seed')`,
    [t, newId(), overlay],
  );
  await tx.query(
    `insert into overlay_pins (tenant_id, id, location_id, overlay_id, pinned_by) values ($1, $2, $3, $4, 'seed')`,
    [t, newId(), location, overlay],
  );
  await tx.query(
    `insert into onboarding_confirmations (tenant_id, location_id, step, confirmed_by)
     values ($1, $2, 'shadow_mode', 'seed')`,
    [t, location],
  );
  await tx.query(
    `insert into webhook_endpoints (tenant_id, id, url, event_types, secret)
     values ($1, $2, 'https://hooks.example.com/seed', '{MenuUpdated}', $3)`,
    [t, newId(), `whsec_${Buffer.from(t.padEnd(32, 'x')).toString('base64')}`],
  );
  await tx.query(
    `insert into event_subscriber_checkpoints (tenant_id, subscriber, position) values ($1, 'seed', 1)`,
    [t],
  );
}
