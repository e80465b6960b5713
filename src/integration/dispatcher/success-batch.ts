import type { EventEnvelope } from '../../contracts/events/envelope.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { eventEnvelopes } from '../../platform/db/outbox.ts';
import { isWebhookEligible, enqueueWebhookDelivery } from '../../platform/db/webhook-fanout.ts';
import type { ClaimedAction } from './claimed-action.ts';
import { outcomeEvents } from './domain-events.ts';
import { LeaseLostError } from './record-outcome.ts';
import { transitionEvent } from '../../platform/db/action-move.ts';

interface PendingSuccess {
  action: ClaimedAction;
  payload: unknown;
  result: unknown;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface SuccessBatcherOptions {
  db: Database;
  /** Bound on one batch's transaction, in ms. */
  recordTimeoutMs: number;
  /** Most successes per transaction. @default 500 */
  maxBatch?: number;
}

/**
 * Records successes (DISPATCHED → SUCCEEDED, its ActionStateChanged and business events, their
 * webhook deliveries) of many actions, across tenants, in one transaction through
 * `record_successes` (ADR 0015). Batching is natural, as in a database's group commit: while
 * one batch is being written the next gathers, so an idle dispatcher writes each success at
 * once and a busy one writes them by the dozen. Each caller learns its own fate: committed,
 * its lease lost (the row had been taken over: nothing of it was written), or the batch failed.
 * Commits are asynchronous (`synchronousCommit: false`): a server crash may lose a batch, and
 * reconcile-before-resend finds those effects again at the target.
 */
export class SuccessBatcher {
  private pending: PendingSuccess[] = [];
  private writing = false;

  constructor(private readonly options: SuccessBatcherOptions) {}

  /** Resolves once the success is committed; rejects with {@link LeaseLostError} or the error. */
  record(action: ClaimedAction, payload: unknown, result: unknown): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ action, payload, result, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // Successes that finish in this same turn of the event loop join the first batch.
        setImmediate(() => void this.writeBatches());
      }
    });
  }

  private async writeBatches(): Promise<void> {
    while (this.pending.length > 0) {
      const prepared: PreparedSuccess[] = [];
      for (const item of this.pending.splice(0, this.options.maxBatch ?? 500)) {
        // An outcome whose events break their contract fails alone, not its whole batch.
        try {
          prepared.push({ ...item, events: successEvents(item) });
        } catch (error) {
          item.reject(error);
        }
      }
      if (prepared.length === 0) continue;
      try {
        const moved = await this.write(prepared);
        for (const item of prepared) {
          if (moved.has(item.action.id)) item.resolve();
          else item.reject(leaseLost(item.action));
        }
      } catch (error) {
        for (const item of prepared) item.reject(error);
      }
    }
    this.writing = false;
  }

  /** One transaction for the batch; answers the ids of the actions that moved. */
  private write(batch: readonly PreparedSuccess[]): Promise<Set<string>> {
    const outcomes = batch.map(({ action, result }) => ({
      tenant_id: action.tenantId,
      id: action.id,
      locked_by: action.lockedBy,
      attempt: action.attempt,
      result,
    }));
    const envelopes = new Map<string, EventEnvelope>();
    const events = batch.flatMap(({ action, events: own }) =>
      own.map((envelope, ord) => {
        envelopes.set(envelope.id, envelope);
        return { ...envelope, action_id: action.id, eligible: isWebhookEligible(envelope), ord };
      }),
    );
    return this.options.db.withoutTenant(
      async (tx) => {
        const rows = await tx.query<{
          action_id: string;
          event_id: string | null;
          endpoint_id: string | null;
          endpoint_url: string | null;
        }>('select * from record_successes($1::jsonb, $2::jsonb)', [
          JSON.stringify(outcomes),
          JSON.stringify(events),
        ]);
        const moved = new Set<string>();
        const deliveries: { event: EventEnvelope; endpoint: { id: string; url: string } }[] = [];
        for (const row of rows.rows) {
          if (row.event_id === null) moved.add(row.action_id);
          else {
            deliveries.push({
              event: envelopes.get(row.event_id)!,
              endpoint: { id: row.endpoint_id!, url: row.endpoint_url! },
            });
          }
        }
        await enqueueDeliveries(tx, deliveries);
        return moved;
      },
      { signal: AbortSignal.timeout(this.options.recordTimeoutMs), synchronousCommit: false },
    );
  }
}

interface PreparedSuccess extends PendingSuccess {
  events: EventEnvelope[];
}

/** The success's ActionStateChanged and business events, validated against their contracts. */
function successEvents({ action, payload, result }: PendingSuccess): EventEnvelope[] {
  const succeeded = transitionEvent(action, {
    from: 'DISPATCHED',
    event: 'succeed',
    attempt: action.attempt,
    reason: null,
  });
  return eventEnvelopes(action.tenantId, [
    succeeded.event,
    ...outcomeEvents(action, payload, { kind: 'succeeded', result }),
  ]);
}

/** Webhook deliveries of the batch's events, each under its own tenant, in this transaction. */
async function enqueueDeliveries(
  tx: Tx,
  deliveries: readonly { event: EventEnvelope; endpoint: { id: string; url: string } }[],
): Promise<void> {
  const sorted = [...deliveries].sort(
    (a, b) =>
      a.event.tenant_id.localeCompare(b.event.tenant_id) ||
      a.endpoint.id.localeCompare(b.endpoint.id),
  );
  let tenantId: string | undefined;
  for (const { event, endpoint } of sorted) {
    if (event.tenant_id !== tenantId) {
      tenantId = event.tenant_id;
      await tx.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    }
    await enqueueWebhookDelivery({ tenantId, query: tx.query }, endpoint, event);
  }
}

function leaseLost(action: ClaimedAction): LeaseLostError {
  return new LeaseLostError('the lease on this action was lost before its outcome was written', {
    details: { actionId: action.id, attempt: action.attempt },
  });
}
