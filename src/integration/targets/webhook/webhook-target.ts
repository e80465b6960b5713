import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Database } from '../../../platform/db/database.ts';
import { isVoxeronError } from '../../../platform/errors.ts';
import type { HostResolver } from '../../../platform/net/allowed-addresses.ts';
import { signWebhook } from '../../../platform/webhooks/standard-webhooks.ts';
import type { TargetCallContext } from '../action-target.ts';
import { guardedTransport } from '../http/guarded-transport.ts';
import { httpCall } from '../http/http-call.ts';
import type { HttpTransport } from '../http/http-transport.ts';
import { ActionTargetBase } from '../target-base.ts';
import type { TargetInput } from '../target-contracts.ts';
import { TargetRejectedError } from '../target-errors.ts';
import { disableGoneEndpoint, loadDeliveryMaterial } from './webhook-endpoint-store.ts';

export interface WebhookTargetOptions {
  db: Database;
  /** Opens the endpoints' sealed signing secrets (ADR 0023). */
  secrets: SecretBox;
  /**
   * Hosts reached over plain HTTP although the endpoint URL says https: loopback receivers in
   * tests and the local demo. Never set in production.
   */
  plainHttpHosts?: readonly string[];
  /**
   * Also deliver to hosts that resolve to loopback, private, link-local, CGNAT or other
   * non-public addresses (`VOXERON_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES`): tests and self-hosted
   * installs whose receivers sit on the private network. Off, such a delivery dead-letters
   * with `address_not_allowed`. @default false
   */
  allowPrivateAddresses?: boolean;
  /** How endpoint hostnames are resolved. @default the system resolver (`dns.lookup`) */
  resolver?: HostResolver;
}

/** The body of every delivery: Standard Webhooks' `type`/`timestamp`/`data`, data = the v1 event. */
export function webhookBody(event: { type: string; occurred_at: string }): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurred_at, data: event });
}

/**
 * Outbound webhooks per Standard Webhooks: the stored event is POSTed to the endpoint's current
 * URL, signed with its secret(s), with the action's idempotency key as `webhook-id` (the same
 * on every retry). Any 2xx is success; 410 Gone disables the endpoint; other answers follow
 * `httpCall`'s retry semantics. Receivers cannot be asked whether a delivery arrived, so
 * reconciliation finds nothing and an unknown outcome is resent — at least once, deduplicated
 * by the receiver on `webhook-id`. The URL is the tenant's choice, so (ADR 0014): redirects
 * are not followed (`http_redirect`, dead letter) and the host must resolve to public
 * addresses only, checked at connect time (`address_not_allowed`, dead letter).
 */
export class WebhookTarget extends ActionTargetBase<'webhook'> {
  readonly actionType = 'webhook';
  readonly name = 'webhook';

  private readonly transport: HttpTransport;

  constructor(private readonly options: WebhookTargetOptions) {
    super();
    this.transport = guardedTransport({
      allowPrivateAddresses: options.allowPrivateAddresses ?? false,
      resolver: options.resolver,
    });
  }

  protected async send(
    delivery: TargetInput<'webhook'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const { db, secrets } = this.options;
    const { endpoint, event } = await loadDeliveryMaterial(
      db,
      secrets,
      context.tenantId,
      delivery.endpoint_id,
      delivery.event_id,
      context.signal,
    );
    if (!endpoint) {
      throw new TargetRejectedError('webhook_endpoint_deleted', 'the webhook endpoint was deleted');
    }
    if (!endpoint.enabled) {
      throw new TargetRejectedError(
        'webhook_endpoint_disabled',
        `the webhook endpoint is disabled (${endpoint.disabledReason ?? 'unknown'})`,
      );
    }
    if (!event) throw new TargetRejectedError('webhook_event_missing', 'the event does not exist');
    const body = webhookBody(event.event);
    const headers = signWebhook({
      id: context.idempotencyKey,
      timestampSeconds: Date.now() / 1000,
      body,
      secrets: endpoint.secrets,
    });
    try {
      const answer = await httpCall({
        method: 'POST',
        url: this.transportUrl(endpoint.url),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'user-agent': 'Voxeron-Webhooks/1',
        },
        body,
        signal: context.signal,
        target: this.name,
        effectful: true,
        expectJson: false,
        redirect: 'refuse',
        transport: this.transport,
      });
      return { status_code: answer.status };
    } catch (error) {
      if (isVoxeronError(error) && error.code === 'http_410') {
        await disableGoneEndpoint(
          db,
          context.tenantId,
          delivery.endpoint_id,
          context.actionId,
          AbortSignal.timeout(10_000),
        );
        throw new TargetRejectedError(
          'webhook_gone',
          'the receiver answered 410 Gone: the endpoint is disabled',
          { cause: error, details: { target: this.name, status: 410 } },
        );
      }
      throw error;
    }
  }

  protected lookup(): Promise<unknown> {
    return Promise.resolve(undefined);
  }

  private transportUrl(url: string): string {
    const parsed = new URL(url);
    if (this.options.plainHttpHosts?.includes(parsed.hostname)) parsed.protocol = 'http:';
    return parsed.toString();
  }
}
