import type { TenantTx } from '../../platform/db/database.ts';

/**
 * The subscriber's checkpoint (0 for a new one), locked for the rest of the transaction: a
 * second replay of the same subscriber waits here rather than applying the same batch twice.
 */
export async function lockCheckpoint(tx: TenantTx, subscriber: string): Promise<number> {
  await tx.query(
    `insert into event_subscriber_checkpoints (tenant_id, subscriber) values ($1, $2)
     on conflict (tenant_id, subscriber) do nothing`,
    [tx.tenantId, subscriber],
  );
  const found = await tx.query<{ position: string }>(
    `select position from event_subscriber_checkpoints where subscriber = $1 for update`,
    [subscriber],
  );
  return Number(found.rows[0]!.position);
}

/** Moves the checkpoint forward (never back), in the transaction that applied the events. */
export async function advanceCheckpoint(
  tx: TenantTx,
  subscriber: string,
  position: number,
): Promise<void> {
  await tx.query(
    `update event_subscriber_checkpoints set position = greatest(position, $2), updated_at = now()
     where subscriber = $1`,
    [subscriber, position],
  );
}

/** Where a subscriber stands: the last position it applied (0: nothing yet). */
export async function readCheckpoint(tx: TenantTx, subscriber: string): Promise<number> {
  const found = await tx.query<{ position: string }>(
    `select position from event_subscriber_checkpoints where subscriber = $1`,
    [subscriber],
  );
  return Number(found.rows[0]?.position ?? 0);
}
