import type { Tx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AuditEntry } from './write-audit.ts';

/**
 * Appends one row to the platform audit log (changes that belong to no tenant: feature flags,
 * global kill switches, model policies) in the caller's transaction. seq and the hash chain are
 * assigned by the 0005 trigger platform_audit_log_chain, like audit_log's.
 */
export async function writePlatformAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into platform_audit_log (seq, id, actor, action, resource_type, resource_id, before, after, request_id, hash)
     values (0, $1, $2, $3, $4, $5, $6, $7, $8, ''::bytea)`,
    [
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
