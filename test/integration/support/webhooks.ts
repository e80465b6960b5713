import type { EventType } from '../../../src/contracts/events/event-type.ts';
import type { Database } from '../../../src/platform/db/database.ts';
import { appendEvent } from '../../../src/platform/db/outbox.ts';
import { newId } from '../../../src/platform/ids.ts';
import { testSecretBox } from '../../../src/platform/crypto/testing/test-secret-box.ts';
import { sealWebhookSecret } from '../../../src/platform/webhooks/sealed-webhook-secret.ts';
import { newWebhookSecret } from '../../../src/platform/webhooks/standard-webhooks.ts';
import type { WebhookReceiver } from '../../../src/integration/targets/testing/webhook-receiver.ts';
import type { SeededTenant } from './seed.ts';

export interface SeededEndpoint {
  id: string;
  url: string;
  secret: string;
}

/** An enabled endpoint of the receiver, subscribed to `eventTypes`, its secret registered there. */
export async function createEndpoint(
  db: Database,
  tenant: SeededTenant,
  receiver: WebhookReceiver,
  eventTypes: readonly EventType[],
): Promise<SeededEndpoint> {
  const endpoint = await createEndpointAt(db, tenant, (id) => receiver.urlFor(id), eventTypes);
  receiver.register(endpoint.id, endpoint.secret);
  return endpoint;
}

/**
 * An enabled endpoint at any URL, stored as is (the API's URL rules do not apply): a
 * redirecting server, a name that resolves to a private address. Its secret is sealed with
 * `testSecretBox`, as the API seals it.
 */
export async function createEndpointAt(
  db: Database,
  tenant: SeededTenant,
  urlFor: (endpointId: string) => string,
  eventTypes: readonly EventType[],
): Promise<SeededEndpoint> {
  const id = newId();
  const secret = newWebhookSecret();
  const url = urlFor(id);
  await db.withTenant(tenant.tenantId, (tx) =>
    tx.query(
      `insert into webhook_endpoints (tenant_id, id, url, event_types, secret) values ($1, $2, $3, $4, $5)`,
      [
        tenant.tenantId,
        id,
        url,
        eventTypes,
        sealWebhookSecret(testSecretBox, tenant.tenantId, id, secret),
      ],
    ),
  );
  return { id, url, secret };
}

/** Appends an OverflowToggled event (with its webhook fan-out) and returns its id and position. */
export async function appendOverflowToggled(
  db: Database,
  tenant: SeededTenant,
  enabled = true,
): Promise<{ id: string; seq: number }> {
  return db.withTenant(tenant.tenantId, (tx) =>
    appendEvent(tx, {
      type: 'OverflowToggled',
      sessionId: null,
      correlationId: newId(),
      payload: {
        location_id: tenant.locationId,
        enabled,
        source: 'operator',
        actor_id: 'tests',
        reason: null,
      },
    }),
  );
}
