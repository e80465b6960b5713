/**
 * The session store without a database. Validates everything the Postgres store validates
 * (event payloads against the event contracts, action payloads against the tool contracts), so a
 * test that passes here fails for the same reasons there.
 */
import { parseContract } from '../../contracts/common/contract-violation.ts';
import type { EventType } from '../../contracts/events/index.ts';
import { eventPayloadSchemas } from '../../contracts/events/index.ts';
import type { ActionType } from '../../contracts/actions/index.ts';
import { toolContracts } from '../../contracts/tools/index.ts';
import { idempotencyKeyFor } from '../../platform/db/outbox.ts';
import { newId } from '../../platform/ids.ts';
import { dedupeKeys } from './order-documents.ts';
import type {
  CommittedOrder,
  OrderBuilder,
  SessionRef,
  SessionStart,
  SessionStore,
} from './session-store.ts';

export interface StoredEvent {
  id: string;
  type: EventType;
  tenantId: string;
  sessionId: string | null;
  correlationId: string;
  payload: unknown;
}

export interface StoredAction {
  id: string;
  type: ActionType;
  status: 'PENDING';
  sessionId: string;
  idempotencyKey: string;
  payload: unknown;
}

export interface StoredSession extends SessionStart {
  status: 'active' | 'completed';
  outcome: string | null;
  orderReference: string | null;
  endedAt: Date | null;
}

export class MemorySessionStore implements SessionStore {
  readonly sessions = new Map<string, StoredSession>();
  readonly events: StoredEvent[] = [];
  readonly actions: StoredAction[] = [];
  private readonly counters = new Map<string, number>();
  /** When set, the next commit fails with it (and writes nothing). */
  failNextCommit: Error | undefined;

  startSession(start: SessionStart): Promise<void> {
    this.sessions.set(start.sessionId, {
      ...start,
      status: 'active',
      outcome: null,
      orderReference: null,
      endedAt: null,
    });
    return Promise.resolve();
  }

  commitOrder(session: SessionRef, prefix: string, build: OrderBuilder): Promise<CommittedOrder> {
    try {
      if (this.failNextCommit) {
        const error = this.failNextCommit;
        this.failNextCommit = undefined;
        throw error;
      }
      const counterKey = `${session.tenantId}/${session.locationId}`;
      const number = (this.counters.get(counterKey) ?? 1000) + 1;
      const orderReference = `${prefix}-${number}`;
      const documents = build(orderReference);
      const keys = dedupeKeys(session.locationId, orderReference);
      const newActions: StoredAction[] = (
        [
          ['create_pos_order', documents.draft],
          ['dispatch_printer_ticket', documents.ticket],
          ['send_confirmation_message', documents.message],
        ] as const
      ).map(([type, payload]) => ({
        id: newId(),
        type,
        status: 'PENDING',
        sessionId: session.sessionId,
        idempotencyKey: idempotencyKeyFor(session.tenantId, type, keys[type]),
        payload: parseContract(`${type} input`, toolContracts[type].input, payload),
      }));
      const event = this.validatedEvent(session, 'OrderDrafted', {
        order_reference: orderReference,
        location_id: session.locationId,
        action_id: newActions[0]!.id,
        currency: documents.draft.currency,
        line_count: documents.draft.lines.length,
        total_minor: documents.draft.totals.total_minor,
        fulfilment: documents.draft.fulfilment.type,
        requested_time: documents.draft.requested_time,
      });
      // Everything validated: now "commit" all of it at once.
      this.counters.set(counterKey, number);
      this.actions.push(...newActions);
      this.events.push(event);
      const row = this.sessions.get(session.sessionId);
      if (row) row.orderReference = orderReference;
      return Promise.resolve({
        orderReference,
        actionIds: {
          create_pos_order: newActions[0]!.id,
          dispatch_printer_ticket: newActions[1]!.id,
          send_confirmation_message: newActions[2]!.id,
        },
        documents,
      });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  recordEscalation(session: SessionRef, payload: unknown): Promise<void> {
    try {
      this.events.push(this.validatedEvent(session, 'HumanEscalated', payload));
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  completeSession(
    session: SessionRef,
    payload: { outcome: string } & Record<string, unknown>,
  ): Promise<void> {
    try {
      this.events.push(this.validatedEvent(session, 'SessionCompleted', payload));
      const row = this.sessions.get(session.sessionId);
      if (row) {
        row.status = 'completed';
        row.outcome = payload.outcome;
        row.endedAt = new Date();
      }
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  eventsOf(sessionId: string): StoredEvent[] {
    return this.events.filter((event) => event.sessionId === sessionId);
  }

  actionsOf(sessionId: string): StoredAction[] {
    return this.actions.filter((action) => action.sessionId === sessionId);
  }

  private validatedEvent(session: SessionRef, type: EventType, payload: unknown): StoredEvent {
    return {
      id: newId(),
      type,
      tenantId: session.tenantId,
      sessionId: session.sessionId,
      correlationId: session.correlationId,
      payload: parseContract(`event ${type}`, eventPayloadSchemas[type], payload),
    };
  }
}
