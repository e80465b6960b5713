import { ContractViolationError, parseContract } from '../common/contract-violation.ts';
import type { DomainEvent } from './domain-event.ts';
import { eventSchemas } from './domain-event.ts';
import { EventType } from './event-type.ts';

/**
 * Validates an event from the wire or the store: the envelope, then the payload against the
 * schema of its `type`. Throws a {@link ContractViolationError} whose issues carry field paths
 * (`["payload", "mode"]`); an unknown `type` is reported as such, naming the known types.
 */
export function parseEvent(input: unknown): DomainEvent {
  const type: unknown =
    typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') {
    throw new ContractViolationError('event', [
      { path: ['type'], message: 'an event needs a string "type"' },
    ]);
  }
  const known = EventType.safeParse(type);
  if (!known.success) {
    throw new ContractViolationError('event', [
      {
        path: ['type'],
        message: `unknown event type "${type}"; v1 types are ${EventType.options.join(', ')}`,
      },
    ]);
  }
  return parseContract(`event ${known.data}`, eventSchemas[known.data], input) as DomainEvent;
}
