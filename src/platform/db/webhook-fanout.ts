import type { EventEnvelope } from '../../contracts/events/envelope.ts';
import type { TenantTx } from './database.ts';
import { enqueueAction, type EnqueuedAction } from './enqueue-action.ts';

/** The endpoint fields a delivery needs when it is enqueued. */
export interface WebhookEndpointRef {
  id: string;
  url: string;
}

/**
 * Whether an event is ever delivered to webhooks. Every type may be subscribed, except action
 * moves that are not dead letters (three per action: noise for receivers, and load on the
 * dispatcher's hot path), and anything about a webhook delivery itself, which would otherwise
 * feed back into more deliveries when an endpoint fails.
 */
export function isWebhookEligible(event: Pick<EventEnvelope, 'type' | 'payload'>): boolean {
  if (event.type !== 'ActionStateChanged') return true;
  const payload = event.payload as { to?: string; action_type?: string };
  return payload.to === 'DEAD_LETTER' && payload.action_type !== 'webhook';
}

/**
 * Enqueues one `webhook` action delivering `event` to `endpoint` (fan-out happens at append
 * time, in the transaction that appends the event: `appendEvents`, ADR 0014). `dedupeKey` makes it
 * idempotent: the fan-out uses endpoint + event (once per pair, ever); a resend adds its own
 * request id so the receiver gets a new `webhook-id`.
 */
export async function enqueueWebhookDelivery(
  tx: TenantTx,
  endpoint: WebhookEndpointRef,
  event: Pick<EventEnvelope, 'id' | 'type' | 'session_id' | 'correlation_id'>,
  dedupeKey: string = `${endpoint.id}:${event.id}`,
): Promise<EnqueuedAction> {
  return enqueueAction(tx, {
    type: 'webhook',
    payload: {
      endpoint_id: endpoint.id,
      url: endpoint.url,
      event_id: event.id,
      event_type: event.type,
    },
    // The delivery is not part of the call's lifecycle: a session may end before it is sent.
    sessionId: null,
    correlationId: event.correlation_id,
    dedupeKey,
  });
}
