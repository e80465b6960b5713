import type { TenantTx } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import { sealWebhookSecret } from '../../platform/webhooks/sealed-webhook-secret.ts';
import { newWebhookSecret } from '../../platform/webhooks/standard-webhooks.ts';
import { notFound } from '../http/problem.ts';

/** An endpoint as the API shows it: never its secrets, only whether a rotation overlaps. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: 'gone' | 'operator' | null;
  /** Until when the previous secret still signs (a rotation's overlap), or null. */
  previousSecretExpiresAt: string | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

const columns = `id::text, url, description, event_types as "eventTypes", enabled,
  disabled_reason as "disabledReason",
  to_char(previous_secret_expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "previousSecretExpiresAt",
  revision::int as revision,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;

export async function listWebhookEndpoints(tx: TenantTx): Promise<WebhookEndpoint[]> {
  return (
    await tx.query<WebhookEndpoint>(
      `select ${columns} from webhook_endpoints order by created_at, id`,
    )
  ).rows;
}

/** The endpoint or a 404; `lock` takes the row for an update. */
export async function readWebhookEndpoint(
  tx: TenantTx,
  id: string,
  lock = false,
): Promise<WebhookEndpoint> {
  const found = await tx.query<WebhookEndpoint>(
    `select ${columns} from webhook_endpoints where id = $1 ${lock ? 'for update' : ''}`,
    [id],
  );
  if (!found.rows[0]) throw notFound('webhook endpoint');
  return found.rows[0];
}

export interface NewWebhookEndpoint {
  url: string;
  description?: string | undefined;
  eventTypes: string[];
}

/** Creates an enabled endpoint with a fresh secret, returned this once. */
export async function createWebhookEndpoint(
  tx: TenantTx,
  secrets: SecretBox,
  input: NewWebhookEndpoint,
): Promise<{ secret: string; record: WebhookEndpoint }> {
  const id = newId();
  const secret = newWebhookSecret();
  await tx.query(
    `insert into webhook_endpoints (tenant_id, id, url, description, event_types, secret)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      tx.tenantId,
      id,
      input.url,
      input.description ?? null,
      input.eventTypes,
      sealWebhookSecret(secrets, tx.tenantId, id, secret),
    ],
  );
  return { secret, record: await readWebhookEndpoint(tx, id) };
}

export interface WebhookEndpointChange {
  url?: string | undefined;
  description?: string | null | undefined;
  eventTypes?: string[] | undefined;
  /** true re-enables (clearing the reason); false disables as the operator's choice. */
  enabled?: boolean | undefined;
}

export async function updateWebhookEndpoint(
  tx: TenantTx,
  before: WebhookEndpoint,
  change: WebhookEndpointChange,
): Promise<WebhookEndpoint> {
  const enabled = change.enabled ?? before.enabled;
  const reason = enabled ? null : change.enabled === false ? 'operator' : before.disabledReason;
  await tx.query(
    `update webhook_endpoints set url = $2, description = $3, event_types = $4, enabled = $5,
       disabled_reason = $6, revision = revision + 1, updated_at = now() where id = $1`,
    [
      before.id,
      change.url ?? before.url,
      change.description === undefined ? before.description : change.description,
      change.eventTypes ?? before.eventTypes,
      enabled,
      reason,
    ],
  );
  return readWebhookEndpoint(tx, before.id);
}

/**
 * A new secret now; the old one keeps signing (a second `v1,` signature) for `overlapMinutes`,
 * so receivers can switch without rejecting deliveries.
 */
export async function rotateWebhookSecret(
  tx: TenantTx,
  secrets: SecretBox,
  id: string,
  overlapMinutes: number,
): Promise<{ secret: string; record: WebhookEndpoint }> {
  const secret = newWebhookSecret();
  // The previous secret moves over sealed as it was: it stays bound to this row.
  await tx.query(
    `update webhook_endpoints set previous_secret = case when $3 > 0 then secret end, secret = $2,
       previous_secret_expires_at = case when $3 > 0 then now() + $3 * interval '1 minute' end,
       revision = revision + 1, updated_at = now() where id = $1`,
    [id, sealWebhookSecret(secrets, tx.tenantId, id, secret), overlapMinutes],
  );
  return { secret, record: await readWebhookEndpoint(tx, id) };
}

export async function deleteWebhookEndpoint(tx: TenantTx, id: string): Promise<void> {
  await tx.query('delete from webhook_endpoints where id = $1', [id]);
}
