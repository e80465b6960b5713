import type { ToolInput } from '../../contracts/tools/registry.ts';
import type { Database, TenantTx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { TargetCallContext } from './action-target.ts';
import { ActionTargetBase } from './target-base.ts';

interface PosOrderRow {
  id: string;
  order_reference: string;
  created_at: Date;
  ready_at: Date | null;
}

/**
 * The built-in POS: an orders board inside Voxeron (`pos_orders`), for restaurants without a
 * connected POS and for the demo. Idempotent by the action's key through the table's unique
 * (tenant_id, idempotency_key): a second attempt finds the first order.
 */
export class ConsolePosTarget extends ActionTargetBase<'create_pos_order'> {
  readonly actionType = 'create_pos_order';
  readonly name = 'console-pos';

  constructor(private readonly db: Database) {
    super();
  }

  protected send(
    draft: ToolInput<'create_pos_order'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    return this.db.withTenant(
      context.tenantId,
      async (tx) => {
        await tx.query(
          `insert into pos_orders (tenant_id, id, location_id, idempotency_key, order_reference, order_draft)
           values ($1, $2, $3, $4, $5, $6) on conflict (tenant_id, idempotency_key) do nothing`,
          [
            context.tenantId,
            newId(),
            draft.location_id,
            context.idempotencyKey,
            draft.order_reference,
            JSON.stringify(draft),
          ],
        );
        const row = await findOrder(tx, context.idempotencyKey, draft.fulfilment.type);
        return row && accepted(row);
      },
      { signal: context.signal },
    );
  }

  protected lookup(
    draft: ToolInput<'create_pos_order'>,
    context: TargetCallContext,
  ): Promise<unknown> {
    return this.db.withTenant(
      context.tenantId,
      async (tx) => {
        const row = await findOrder(tx, context.idempotencyKey, draft.fulfilment.type);
        return row && accepted(row);
      },
      { signal: context.signal },
    );
  }
}

async function findOrder(
  tx: TenantTx,
  idempotencyKey: string,
  fulfilment: 'pickup' | 'delivery',
): Promise<PosOrderRow | undefined> {
  // The kitchen's current wait, if it publishes one, gives the estimate.
  const found = await tx.query<PosOrderRow>(
    `select o.id::text, o.order_reference, o.created_at,
            o.created_at + make_interval(mins => case when $2 = 'delivery' then k.delivery_wait_minutes else k.pickup_wait_minutes end) as ready_at
     from pos_orders o left join kitchen_status k on k.location_id = o.location_id
     where o.idempotency_key = $1`,
    [idempotencyKey, fulfilment],
  );
  return found.rows[0];
}

function accepted(row: PosOrderRow) {
  return {
    status: 'accepted',
    order_reference: row.order_reference,
    pos_order_id: row.id,
    estimated_ready_at: row.ready_at ? row.ready_at.toISOString() : null,
  };
}
