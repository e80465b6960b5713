import { createHash } from 'node:crypto';
import type { TenantTx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

export interface AuditEntry {
  /** Who acted: an operator id or token name; never a phone number or a caller's name. */
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId?: string | null;
}

/**
 * Appends one row to the tenant's audit log in the caller's transaction. `seq` is the next
 * number of the tenant, taken under a transaction-scoped advisory lock so two operators never
 * collide. Hash chaining is the control plane's (issue 6): for now `prev_hash` is null and
 * `hash` is the SHA-256 of the row's JSON.
 */
export async function appendAudit(tx: TenantTx, entry: AuditEntry): Promise<number> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('voxeron.audit'), hashtext($1))`, [
    tx.tenantId,
  ]);
  const next = await tx.query<{ seq: string }>(
    'select coalesce(max(seq), 0) + 1 as seq from audit_log',
  );
  const seq = Number(next.rows[0]!.seq);
  const row = {
    tenant_id: tx.tenantId,
    seq,
    id: newId(),
    actor: entry.actor,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    request_id: entry.requestId ?? null,
    occurred_at: new Date().toISOString(),
  };
  const hash = createHash('sha256').update(JSON.stringify(row)).digest();
  await tx.query(
    `insert into audit_log (tenant_id, seq, id, actor, action, resource_type, resource_id, before, after, request_id, occurred_at, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, null, $12)`,
    [
      row.tenant_id,
      row.seq,
      row.id,
      row.actor,
      row.action,
      row.resource_type,
      row.resource_id,
      JSON.stringify(row.before),
      JSON.stringify(row.after),
      row.request_id,
      row.occurred_at,
      hash,
    ],
  );
  return seq;
}
