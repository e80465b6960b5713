import type { DomainEvent } from '../../contracts/events/domain-event.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { appendEvent, type NewEvent } from '../../platform/db/outbox.ts';
import {
  configChannel,
  type ConfigNotification,
} from '../../contracts/events/config-notification.ts';

export {
  configChannel,
  type ConfigNotification,
} from '../../contracts/events/config-notification.ts';

/** Appends the event to the tenant's stream and notifies listeners, in the caller's transaction. */
export async function publishConfigChange<T extends DomainEvent['type']>(
  tx: TenantTx,
  event: NewEvent<T>,
  locationId: string | null,
): Promise<ConfigNotification> {
  const appended = await appendEvent(tx, event);
  const notification: ConfigNotification = {
    type: event.type,
    tenant_id: tx.tenantId,
    location_id: locationId,
    event_id: appended.id,
    seq: appended.seq,
  };
  await tx.query('select pg_notify($1, $2)', [configChannel, JSON.stringify(notification)]);
  return notification;
}
