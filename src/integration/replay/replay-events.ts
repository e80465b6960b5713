import type { Database, TenantTx } from '../../platform/db/database.ts';
import { readEvents, type StoredEvent } from '../../platform/db/event-store.ts';
import { throwIfAborted } from '../../platform/errors.ts';
import { advanceCheckpoint, lockCheckpoint } from './subscriber-checkpoint.ts';

/**
 * Something that applies events to its own state (a projection, an export, a webhook resend).
 * `apply` runs in the transaction that also advances the subscriber's checkpoint, so whatever
 * it writes through `tx` happens exactly once per event, however often a replay is restarted.
 */
export interface EventSubscriber {
  /** Names the checkpoint: `[a-z0-9][a-z0-9:._-]*`, e.g. `projection:orders-board`. */
  readonly name: string;
  /** Types it wants; others are skipped (but still passed by the checkpoint). @default all */
  readonly types?: readonly string[];
  apply(tx: TenantTx, stored: StoredEvent, signal: AbortSignal): Promise<void>;
}

export interface ReplayOptions {
  db: Database;
  tenantId: string;
  /** Start after this position (exclusive) — or after the checkpoint, when that is further. */
  fromPosition: number;
  subscriber: EventSubscriber;
  signal: AbortSignal;
  /** Events per transaction. @default 100 */
  batchSize?: number;
  /** Stop after this position (inclusive). @default the newest event when each batch is read */
  toPosition?: number;
}

export interface ReplayResult {
  /** The checkpoint after the replay: the last position applied. */
  position: number;
  /** Events handed to `apply` (type-filtered, already-applied ones excluded). */
  applied: number;
  batches: number;
}

/**
 * Streams a tenant's events after a position to a subscriber, in stream order, in batches.
 * Each batch is one transaction: the checkpoint row is locked (so two replays of the same
 * subscriber serialize instead of applying twice), the subscriber applies the batch, and the
 * checkpoint moves to the batch's last position. An abort or a crash midway rolls back the
 * batch in progress; a restart continues after the last committed one. The stream is gapless
 * and ordered by commit (migration 0001), so nothing committed later appears behind the
 * checkpoint.
 */
export async function replayEvents(options: ReplayOptions): Promise<ReplayResult> {
  const { db, tenantId, subscriber, signal } = options;
  const batchSize = options.batchSize ?? 100;
  let applied = 0;
  let batches = 0;
  for (;;) {
    throwIfAborted(signal);
    const step = await db.withTenant(
      tenantId,
      async (tx) => {
        const checkpoint = await lockCheckpoint(tx, subscriber.name);
        const after = Math.max(checkpoint, options.fromPosition);
        const batch = await readEvents(tx, {
          afterPosition: after,
          toPosition: options.toPosition,
          limit: batchSize,
        });
        let count = 0;
        for (const stored of batch) {
          throwIfAborted(signal);
          if (subscriber.types && !subscriber.types.includes(stored.event.type)) continue;
          await subscriber.apply(tx, stored, signal);
          count += 1;
        }
        const position = batch.at(-1)?.position ?? after;
        if (position > checkpoint) await advanceCheckpoint(tx, subscriber.name, position);
        return { position, count, read: batch.length };
      },
      { signal },
    );
    applied += step.count;
    if (step.read > 0) batches += 1;
    if (step.read < batchSize) return { position: step.position, applied, batches };
  }
}
