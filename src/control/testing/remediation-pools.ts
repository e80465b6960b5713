import { exampleOrderDraft } from '../../contracts/testing/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids.ts';
import { newWebhookSecret } from '../../platform/webhooks/standard-webhooks.ts';
import { actionVersionSql } from '../remediation/list-actions.ts';

/** Resources a route test consumes one per request (a retried action cannot be retried again). */
export interface RemediationPools {
  endpoints: Map<string, string[]>;
  /** Dead-lettered POS orders with their version (If-Match). */
  deadLetters: Map<string, { id: string; version: string }[]>;
  /** PENDING actions due in an hour: nothing claims them, an operator may cancel them. */
  waiting: Map<string, string[]>;
}

/** Takes one resource of a tenant's pool; throws when the pool ran dry (make it bigger). */
export function take<T>(pool: Map<string, T[]>, tenantId: string): T {
  const item = pool.get(tenantId)?.pop();
  if (item === undefined) throw new Error(`pool for ${tenantId} is empty`);
  return item;
}

/** A valid create_pos_order payload for a tenant (shape only: the contract checks no rows). */
export const orderPayloadFor = (tenantId: string, reference: string) => ({
  ...exampleOrderDraft(),
  tenant_id: tenantId,
  order_reference: reference,
  idempotency_key: `order:${tenantId}:${reference}`,
});

export async function createRemediationPools(
  db: Database,
  tenantIds: readonly string[],
  size: number,
): Promise<RemediationPools> {
  const pools: RemediationPools = {
    endpoints: new Map(),
    deadLetters: new Map(),
    waiting: new Map(),
  };
  for (const tenantId of tenantIds) {
    await db.withTenant(tenantId, async (tx) => {
      const endpoints: string[] = [];
      const dead: { id: string; version: string }[] = [];
      const waiting: string[] = [];
      for (let i = 0; i < size; i++) {
        const endpoint = newId();
        await tx.query(
          `insert into webhook_endpoints (tenant_id, id, url, event_types, secret)
           values ($1, $2, 'https://hooks.example.com/pool', '{MenuUpdated}', $3)`,
          [tenantId, endpoint, newWebhookSecret()],
        );
        endpoints.push(endpoint);
        for (const status of ['DEAD_LETTER', 'PENDING'] as const) {
          const id = newId();
          const reference = `P-${id.slice(-8).toUpperCase()}`;
          const inserted = await tx.query<{ version: string }>(
            `insert into actions (tenant_id, id, correlation_id, type, queue, payload, idempotency_key,
               status, attempt, last_error, next_attempt_at)
             values ($1, $2, $3, 'create_pos_order', 'pos', $4, $5, $6, $7, $8,
               now() + case when $6 = 'PENDING' then interval '1 hour' else interval '0' end)
             returning ${actionVersionSql} as version`,
            [
              tenantId,
              id,
              newId(),
              JSON.stringify(orderPayloadFor(tenantId, reference)),
              `pool-${id}`,
              status,
              status === 'PENDING' ? 0 : 1,
              status === 'PENDING'
                ? null
                : JSON.stringify({ code: 'http_410', message: 'gone', retryable: false }),
            ],
          );
          if (status === 'PENDING') waiting.push(id);
          else dead.push({ id, version: inserted.rows[0]!.version });
        }
      }
      pools.endpoints.set(tenantId, endpoints);
      pools.deadLetters.set(tenantId, dead);
      pools.waiting.set(tenantId, waiting);
    });
  }
  return pools;
}
