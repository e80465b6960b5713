import { readEvents } from '../../platform/db/event-store.ts';
import type { TenantTx } from '../../platform/db/index.ts';
import { enqueueWebhookDelivery, isWebhookEligible } from '../../platform/db/webhook-fanout.ts';
import type { WebhookEndpoint } from './webhook-endpoint-store.ts';

export interface ResendRange {
  /** Resend events after this position (exclusive). */
  fromPosition: number;
  /** Up to this position (inclusive); none: up to the newest. */
  toPosition?: number | undefined;
  /** Most events looked at in one request; page with `nextFromPosition`. */
  limit: number;
}

export interface ResendOutcome {
  enqueued: number;
  /** Position of the last event looked at, or `fromPosition` when there was none. */
  lastPosition: number;
  /** Where the next request continues when the limit cut the range short; null when done. */
  nextFromPosition: number | null;
}

/**
 * Replays a range of the tenant's event stream to one endpoint: a new delivery (a new
 * `webhook-id`, since receivers deduplicate on it and the point is to be processed again) for
 * every event in range of a subscribed type, enqueued in the caller's transaction.
 */
export async function resendEvents(
  tx: TenantTx,
  endpoint: WebhookEndpoint,
  range: ResendRange,
  resendId: string,
): Promise<ResendOutcome> {
  const events = await readEvents(tx, {
    afterPosition: range.fromPosition,
    toPosition: range.toPosition,
    types: endpoint.eventTypes,
    limit: range.limit,
  });
  let enqueued = 0;
  for (const { event } of events) {
    if (!isWebhookEligible(event)) continue;
    await enqueueWebhookDelivery(
      tx,
      endpoint,
      event,
      `${endpoint.id}:${event.id}:resend:${resendId}`,
    );
    enqueued += 1;
  }
  const lastPosition = events.at(-1)?.position ?? range.fromPosition;
  return {
    enqueued,
    lastPosition,
    nextFromPosition: events.length === range.limit ? lastPosition : null,
  };
}
