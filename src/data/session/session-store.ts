/**
 * Where a session's record goes: the sessions row, its events and the outbox actions. Two
 * implementations behind one interface: {@link MemorySessionStore} (no database: `call --menu`,
 * unit tests, the simulator) and `PostgresSessionStore` (the real thing).
 */
import type {
  HumanEscalatedPayload,
  SessionCompletedPayload,
} from '../../contracts/events/index.ts';
import type { OrderDocuments } from './order-documents.ts';

export type SessionChannel = 'text' | 'twilio' | 'sip' | 'webrtc' | 'simulator' | 'audio-file';

export interface SessionRef {
  tenantId: string;
  locationId: string;
  sessionId: string;
  correlationId: string;
}

export interface SessionStart extends SessionRef {
  channel: SessionChannel;
  /** Pinned configuration; null until blueprints/overlays are stored by the control plane. */
  blueprintId: string | null;
  overlayId: string | null;
  configVersion: string;
  policy: string;
  callerRef: string | null;
  startedAt: Date;
}

export interface CommittedOrder {
  orderReference: string;
  /** Action ids by type. */
  actionIds: {
    create_pos_order: string;
    dispatch_printer_ticket: string;
    send_confirmation_message: string;
  };
  documents: OrderDocuments;
}

/** Builds the order's documents once the store has allocated its reference. */
export type OrderBuilder = (orderReference: string) => OrderDocuments;

export interface SessionStore {
  startSession(start: SessionStart, signal?: AbortSignal): Promise<void>;
  /**
   * In ONE transaction: allocate the order reference, enqueue create_pos_order,
   * dispatch_printer_ticket and send_confirmation_message (PENDING), append OrderDrafted and
   * update the session row. All or nothing.
   */
  commitOrder(
    session: SessionRef,
    prefix: string,
    build: OrderBuilder,
    signal?: AbortSignal,
  ): Promise<CommittedOrder>;
  recordEscalation(
    session: SessionRef,
    payload: HumanEscalatedPayload,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Appends SessionCompleted and closes the session row. */
  completeSession(
    session: SessionRef,
    payload: SessionCompletedPayload,
    signal?: AbortSignal,
  ): Promise<void>;
}
