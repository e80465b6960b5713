import type { ToolInput } from '../../../contracts/tools/registry.ts';
import { OutcomeUnknownError } from '../../../platform/errors.ts';
import type { TargetCallContext } from '../action-target.ts';
import { httpCall } from '../http/http-call.ts';
import { ActionTargetBase } from '../target-base.ts';
import {
  fromSquareOrder,
  squareIdempotencyMetadataKey,
  toSquareCreateOrder,
  type SquareOrder,
} from './square-order-request.ts';

export interface SquareOrdersOptions {
  /** `https://connect.squareup.com` in production; a local fake in tests. */
  baseUrl: string;
  accessToken: string;
  /** The seller's Square location the tenant's location maps to. */
  squareLocationId: string;
  /** Square API version header. */
  squareVersion?: string;
  /** How far back reconciliation searches, in ms. @default 86_400_000 (Square keeps keys a day) */
  reconcileWindowMs?: number;
}

/**
 * Square Orders API (POST /v2/orders) as a POS target. Square applies an `idempotency_key`
 * once and answers a repeat with the original order, so a resend with the same key is safe;
 * reconciliation (read-only) searches the location's recent orders for the key we put in the
 * order's metadata.
 */
export class SquareOrdersTarget extends ActionTargetBase<'create_pos_order'> {
  readonly actionType = 'create_pos_order';
  readonly name = 'square';

  constructor(private readonly options: SquareOrdersOptions) {
    super();
  }

  private headers(): Record<string, string> {
    return {
      authorization: `Bearer ${this.options.accessToken}`,
      'content-type': 'application/json',
      'square-version': this.options.squareVersion ?? '2025-01-23',
    };
  }

  protected async send(
    draft: ToolInput<'create_pos_order'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const answer = await httpCall({
      method: 'POST',
      url: new URL('/v2/orders', this.options.baseUrl).toString(),
      headers: this.headers(),
      body: JSON.stringify(
        toSquareCreateOrder(draft, context.idempotencyKey, this.options.squareLocationId),
      ),
      signal: context.signal,
      target: this.name,
      // Vendor APIs do not redirect: a 3xx means a wrong base URL, and following a POST would
      // drop its body or replay it, with our credentials, to a host nobody configured.
      redirect: 'refuse',
      effectful: true,
    });
    const order = (answer.body as { order?: SquareOrder } | undefined)?.order;
    if (!order || typeof order.id !== 'string') {
      throw new OutcomeUnknownError('square answered without an order', {
        details: { target: this.name },
      });
    }
    return fromSquareOrder(order, draft);
  }

  protected async lookup(
    draft: ToolInput<'create_pos_order'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    const since = new Date(Date.now() - (this.options.reconcileWindowMs ?? 86_400_000));
    let cursor: string | undefined;
    do {
      const answer = await httpCall({
        method: 'POST',
        url: new URL('/v2/orders/search', this.options.baseUrl).toString(),
        headers: this.headers(),
        body: JSON.stringify({
          location_ids: [this.options.squareLocationId],
          query: {
            filter: { date_time_filter: { created_at: { start_at: since.toISOString() } } },
            sort: { sort_field: 'CREATED_AT', sort_order: 'DESC' },
          },
          limit: 500,
          ...(cursor ? { cursor } : {}),
        }),
        signal: context.signal,
        target: this.name,
        redirect: 'refuse',
        effectful: false,
      });
      const page = (answer.body ?? {}) as { orders?: SquareOrder[]; cursor?: string };
      const match = page.orders?.find(
        (order) => order.metadata?.[squareIdempotencyMetadataKey] === context.idempotencyKey,
      );
      if (match) return fromSquareOrder(match, draft);
      cursor = page.cursor;
    } while (cursor);
    return undefined;
  }
}
