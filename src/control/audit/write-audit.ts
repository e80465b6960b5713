import type { TenantTx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';

export interface AuditEntry {
  /** `<role>:<token id>`, or `cli:<user>` for the command line. */
  actor: string;
  /** `<resource>.<verb>`, e.g. `location.update`. */
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/**
 * Appends one row to the tenant's audit log inside the caller's transaction, so the change and
 * its record commit together. seq, prev_hash and hash are assigned by the database trigger
 * (0003 audit_log_chain); what is sent for them here is ignored.
 */
export async function writeAudit(tx: TenantTx, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into audit_log (tenant_id, seq, id, actor, action, resource_type, resource_id, before, after, request_id, hash)
     values ($1, 0, $2, $3, $4, $5, $6, $7, $8, $9, ''::bytea)`,
    [
      tx.tenantId,
      newId(),
      entry.actor,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      entry.requestId,
    ],
  );
}
