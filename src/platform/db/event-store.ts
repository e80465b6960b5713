import type { EventEnvelope } from '../../contracts/events/envelope.ts';
import type { TenantTx } from './database.ts';

/** A stored event with its position in the tenant's stream (gapless, in commit order). */
export interface StoredEvent {
  position: number;
  event: EventEnvelope;
}

interface EventRow {
  seq: string;
  id: string;
  type: EventEnvelope['type'];
  version: 1;
  tenant_id: string;
  session_id: string | null;
  correlation_id: string;
  causation_id: string | null;
  occurred_at: Date;
  payload: unknown;
}

function toStored(row: EventRow): StoredEvent {
  return {
    position: Number(row.seq),
    event: {
      id: row.id,
      version: row.version,
      tenant_id: row.tenant_id,
      session_id: row.session_id,
      correlation_id: row.correlation_id,
      causation_id: row.causation_id,
      occurred_at: row.occurred_at.toISOString(),
      type: row.type,
      payload: row.payload,
    },
  };
}

const columns = `seq, id::text, type, version, tenant_id::text, session_id::text,
  correlation_id::text, causation_id::text, occurred_at, payload`;

/**
 * The tenant's events after `afterPosition` (exclusive), oldest first, at most `limit`;
 * optionally only some types and only up to `toPosition` (inclusive). Reads through RLS.
 */
export async function readEvents(
  tx: TenantTx,
  options: {
    afterPosition: number;
    limit: number;
    toPosition?: number;
    types?: readonly string[];
  },
): Promise<StoredEvent[]> {
  const found = await tx.query<EventRow>(
    `select ${columns} from events
     where seq > $1 and ($2::bigint is null or seq <= $2) and ($3::text[] is null or type = any($3))
     order by seq limit $4`,
    [options.afterPosition, options.toPosition ?? null, options.types ?? null, options.limit],
  );
  return found.rows.map(toStored);
}

/** One event by id, or undefined. */
export async function readEvent(tx: TenantTx, id: string): Promise<StoredEvent | undefined> {
  const found = await tx.query<EventRow>(`select ${columns} from events where id = $1`, [id]);
  return found.rows[0] && toStored(found.rows[0]);
}
