/**
 * The session store on PostgreSQL: the sessions row, events through `appendEvent`, actions
 * through `enqueueAction` (the outbox), each unit of work in one `withTenant` transaction.
 */
import type {
  HumanEscalatedPayload,
  SessionCompletedPayload,
} from '../../contracts/events/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { appendEvent, enqueueAction } from '../../platform/db/outbox.ts';
import { dedupeKeys } from './order-documents.ts';
import type {
  CommittedOrder,
  OrderBuilder,
  SessionRef,
  SessionStart,
  SessionStore,
} from './session-store.ts';

/** First number of a location's order references (`A-1001`). */
const FIRST_ORDER_NUMBER = 1001;

export class PostgresSessionStore implements SessionStore {
  constructor(private readonly db: Database) {}

  async startSession(start: SessionStart, signal?: AbortSignal): Promise<void> {
    await this.db.withTenant(
      start.tenantId,
      async (tx) => {
        await tx.query(
          `insert into sessions (tenant_id, id, location_id, channel, correlation_id, blueprint_id, overlay_id, caller_ref, routing, metadata, started_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, '{}', $9, $10)`,
          [
            start.tenantId,
            start.sessionId,
            start.locationId,
            start.channel,
            start.correlationId,
            start.blueprintId,
            start.overlayId,
            start.callerRef,
            JSON.stringify({ config_version: start.configVersion, policy: start.policy }),
            start.startedAt.toISOString(),
          ],
        );
      },
      signal ? { signal } : {},
    );
  }

  async commitOrder(
    session: SessionRef,
    prefix: string,
    build: OrderBuilder,
    signal?: AbortSignal,
  ): Promise<CommittedOrder> {
    return this.db.withTenant(
      session.tenantId,
      async (tx) => {
        // One order at a time per location takes a number: the reference is unique per location.
        await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `order-reference:${session.tenantId}:${session.locationId}`,
        ]);
        const counted = await tx.query<{ drafted: number }>(
          `select count(*)::int as drafted from events
           where type = 'OrderDrafted' and payload->>'location_id' = $1`,
          [session.locationId],
        );
        const orderReference = `${prefix}-${FIRST_ORDER_NUMBER + (counted.rows[0]?.drafted ?? 0)}`;
        const documents = build(orderReference);
        const keys = dedupeKeys(session.locationId, orderReference);
        const common = { sessionId: session.sessionId, correlationId: session.correlationId };
        const pos = await enqueueAction(tx, {
          ...common,
          type: 'create_pos_order',
          payload: documents.draft,
          dedupeKey: keys.create_pos_order,
        });
        const ticket = await enqueueAction(tx, {
          ...common,
          type: 'dispatch_printer_ticket',
          payload: documents.ticket,
          dedupeKey: keys.dispatch_printer_ticket,
        });
        const message = await enqueueAction(tx, {
          ...common,
          type: 'send_confirmation_message',
          payload: documents.message,
          dedupeKey: keys.send_confirmation_message,
        });
        await appendEvent(tx, {
          ...common,
          type: 'OrderDrafted',
          payload: {
            order_reference: orderReference,
            location_id: session.locationId,
            action_id: pos.id,
            currency: documents.draft.currency,
            line_count: documents.draft.lines.length,
            total_minor: documents.draft.totals.total_minor,
            fulfilment: documents.draft.fulfilment.type,
            requested_time: documents.draft.requested_time,
          },
        });
        await tx.query(
          `update sessions set metadata = metadata || jsonb_build_object('order_reference', $2::text)
           where id = $1`,
          [session.sessionId, orderReference],
        );
        return {
          orderReference,
          actionIds: {
            create_pos_order: pos.id,
            dispatch_printer_ticket: ticket.id,
            send_confirmation_message: message.id,
          },
          documents,
        };
      },
      signal ? { signal } : {},
    );
  }

  async recordEscalation(
    session: SessionRef,
    payload: HumanEscalatedPayload,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.db.withTenant(
      session.tenantId,
      async (tx) => {
        await appendEvent(tx, {
          type: 'HumanEscalated',
          payload,
          sessionId: session.sessionId,
          correlationId: session.correlationId,
        });
      },
      signal ? { signal } : {},
    );
  }

  async completeSession(
    session: SessionRef,
    payload: SessionCompletedPayload,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.db.withTenant(
      session.tenantId,
      async (tx) => {
        await appendEvent(tx, {
          type: 'SessionCompleted',
          payload,
          sessionId: session.sessionId,
          correlationId: session.correlationId,
        });
        await tx.query(
          `update sessions set status = 'completed', outcome = $2, ended_at = now() where id = $1`,
          [session.sessionId, payload.outcome],
        );
      },
      signal ? { signal } : {},
    );
  }
}
