import { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Database, TenantTx } from '../../../platform/db/database.ts';
import {
  openWebhookSecret,
  sealWebhookSecret,
} from '../../../platform/webhooks/sealed-webhook-secret.ts';
import { readEvent, type StoredEvent } from '../../../platform/db/event-store.ts';
import { newId } from '../../../platform/ids.ts';

/** What one delivery attempt needs from the database. */
export interface DeliveryMaterial {
  endpoint:
    | {
        url: string;
        enabled: boolean;
        disabledReason: string | null;
        /** Current secret first; the previous one while its rotation overlap lasts. */
        secrets: string[];
      }
    | undefined;
  event: StoredEvent | undefined;
}

/** Reads the endpoint (as it is now: a changed URL or secret applies to pending retries) and the event. */
export async function loadDeliveryMaterial(
  db: Database,
  secrets: SecretBox,
  tenantId: string,
  endpointId: string,
  eventId: string,
  signal: AbortSignal,
): Promise<DeliveryMaterial> {
  return db.withTenant(
    tenantId,
    async (tx) => {
      const found = await tx.query<{
        url: string;
        enabled: boolean;
        disabled_reason: string | null;
        secret: string;
        previous_secret: string | null;
      }>(
        `select url, enabled, disabled_reason, secret,
                case when previous_secret_expires_at > now() then previous_secret end as previous_secret
         from webhook_endpoints where id = $1`,
        [endpointId],
      );
      const row = found.rows[0];
      if (row && !SecretBox.isSealed(row.secret)) {
        // Stored before secrets were sealed (ADR 0023): sealed now, on its first delivery.
        await tx.query(`update webhook_endpoints set secret = $2 where id = $1 and secret = $3`, [
          endpointId,
          sealWebhookSecret(secrets, tenantId, endpointId, row.secret),
          row.secret,
        ]);
      }
      return {
        endpoint: row && {
          url: row.url,
          enabled: row.enabled,
          disabledReason: row.disabled_reason,
          secrets: [row.secret, row.previous_secret]
            .filter((stored): stored is string => stored !== null)
            .map((stored) => openWebhookSecret(secrets, tenantId, endpointId, stored)),
        },
        event: await readEvent(tx, eventId),
      };
    },
    { signal },
  );
}

/**
 * The receiver answered 410 Gone: no more deliveries to this endpoint (Standard Webhooks).
 * Audited as the system's change, next to the dead-lettered delivery's ActionStateChanged.
 */
export async function disableGoneEndpoint(
  db: Database,
  tenantId: string,
  endpointId: string,
  actionId: string,
  signal: AbortSignal,
): Promise<void> {
  await db.withTenant(
    tenantId,
    async (tx) => {
      const updated = await tx.query<{ url: string }>(
        `update webhook_endpoints
         set enabled = false, disabled_reason = 'gone', revision = revision + 1, updated_at = now()
         where id = $1 and enabled returning url`,
        [endpointId],
      );
      if (updated.rowCount !== 1) return; // already disabled by another delivery or an operator
      await auditSystemChange(tx, endpointId, actionId);
    },
    { signal },
  );
}

async function auditSystemChange(tx: TenantTx, endpointId: string, actionId: string) {
  // seq, prev_hash and hash are assigned by the audit chain trigger (migration 0003).
  await tx.query(
    `insert into audit_log (tenant_id, seq, id, actor, action, resource_type, resource_id, before, after, request_id, hash)
     values ($1, 0, $2, 'system:webhook-dispatcher', 'webhook_endpoint.disable', 'webhook_endpoint', $3, $4, $5, null, ''::bytea)`,
    [
      tx.tenantId,
      newId(),
      endpointId,
      JSON.stringify({ enabled: true }),
      JSON.stringify({ enabled: false, disabledReason: 'gone', actionId }),
    ],
  );
}
