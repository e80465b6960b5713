import type { ActionError } from '../../contracts/actions/action-error.ts';
import type { ToolInput, ToolOutput } from '../../contracts/tools/registry.ts';
import type { AnyNewEvent } from '../../platform/db/outbox.ts';
import type { ClaimedAction } from './claimed-action.ts';

/**
 * The §8.1 business events an action's outcome implies, written in the same transaction as
 * its state change: OrderCreated / OrderWritebackFailed for the POS, PrinterTicketDispatched /
 * PrinterTicketFailed for the printer. `payload` is the validated input (absent when the
 * stored payload broke its contract: then only ActionStateChanged tells the story).
 */
export function outcomeEvents(
  action: ClaimedAction,
  payload: unknown,
  outcome:
    | { kind: 'succeeded'; result: unknown }
    | {
        kind: 'failed';
        error: ActionError;
        willRetry: boolean;
        timeout: boolean;
        rejected: boolean;
      },
): AnyNewEvent[] {
  if (payload === undefined) return [];
  const base = { sessionId: action.sessionId, correlationId: action.correlationId };
  if (action.type === 'create_pos_order') {
    const draft = payload as ToolInput<'create_pos_order'>;
    if (outcome.kind === 'succeeded') {
      const result = outcome.result as ToolOutput<'create_pos_order'>;
      if (result.status !== 'accepted') return [];
      return [
        {
          ...base,
          type: 'OrderCreated',
          payload: {
            order_reference: draft.order_reference,
            location_id: draft.location_id,
            action_id: action.id,
            pos_order_id: result.pos_order_id,
            estimated_ready_at: result.estimated_ready_at,
          },
        },
      ];
    }
    return [
      {
        ...base,
        type: 'OrderWritebackFailed',
        payload: {
          order_reference: draft.order_reference,
          location_id: draft.location_id,
          action_id: action.id,
          attempt: Math.max(1, action.attempt),
          kind: outcome.rejected ? 'rejected' : outcome.timeout ? 'timeout' : 'error',
          error: outcome.error,
          will_retry: outcome.willRetry,
        },
      },
    ];
  }
  if (action.type === 'dispatch_printer_ticket') {
    const ticket = payload as ToolInput<'dispatch_printer_ticket'>;
    if (outcome.kind === 'succeeded') {
      const result = outcome.result as ToolOutput<'dispatch_printer_ticket'>;
      if (result.status === 'failed') return [];
      return [
        {
          ...base,
          type: 'PrinterTicketDispatched',
          payload: {
            job_id: ticket.job_id,
            order_reference: ticket.order_reference,
            location_id: ticket.location_id,
            action_id: action.id,
            device_id: result.device_id,
            printer_id: result.printer_id,
          },
        },
      ];
    }
    return [
      {
        ...base,
        type: 'PrinterTicketFailed',
        payload: {
          job_id: ticket.job_id,
          order_reference: ticket.order_reference,
          location_id: ticket.location_id,
          action_id: action.id,
          device_id: null,
          printer_id: null,
          attempt: Math.max(1, action.attempt),
          error: outcome.error,
          will_retry: outcome.willRetry,
        },
      },
    ];
  }
  return [];
}
